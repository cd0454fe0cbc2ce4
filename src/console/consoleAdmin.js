// The admins' page: the accounts (reset a lost second factor) and the audit log, searchable.
/* global document */

import * as api from './consoleApi.js';
import { formatDateTime, languageName, t } from './consoleI18n.js';
import { el } from './consoleView.js';

const $ = (id) => document.getElementById(id);

/** The actions the audit log records, as the filter offers them. */
export const AUDIT_ACTIONS = [
  'login',
  'login_failed',
  'login_throttled',
  'login_second_factor_asked',
  'logout',
  'password_changed',
  'password_change_failed',
  'second_factor_setup_started',
  'second_factor_enabled',
  'second_factor_password_failed',
  'second_factor_reset',
  'recovery_codes_replaced',
  'worker_added',
  'worker_disabled',
  'transcript_viewed',
  'transcript_exported',
  'handoff_claimed',
  'handoff_reply',
  'handoff_note',
  'handoff_resolved',
  'family_erased',
];

/** The label of an audit action, or the action itself when the console has none for it. */
function actionLabel(action) {
  const key = 'ui.admin.actions.' + action;
  const text = t(key);
  return text === key ? action : text;
}

/** The end of the day `date` (YYYY-MM-DD, the worker's time zone) as an ISO instant. */
function endOfDay(date) {
  const [year, month, day] = date.split('-').map(Number);
  return new Date(year, month - 1, day, 23, 59, 59, 999).toISOString();
}

function startOfDay(date) {
  const [year, month, day] = date.split('-').map(Number);
  return new Date(year, month - 1, day).toISOString();
}

function headerRow(keys) {
  return el('thead', {}, el('tr', {}, ...keys.map((key) => el('th', { attrs: { scope: 'col' } }, t(key)))));
}

export class AdminPanel {
  constructor() {
    this.workers = [];
    this.entries = null;
    $('audit-form').addEventListener('submit', (event) => (event.preventDefault(), this.search()));
    $('workers-table').addEventListener('click', (event) => {
      const button = event.target.closest('button[data-reset]');
      if (button) this.reset(button.dataset.reset, button.dataset.name);
    });
  }

  async open() {
    this.fillActions();
    $('workers-status').textContent = '';
    await Promise.all([this.loadWorkers(), this.search()]);
  }

  fillActions() {
    const select = $('audit-action');
    const chosen = select.value;
    select.replaceChildren(
      el('option', { attrs: { value: '' } }, t('ui.admin.audit_all_actions')),
      ...AUDIT_ACTIONS.map((action) => el('option', { attrs: { value: action } }, actionLabel(action))),
    );
    select.value = chosen;
  }

  /** Everything again in the console's new language. */
  rerender() {
    this.fillActions();
    this.renderWorkers();
    if (this.entries) this.renderAudit();
  }

  async loadWorkers() {
    try {
      this.workers = await api.listWorkers();
    } catch (error) {
      $('workers-status').textContent = t(api.describeError(error).key);
    }
    this.renderWorkers();
  }

  renderWorkers() {
    const rows = this.workers.map((worker) =>
      el(
        'tr',
        { attrs: { 'data-worker-id': worker.id } },
        el('td', {}, worker.name),
        el('td', {}, worker.email),
        el('td', {}, t('ui.admin.role.' + worker.role) + (worker.disabled ? ' — ' + t('ui.admin.disabled') : '')),
        el('td', {}, (worker.languages ?? []).map(languageName).join(', ')),
        el('td', {}, worker.secondFactor ? t('ui.admin.mfa_on') : t('ui.admin.mfa_off')),
        el(
          'td',
          {},
          worker.secondFactor
            ? el('button', { className: 'danger-outline', attrs: { type: 'button', 'data-reset': worker.id, 'data-name': worker.name } }, t('ui.admin.mfa_reset'))
            : '',
        ),
      ),
    );
    $('workers-table').replaceChildren(
      headerRow(['ui.admin.col_name', 'ui.admin.col_email', 'ui.admin.col_role', 'ui.admin.col_languages', 'ui.admin.col_mfa', 'ui.admin.col_actions']),
      el('tbody', {}, ...rows),
    );
  }

  async reset(workerId, name) {
    try {
      await api.resetSecondFactor(workerId);
      $('workers-status').textContent = t('ui.admin.mfa_reset_done', { name });
    } catch (error) {
      $('workers-status').textContent = t(api.describeError(error).key);
    }
    await this.loadWorkers();
  }

  async search() {
    const from = $('audit-from').value;
    const to = $('audit-to').value;
    const query = {
      action: $('audit-action').value,
      email: $('audit-email').value.trim(),
      ip: $('audit-ip').value.trim(),
      target: $('audit-target').value.trim(),
      from: from ? startOfDay(from) : '',
      to: to ? endOfDay(to) : '',
    };
    $('audit-status').textContent = t('ui.queue.loading');
    try {
      this.entries = await api.searchAudit(query);
      this.renderAudit();
    } catch (error) {
      $('audit-status').textContent = t(api.describeError(error).key);
    }
  }

  renderAudit() {
    const entries = this.entries ?? [];
    $('audit-status').textContent = t('ui.admin.audit_count', { count: entries.length });
    const details = (entry) => {
      const data = entry.data && typeof entry.data === 'object' ? Object.entries(entry.data) : [];
      return data.map(([key, value]) => `${key}: ${typeof value === 'object' ? JSON.stringify(value) : value}`).join(', ');
    };
    $('audit-table').replaceChildren(
      headerRow(['ui.admin.col_when', 'ui.admin.col_action', 'ui.admin.col_who', 'ui.admin.col_target', 'ui.admin.col_ip', 'ui.admin.col_details']),
      el(
        'tbody',
        {},
        ...entries.map((entry) =>
          el(
            'tr',
            { attrs: { 'data-action': entry.action } },
            el('td', {}, el('time', { attrs: { datetime: entry.at } }, formatDateTime(entry.at))),
            el('td', {}, actionLabel(entry.action)),
            el('td', {}, entry.worker ? `${entry.worker.name} <${entry.worker.email}>` : (entry.email ?? '')),
            el('td', { className: 'mono' }, entry.target ?? ''),
            el('td', { className: 'mono' }, entry.ip ?? ''),
            el('td', {}, details(entry)),
          ),
        ),
      ),
    );
  }
}
