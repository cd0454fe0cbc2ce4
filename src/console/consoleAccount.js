// The worker's own account: multi-factor sign-in (an authenticator app, recovery codes) and the password.
/* global document */

import * as api from './consoleApi.js';
import { formatDate, t } from './consoleI18n.js';
import { el } from './consoleView.js';

const $ = (id) => document.getElementById(id);

/** The messages of the account page's errors, by the server's `code` or status. */
function errorKey(error) {
  const code = error instanceof api.ApiError ? error.body?.code : undefined;
  if (code === 'wrong_password' || code === 'wrong_code' || code === 'second_factor_enabled') return 'ui.account.errors.' + code;
  if (error instanceof api.ApiError && error.status === 429) return 'ui.login.too_many';
  if (error instanceof api.ApiError && error.status === 400) return 'ui.account.errors.invalid';
  return api.describeError(error).key;
}

export class AccountPanel {
  constructor() {
    this.status = null;
    this.codes = null;
    /** While the sign-in requires setting up the second factor: called once it is on and the codes were seen. */
    this.onEnrolled = null;
    $('mfa-start-form').addEventListener('submit', (event) => (event.preventDefault(), this.start()));
    $('mfa-confirm-form').addEventListener('submit', (event) => (event.preventDefault(), this.confirm()));
    $('recovery-new-form').addEventListener('submit', (event) => (event.preventDefault(), this.renewCodes()));
    $('recovery-done').addEventListener('click', () => this.hideCodes());
    $('password-form').addEventListener('submit', (event) => (event.preventDefault(), this.changePassword()));
  }

  /**
   * The set-up the sign-in requires, before anything else: the page with only the second factor,
   * already started when the password step gave its `secret` (else it asks the password again,
   * after a reload). `onEnrolled` runs once the recovery codes were seen.
   */
  async enrol(enrolment, onEnrolled) {
    this.onEnrolled = onEnrolled;
    await this.open();
    if (enrolment?.secret) this.showSetup(enrolment.secret);
  }

  /** Shows the page afresh: the state of multi-factor sign-in, nothing typed kept. */
  async open() {
    for (const id of ['mfa-password', 'mfa-code', 'recovery-password', 'current-password', 'new-password']) $(id).value = '';
    $('mfa-error').textContent = '';
    $('password-result').textContent = '';
    $('mfa-setup').hidden = true;
    this.hideCodes({ focus: false });
    try {
      this.status = await api.secondFactorStatus();
    } catch (error) {
      $('mfa-error').textContent = t(errorKey(error));
    }
    this.render();
  }

  render() {
    const enabled = this.status?.enabled === true;
    const enrolling = this.onEnrolled !== null;
    $('mfa-required').hidden = !enrolling;
    $('account-back').hidden = enrolling;
    $('password-card').hidden = enrolling;
    $('mfa-status').textContent = enabled
      ? t('ui.account.mfa_on', { date: formatDate(String(this.status.enabledAt ?? '').slice(0, 10)), count: this.status.recoveryCodesLeft })
      : t('ui.account.mfa_off');
    $('mfa-status').classList.toggle('warning', !enabled);
    $('mfa-start-form').hidden = enabled || !$('mfa-setup').hidden || this.codes !== null;
    $('recovery-new-form').hidden = !enabled || this.codes !== null;
  }

  async start() {
    $('mfa-error').textContent = '';
    try {
      const { secret } = await api.startSecondFactor($('mfa-password').value);
      $('mfa-password').value = '';
      this.showSetup(secret);
    } catch (error) {
      $('mfa-error').textContent = t(errorKey(error));
    }
  }

  /** The QR code and key of the set-up under way, and the box for the app's first code. */
  showSetup(secret) {
    // A new URL each time: the browser must not show the QR code of an earlier secret.
    $('mfa-qr').src = api.SECOND_FACTOR_QR_URL + '?' + Date.now();
    $('mfa-qr').alt = t('ui.account.mfa_qr_alt');
    $('mfa-secret').textContent = secret.replace(/(.{4})/g, '$1 ').trim();
    $('mfa-setup').hidden = false;
    this.render();
    $('mfa-code').focus();
  }

  async confirm() {
    $('mfa-error').textContent = '';
    try {
      const { recoveryCodes } = await api.enableSecondFactor($('mfa-code').value);
      $('mfa-setup').hidden = true;
      $('mfa-qr').removeAttribute('src');
      $('mfa-secret').textContent = '';
      this.status = await api.secondFactorStatus();
      this.showCodes(recoveryCodes);
    } catch (error) {
      $('mfa-error').textContent = t(errorKey(error));
      $('mfa-code').select();
    }
  }

  async renewCodes() {
    $('mfa-error').textContent = '';
    try {
      const { recoveryCodes } = await api.newRecoveryCodes($('recovery-password').value);
      $('recovery-password').value = '';
      this.status = await api.secondFactorStatus();
      this.showCodes(recoveryCodes);
    } catch (error) {
      $('mfa-error').textContent = t(errorKey(error));
    }
  }

  /** The recovery codes, once: they are gone from the page when the worker says they wrote them down. */
  showCodes(codes) {
    this.codes = codes;
    $('recovery-codes').replaceChildren(...codes.map((code) => el('li', {}, el('code', {}, code))));
    $('recovery-box').hidden = false;
    this.render();
    $('recovery-done').focus();
  }

  hideCodes({ focus = true } = {}) {
    const wasShown = this.codes !== null;
    this.codes = null;
    $('recovery-codes').replaceChildren();
    $('recovery-box').hidden = true;
    if (wasShown && this.status?.enabled && this.onEnrolled) {
      const enrolled = this.onEnrolled;
      this.onEnrolled = null;
      this.render();
      enrolled();
      return;
    }
    this.render();
    if (focus) $('mfa-heading').scrollIntoView?.({ block: 'nearest' });
  }

  async changePassword() {
    const result = $('password-result');
    result.textContent = '';
    try {
      await api.changePassword($('current-password').value, $('new-password').value);
      $('current-password').value = '';
      $('new-password').value = '';
      result.textContent = t('ui.account.password_changed');
    } catch (error) {
      const status = error instanceof api.ApiError ? error.status : 0;
      result.textContent = status === 403 ? t('ui.account.errors.wrong_password') : status === 400 ? t('ui.account.errors.weak_password') : t(errorKey(error));
    }
  }
}
