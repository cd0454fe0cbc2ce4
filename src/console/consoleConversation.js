// The open conversation: header, profile, transcript and the worker's actions on it.
/* global document */

import * as api from './consoleApi.js';
import { formatTime, getUiLanguage, languageName, quickReplyIds, t, translateIn } from './consoleI18n.js';
import { claimedByText, el, renderHeader, renderProfile, TranscriptView } from './consoleView.js';

const $ = (id) => document.getElementById(id);

export class ConversationPanel {
  /**
   * `onChanged`: the worker changed a handoff (refresh the queue). `onGone(id, key)`: the
   * conversation no longer exists (its family's data was erased): back to the queue, saying `key`.
   */
  constructor({ getMe, onChanged, onGone }) {
    this.getMe = getMe;
    this.onChanged = onChanged;
    this.onGone = onGone;
    this.id = null;
    this.detail = null;
    this.drafts = new Map();
    this.generation = 0;
    this.erasing = false;
    this.transcript = new TranscriptView($('transcript'));
    this.wire();
  }

  wire() {
    $('claim').addEventListener('click', () => this.act(() => api.claim(this.id), { focus: 'reply-text' }));
    $('take-over').addEventListener('click', () => this.act(() => api.claim(this.id, { takeOver: true }), { focus: 'reply-text' }));
    $('send-template').addEventListener('click', () => this.act(() => api.sendTemplate(this.id), { append: 'message' }));
    $('reply-form').addEventListener('submit', (event) => {
      event.preventDefault();
      this.send();
    });
    $('reply-text').addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        $('reply-form').requestSubmit();
      }
    });
    $('reply-text').addEventListener('input', () => this.drafts.set(this.id, $('reply-text').value));
    $('quick-reply').addEventListener('change', () => this.previewQuickReply());
    $('insert-quick').addEventListener('click', () => this.insertQuickReply());
    $('note-form').addEventListener('submit', (event) => {
      event.preventDefault();
      this.addNote();
    });
    $('note-text').addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        $('note-form').requestSubmit();
      }
    });
    for (const name of ['resolve', 'erase']) {
      $(name).addEventListener('click', () => this.ask(name, true));
      $('cancel-' + name).addEventListener('click', () => this.ask(name, false));
      $(name + '-confirm').addEventListener('keydown', (event) => {
        if (event.key === 'Escape') this.ask(name, false);
      });
    }
    $('confirm-resolve').addEventListener('click', async () => {
      this.ask('resolve', false, { focus: false });
      await this.act(() => api.resolve(this.id));
    });
    $('confirm-erase').addEventListener('click', () => this.erase());
  }

  /** Shows handoff `id`, fetched afresh. */
  async open(id) {
    if (this.id !== id) {
      if (this.id) this.drafts.set(this.id, $('reply-text').value);
      this.id = id;
      this.detail = null;
      this.holderId = undefined;
      this.transcript.clear();
      this.clearError();
      this.ask('resolve', false, { focus: false });
      this.ask('erase', false, { focus: false });
      $('conversation-placeholder').hidden = true;
      $('conversation-body').hidden = false;
      $('conversation-heading').textContent = t('ui.conversation.loading');
      $('conversation-badges').replaceChildren();
      $('profile-fields').replaceChildren();
      $('reply-text').value = this.drafts.get(id) ?? '';
      $('note-text').value = '';
      $('quick-reply').value = '';
      this.previewQuickReply();
    }
    await this.refresh({ quiet: true });
    if (this.id === id) $('conversation-heading').focus();
  }

  close() {
    if (this.id) this.drafts.set(this.id, $('reply-text').value);
    this.id = null;
    this.detail = null;
    this.generation += 1;
    this.transcript.clear();
    $('conversation-body').hidden = true;
    $('conversation-placeholder').hidden = false;
  }

  /** Refetches the open conversation (after an event, `background`, or an action). */
  async refresh({ quiet = false, background = false } = {}) {
    const id = this.id;
    if (!id) return;
    const generation = ++this.generation;
    try {
      const detail = await api.getHandoff(id, { background });
      if (generation !== this.generation || id !== this.id) return;
      this.detail = detail;
      this.render({ quiet });
    } catch (error) {
      if (generation !== this.generation) return;
      if (error instanceof api.ApiError && error.status === 404) this.onGone(id, 'ui.conversation.gone');
      else this.showError(error);
    }
  }

  render({ quiet = false } = {}) {
    const detail = this.detail;
    if (!detail) return;
    renderHeader($('conversation-heading'), $('conversation-badges'), detail.handoff);
    renderProfile($('profile-fields'), detail.profile ?? {});
    this.transcript.update(detail.transcript ?? [], { me: this.getMe(), quiet });
    this.renderActions();
  }

  /** Everything again in the new console language. */
  rerender() {
    this.fillQuickReplies();
    if (!this.detail) return;
    this.render();
    this.transcript.rerender(this.getMe());
    this.previewQuickReply();
  }

  renderActions() {
    // What the worker may do comes from the server (`allowed`); only what to say about it is decided here.
    const { handoff, allowed, profile = {}, whatsappWindow, template } = this.detail;
    const me = this.getMe();
    const mine = handoff.claimedBy?.id === me?.id;
    const resolved = handoff.status === 'resolved';
    const windowClosed = whatsappWindow?.open === false;
    const holds = allowed.reply;
    const canText = holds && !profile.optedOut && !windowClosed;

    $('claim').hidden = !(allowed.claim && handoff.status === 'waiting');
    $('take-over').hidden = !(allowed.claim && handoff.status === 'active');
    // The worker who held it is told when an admin takes it over, at once (the event refreshes this page).
    if (this.holderId === me?.id && handoff.status === 'active' && !mine) {
      this.showMessage('ui.actions.taken_over', { name: handoff.claimedBy?.name ?? '' });
    }
    this.holderId = handoff.status === 'active' ? handoff.claimedBy?.id : undefined;
    $('claim-status').textContent = resolved
      ? t('ui.actions.read_only')
      : handoff.status === 'waiting'
        ? t('ui.actions.claim_hint')
        : mine
          ? t('ui.actions.you_claimed')
          : claimedByText(handoff, me);
    $('claim-status').classList.toggle('warning', handoff.status === 'active' && !mine);

    let blocked = '';
    if (!resolved && profile.optedOut) blocked = t('ui.actions.opted_out');
    else if (!resolved && windowClosed) blocked = t('ui.actions.window_closed') + (template?.available ? '' : ' ' + t('ui.actions.no_template'));
    $('send-blocked').textContent = blocked;
    $('send-blocked').hidden = blocked === '';

    $('send-template').hidden = !(windowClosed && template?.available && !profile.optedOut && !resolved);
    $('send-template').disabled = !holds;

    for (const id of ['reply-text', 'send', 'quick-reply', 'insert-quick']) $(id).disabled = !canText;
    // On a phone the reply box is pinned to the bottom of the screen while the worker holds the conversation.
    $('actions').dataset.holds = String(holds);
    $('actions').dataset.status = handoff.status;
    const language = profile.language ?? handoff.contact?.language;
    const hints = [t('ui.actions.send_language', { language: languageName(language), channel: t('ui.channel.' + handoff.contact?.channel) })];
    if (whatsappWindow?.open && whatsappWindow.closesAt) hints.push(t('ui.actions.window_open', { time: formatTime(whatsappWindow.closesAt) }));
    if (canText) hints.push(t('ui.actions.reply_hint'));
    $('reply-hint').textContent = hints.join(' ');

    $('resolve').hidden = resolved;
    $('resolve').disabled = !allowed.resolve;
    if (resolved || $('resolve').disabled) this.ask('resolve', false, { focus: false });

    $('export').href = api.exportUrl(handoff.id, { format: 'text', language: getUiLanguage() });
    $('export-json').href = api.exportUrl(handoff.id, { format: 'json' });
    $('erase').disabled = this.erasing || !allowed.erase;
    if ($('erase').disabled) this.ask('erase', false, { focus: false });
  }

  /** Runs an action, shows its error, refreshes the conversation and the queue. */
  async act(action, { append, focus } = {}) {
    if (!this.id) return false;
    this.clearError();
    let ok = true;
    try {
      const result = await action();
      if (append && result?.[append]) this.transcript.update([...this.transcript.items, result[append]], { me: this.getMe() });
    } catch (error) {
      ok = false;
      this.showError(error);
    }
    await this.refresh();
    this.onChanged();
    if (ok && focus && !$(focus).disabled) $(focus).focus();
    return ok;
  }

  async send() {
    const textarea = $('reply-text');
    const text = textarea.value;
    if (!this.id || !text.trim() || $('send').disabled) return;
    const button = $('send');
    button.disabled = true;
    button.textContent = t('ui.actions.sending');
    const id = this.id;
    const ok = await this.act(() => api.sendText(id, text), { append: 'message' });
    button.textContent = t('ui.actions.send');
    if (ok) {
      if (this.id === id) textarea.value = '';
      this.drafts.delete(id);
      if (!textarea.disabled) textarea.focus();
    } else if (this.detail) {
      this.renderActions();
    }
  }

  async addNote() {
    const textarea = $('note-text');
    const text = textarea.value;
    if (!this.id || !text.trim()) return;
    $('add-note').disabled = true;
    const ok = await this.act(() => api.addNote(this.id, text), { append: 'note' });
    $('add-note').disabled = false;
    if (ok) textarea.value = '';
  }

  /** Erases the family's data (it asked), then back to the queue: the conversation is gone. */
  async erase() {
    const id = this.id;
    if (!id || this.erasing) return;
    this.ask('erase', false, { focus: false });
    this.clearError();
    this.erasing = true;
    $('erase').disabled = true;
    let result;
    try {
      result = await api.eraseFamily(id);
    } catch (error) {
      this.erasing = false;
      if (this.id !== id) return;
      this.showError(error);
      await this.refresh();
      if (this.id === id && !$('erase').disabled) $('erase').focus();
      return;
    }
    this.erasing = false;
    this.onChanged();
    this.onGone(id, result?.confirmation === 'queued' ? 'ui.actions.erased' : 'ui.actions.erased_unconfirmed');
  }

  /** Shows or hides the confirmation of `name` (resolve, erase); the cancel button takes the focus. */
  ask(name, show, { focus = true } = {}) {
    $(name + '-confirm').hidden = !show;
    $(name).setAttribute('aria-expanded', String(show));
    if (!focus) return;
    if (show) $('cancel-' + name).focus();
    else if (!$(name).hidden && !$(name).disabled) $(name).focus();
  }

  /** The picker's options, labelled in the console's language. */
  fillQuickReplies() {
    const select = $('quick-reply');
    const chosen = select.value;
    select.replaceChildren(
      el('option', { attrs: { value: '' } }, t('ui.actions.quick_choose')),
      ...quickReplyIds().map((id) => el('option', { attrs: { value: id } }, t('ui.quick_labels.' + id))),
    );
    select.value = chosen;
  }

  familyLanguage() {
    return this.detail?.profile?.language ?? this.detail?.handoff?.contact?.language ?? 'fr';
  }

  /** The chosen quick reply in the family's language, and in the worker's for reference. */
  quickReplyTexts(id) {
    // Signed with the first name only: a family needs to know who writes, not the worker's full name.
    const worker = (this.getMe()?.name ?? '').trim().split(/\s+/)[0] ?? '';
    return { family: translateIn(this.familyLanguage(), 'quick.' + id, { worker }), ui: t('quick.' + id, { worker }) };
  }

  previewQuickReply() {
    const id = $('quick-reply').value;
    $('quick-preview').hidden = !id;
    if (!id) return;
    const texts = this.quickReplyTexts(id);
    const familyLanguage = this.familyLanguage();
    $('quick-family-label').textContent = t('ui.actions.quick_family_version', { language: languageName(familyLanguage) });
    $('quick-family-text').textContent = texts.family;
    $('quick-family-text').lang = familyLanguage;
    $('quick-ui').hidden = familyLanguage === getUiLanguage();
    $('quick-ui-text').textContent = texts.ui;
  }

  insertQuickReply() {
    const id = $('quick-reply').value;
    const textarea = $('reply-text');
    if (!id || textarea.disabled) return;
    const { family } = this.quickReplyTexts(id);
    const before = textarea.value.slice(0, textarea.selectionStart);
    const separator = before && !/\s$/.test(before) ? ' ' : '';
    textarea.setRangeText(separator + family, textarea.selectionStart, textarea.selectionEnd, 'end');
    this.drafts.set(this.id, textarea.value);
    textarea.focus();
  }

  showError(error) {
    const { key, vars } = api.describeError(error);
    this.showMessage(key, vars);
  }

  /** An alert above the conversation, in the console's language, until dismissed. */
  showMessage(key, vars) {
    const alert = $('conversation-alert');
    const dismiss = el('button', { className: 'link', attrs: { type: 'button' } }, t('ui.errors.dismiss'));
    dismiss.addEventListener('click', () => this.clearError());
    alert.replaceChildren(el('span', {}, t(key, vars)), ' ', dismiss);
  }

  clearError() {
    $('conversation-alert').replaceChildren();
  }
}
