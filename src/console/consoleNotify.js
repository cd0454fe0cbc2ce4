// New families waiting: a count in the tab's title, a short sound, a screen-reader announcement.
/* global document, setTimeout, AudioContext */

import { t } from './consoleI18n.js';

let audio = null;
let unread = 0;

export function updateTitle() {
  document.title = (unread > 0 ? `(${unread}) ` : '') + t('ui.title');
}

/** The worker is back (focus, a visible tab, a click or a key): the count goes. */
export function clearUnread() {
  if (unread === 0) return;
  unread = 0;
  updateTitle();
}

/** Browsers start audio only after a gesture: prepare the context on the first one. */
export function unlockAudio() {
  try {
    audio ??= new AudioContext();
    if (audio.state === 'suspended') audio.resume().catch(() => {});
  } catch {
    audio = null;
  }
}

/** Two short tones. Never throws: no sound when audio is blocked or missing. */
function beep() {
  try {
    audio ??= new AudioContext();
    if (audio.state === 'suspended') audio.resume().catch(() => {});
    const start = audio.currentTime + 0.02;
    for (const [offset, frequency] of [[0, 880], [0.22, 1175]]) {
      const oscillator = audio.createOscillator();
      const gain = audio.createGain();
      oscillator.type = 'sine';
      oscillator.frequency.value = frequency;
      gain.gain.setValueAtTime(0.0001, start + offset);
      gain.gain.exponentialRampToValueAtTime(0.2, start + offset + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + offset + 0.18);
      oscillator.connect(gain).connect(audio.destination);
      oscillator.start(start + offset);
      oscillator.stop(start + offset + 0.2);
    }
  } catch {
    // Audio blocked or unsupported: the title and the announcement still tell.
  }
}

/** Says `text` to screen readers (the page's polite live region). */
export function announce(text) {
  const announcer = document.getElementById('announcer');
  announcer.textContent = '';
  setTimeout(() => (announcer.textContent = text), 50);
}

let knownWaiting = null;
let knownUnread = null;

/** Forget everything (sign-out): the next list is a baseline, not news. */
export function resetNotices() {
  knownWaiting = null;
  knownUnread = null;
  unread = 0;
  updateTitle();
}

/**
 * Tells of what is new for this worker since the last list: families newly waiting for them (a
 * new request, or one now offered to everyone after the routing grace period), and messages
 * from families in conversations they hold (the rows' unread counts going up). Each new family
 * or message adds one to the title's count; a sound and an announcement say it. The first list
 * is the baseline.
 */
export function noticeNewFamilies(handoffs, me, offeredIds) {
  // The server lists the ids of every waiting family offered to this worker, beyond the rows shown.
  const waiting = new Set(offeredIds ?? handoffs.filter((handoff) => handoff.status === 'waiting' && handoff.offered).map((handoff) => handoff.id));
  const unreadNow = new Map(
    handoffs.filter((handoff) => handoff.status === 'active' && handoff.claimedBy?.id === me?.id).map((handoff) => [handoff.id, handoff.unreadCount ?? 0]),
  );
  const [known, knownCounts] = [knownWaiting, knownUnread];
  knownWaiting = waiting;
  knownUnread = unreadNow;
  if (!known || !knownCounts) return;
  const families = [...waiting].filter((id) => !known.has(id)).length;
  let messages = 0;
  for (const [id, count] of unreadNow) messages += Math.max(0, count - (knownCounts.get(id) ?? 0));
  if (families + messages === 0) return;
  unread += families + messages;
  updateTitle();
  beep();
  announce(t(families > 0 ? 'ui.notify.new_waiting' : 'ui.notify.new_message'));
}
