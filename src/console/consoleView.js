// Rendering: the queue, the conversation's header and profile, the transcript.
// Everything from the server is set with textContent: message bodies are written by the public.
/* global document, CSS */

import { formatChildAge, formatDate, formatDuration, formatTime, languageName, t } from './consoleI18n.js';

/** `document.createElement` with a class, attributes and children (strings become text). */
export function el(tag, options = {}, ...children) {
  const element = document.createElement(tag);
  if (options.className) element.className = options.className;
  for (const [name, value] of Object.entries(options.attrs ?? {})) {
    if (value !== undefined && value !== null && value !== false) element.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    element.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return element;
}

const PRIORITY_KEYS = { 0: 'normal', 1: 'high', 2: 'urgent' };

function badge(text, kind) {
  return el('span', { className: 'badge badge-' + kind }, text);
}

function priorityBadge(priority) {
  if (!priority) return null;
  return badge((priority >= 2 ? '⚠ ' : '') + t('ui.priority.' + (PRIORITY_KEYS[priority] ?? 'high')), priority >= 2 ? 'urgent' : 'high');
}

function languageBadges(handoff) {
  return [
    badge(languageName(handoff.contact?.language), 'language'),
    handoff.speaksLanguage ? badge('✓ ' + t('ui.your_language'), 'yours') : null,
  ];
}

function channelName(channel) {
  return t('ui.channel.' + channel);
}

/** "En attente depuis 12 min", "Prise il y a 3 min", "Résolue il y a 1 h 05 min". */
export function ageText(handoff, now = Date.now()) {
  if (handoff.status === 'resolved' && handoff.resolvedAt) return t('ui.age.resolved', { duration: formatDuration(handoff.resolvedAt, now) });
  if (handoff.status === 'active' && handoff.claimedAt) return t('ui.age.claimed', { duration: formatDuration(handoff.claimedAt, now) });
  return t('ui.age.waiting', { duration: formatDuration(handoff.requestedAt, now) });
}

export function claimedByText(handoff, me) {
  if (!handoff.claimedBy) return '';
  return handoff.claimedBy.id === me?.id ? t('ui.claimed_by_you') : t('ui.claimed_by', { name: handoff.claimedBy.name });
}

/** "Vous: …", "Parent: …": who wrote the conversation's last message, and its beginning. */
function previewText(handoff, me) {
  const last = handoff.lastMessage;
  if (!last) return '';
  const who = last.author === 'parent' ? t('ui.author.parent') : last.author === 'bot' ? t('ui.author.bot') : handoff.claimedBy?.id === me?.id ? t('ui.queue.you') : t('ui.author.worker_unknown');
  return who + ': ' + last.preview.replace(/\s+/g, ' ');
}

/** For the worker holding it: since when the family waits for their reply. */
function awaitingText(handoff, me, now = Date.now()) {
  if (handoff.status !== 'active' || handoff.claimedBy?.id !== me?.id || !handoff.awaitingReplySince) return '';
  return t('ui.queue.awaiting_reply', { duration: formatDuration(handoff.awaitingReplySince, now) });
}

function queueRow(handoff, { me, selectedId }) {
  const classes = ['row', 'priority-' + (handoff.priority ?? 0), 'status-' + handoff.status];
  if (handoff.status !== 'resolved' && !handoff.offered) classes.push('other');
  const unread = handoff.unreadCount > 0 ? handoff.unreadCount : 0;
  if (unread) classes.push('unread');
  const claimed = claimedByText(handoff, me);
  const awaiting = awaitingText(handoff, me);
  const preview = previewText(handoff, me);
  const button = el(
    'button',
    { className: classes.join(' '), attrs: { type: 'button', 'data-handoff-id': handoff.id, 'aria-current': handoff.id === selectedId ? 'true' : null } },
    el(
      'span',
      { className: 'row-line' },
      priorityBadge(handoff.priority),
      badge(t('ui.status.' + handoff.status), 'status-' + handoff.status),
      el('span', { className: 'phone' }, handoff.contact?.phone ?? ''),
      unread ? el('span', { className: 'badge badge-unread', attrs: { 'data-unread': unread } }, t('ui.queue.unread', { count: unread })) : null,
    ),
    el('span', { className: 'row-line' }, el('span', { className: 'reason' }, t('ui.reason.' + handoff.reason)), ...languageBadges(handoff), badge(channelName(handoff.contact?.channel), 'channel')),
    preview ? el('span', { className: 'row-preview' }, preview) : null,
    awaiting ? el('span', { className: 'row-line row-awaiting' }, awaiting) : null,
    el(
      'span',
      { className: 'row-line row-age' },
      el('span', { className: 'age' }, ageText(handoff)),
      handoff.lastMessageAt ? el('span', { className: 'wrote' }, t('ui.queue.family_wrote', { duration: formatDuration(handoff.lastMessageAt) })) : null,
      claimed ? el('span', { className: 'claimed' }, claimed) : null,
    ),
  );
  return el('li', {}, button);
}

/**
 * The rows the worker's filters keep: `assignee` all | mine | unassigned, `language` ('' for
 * any), `urgent` (priority 2 only), `phone` (digits anywhere in the number, ignoring spaces and +).
 */
export function filterQueue(handoffs, filters, me) {
  const digits = (filters.phone ?? '').replace(/\D/g, '');
  return handoffs.filter((handoff) => {
    if (filters.assignee === 'mine' && handoff.claimedBy?.id !== me?.id) return false;
    if (filters.assignee === 'unassigned' && handoff.claimedBy) return false;
    if (filters.language && handoff.contact?.language !== filters.language) return false;
    if (filters.urgent && (handoff.priority ?? 0) < 2) return false;
    if (digits && !(handoff.contact?.phone ?? '').replace(/\D/g, '').includes(digits)) return false;
    return true;
  });
}

/**
 * The list: families offered to this worker in the server's order, then the others (dimmed,
 * under "Autres langues"). Keeps the focus on the row that had it.
 */
export function renderQueue(container, { handoffs, tab, me, selectedId, filtered = false }) {
  const focusedId = container.contains(document.activeElement) ? document.activeElement?.dataset?.handoffId : undefined;
  const nodes = [];
  const list = (items, className) => el('ul', { className: 'queue-list ' + className }, ...items.map((handoff) => queueRow(handoff, { me, selectedId })));
  if (handoffs.length === 0) {
    nodes.push(el('p', { className: 'empty' }, t(filtered ? 'ui.queue.empty_filtered' : tab === 'resolved' ? 'ui.queue.empty_resolved' : 'ui.queue.empty_open')));
  } else if (tab === 'resolved') {
    nodes.push(list(handoffs, 'resolved'));
  } else {
    const offered = handoffs.filter((handoff) => handoff.offered);
    const others = handoffs.filter((handoff) => !handoff.offered);
    if (offered.length > 0) nodes.push(list(offered, 'offered'));
    else nodes.push(el('p', { className: 'empty' }, t('ui.queue.empty_open')));
    if (others.length > 0) {
      nodes.push(el('h3', { className: 'other-heading', attrs: { id: 'other-languages' } }, t('ui.queue.other_languages')));
      nodes.push(el('p', { className: 'hint' }, t('ui.queue.other_languages_hint')));
      nodes.push(list(others, 'others'));
    }
  }
  container.replaceChildren(...nodes);
  container.setAttribute('aria-busy', 'false');
  if (focusedId) container.querySelector(`[data-handoff-id="${CSS.escape(focusedId)}"]`)?.focus();
}

/** The conversation's heading (the phone number) and its badges. */
export function renderHeader(heading, badgeList, handoff) {
  heading.textContent = handoff.contact?.phone ?? '';
  const items = [
    priorityBadge(handoff.priority),
    badge(t('ui.status.' + handoff.status), 'status-' + handoff.status),
    badge(channelName(handoff.contact?.channel), 'channel'),
    ...languageBadges(handoff),
    badge(t('ui.reason.' + handoff.reason), 'reason'),
  ];
  badgeList.replaceChildren(...items.filter(Boolean).map((item) => el('li', {}, item)));
}

function yesNo(value) {
  if (value === true) return t('ui.profile.yes');
  if (value === false) return t('ui.profile.no');
  return t('ui.profile.unknown');
}

/** The family's profile as a definition list. */
export function renderProfile(list, profile) {
  const ages = profile.childrenAgesMonths ?? [];
  const rows = [
    ['language', languageName(profile.language)],
    ['neighbourhood', profile.neighbourhood || t('ui.profile.unknown')],
    ['postal_code', profile.postalCode || t('ui.profile.unknown')],
    ['children', ages.length > 0 ? ages.map(formatChildAge).join(', ') : t('ui.profile.no_children')],
    ['pregnant', yesNo(profile.pregnant)],
    ['due_date', formatDate(profile.dueDate) || t('ui.profile.unknown')],
    ['opted_out', yesNo(profile.optedOut)],
    ['consent', yesNo(profile.consentGiven)],
  ];
  list.replaceChildren(
    ...rows.map(([key, value]) =>
      el('div', { className: 'field' + (key === 'opted_out' && profile.optedOut ? ' flagged' : '') }, el('dt', {}, t('ui.profile.' + key)), el('dd', {}, value)),
    ),
  );
}

function authorOf(item) {
  if (item.kind === 'note') return 'note';
  if (item.kind === 'event') return 'event';
  if (item.author === 'parent' || item.author === 'bot' || item.author === 'worker') return item.author;
  return item.direction === 'inbound' ? 'parent' : 'bot';
}

function authorLabel(item, author, me) {
  const name = item.workerName || t('ui.author.worker_unknown');
  if (author === 'parent') return t('ui.author.parent');
  if (author === 'bot') return t('ui.author.bot');
  if (author === 'note') return t('ui.author.note', { name });
  return me && item.workerId === me.id ? t('ui.author.you', { name }) : name;
}

function eventText(item) {
  const name = item.workerName || t('ui.event.someone');
  if (item.type === 'requested') return t('ui.event.requested', { reason: item.reason ? t('ui.reason.' + item.reason) : '' });
  if (['claimed', 'resolved', 'released', 'withdrawn', 'back_to_bot'].includes(item.type)) return t('ui.event.' + item.type, { name });
  return String(item.type ?? '');
}

/** Delivery status of the team's messages; of the bot's only when they failed. */
function statusText(item) {
  if (item.kind !== 'message' || item.direction !== 'outbound' || !item.status) return '';
  if (item.author !== 'worker' && !isFailed(item)) return '';
  const key = 'ui.message_status.' + item.status;
  const text = t(key);
  return text === key ? item.status : text;
}

function isFailed(item) {
  return item.status === 'failed' || item.status === 'undelivered';
}

/** The transcript, appended to as items arrive so the live region announces only new ones. */
export class TranscriptView {
  constructor(list) {
    this.list = list;
    this.rendered = new Map();
    this.items = [];
  }

  clear() {
    this.rendered.clear();
    this.items = [];
    this.list.replaceChildren();
  }

  /** Shows `items` (oldest first); returns whether any was new. `quiet`: no announcement (first load). */
  update(items, { me, quiet = false } = {}) {
    this.items = items;
    if (quiet) this.list.setAttribute('aria-busy', 'true');
    let added = false;
    for (const item of items) {
      const key = item.kind + ':' + item.id;
      const existing = this.rendered.get(key);
      if (existing) {
        const status = existing.querySelector('.item-status');
        if (status) status.textContent = statusText(item);
        existing.classList.toggle('failed', isFailed(item));
        continue;
      }
      const node = this.render(item, me);
      this.rendered.set(key, node);
      this.list.append(node);
      added = true;
    }
    if (quiet) this.list.setAttribute('aria-busy', 'false');
    if (added) this.list.scrollTop = this.list.scrollHeight;
    return added;
  }

  /** Everything again, e.g. in another language. */
  rerender(me) {
    const items = this.items;
    this.clear();
    this.update(items, { me, quiet: true });
  }

  render(item, me) {
    const author = authorOf(item);
    const time = el('time', { className: 'item-time', attrs: { datetime: item.at } }, formatTime(item.at));
    const failed = isFailed(item);
    const node = el('li', { className: 'item author-' + author + (failed ? ' failed' : ''), attrs: { 'data-author': author } });
    if (author === 'event') {
      node.append(el('p', { className: 'item-meta' }, el('span', { className: 'item-event' }, eventText(item)), ' ', time));
      return node;
    }
    node.append(
      el('p', { className: 'item-meta' }, el('span', { className: 'item-author' }, authorLabel(item, author, me)), ' ', time, ' ', el('span', { className: 'item-status' }, statusText(item))),
      el('p', { className: 'item-body' }, item.kind === 'note' ? (item.text ?? '') : (item.body ?? '')),
    );
    return node;
  }
}
