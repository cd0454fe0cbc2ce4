// The worker console: sign-in, the live queue, and the conversation panel.
// Modules: consoleApi.js (HTTP), consoleI18n.js (strings), consoleView.js (DOM), consoleConversation.js,
// consoleNotify.js (title count and sound).
/* global document, window, location, history, setTimeout, clearTimeout, setInterval, clearInterval, EventSource, CSS */

import * as api from './consoleApi.js';
import { applyStaticStrings, getUiLanguage, loadStrings, savedUiLanguage, setUiLanguage, t } from './consoleI18n.js';
import { ConversationPanel } from './consoleConversation.js';
import { announce, clearUnread, noticeNewFamilies, resetNotices, unlockAudio, updateTitle } from './consoleNotify.js';
import { filterQueue, renderQueue } from './consoleView.js';
import { AccountPanel } from './consoleAccount.js';
import { AdminPanel } from './consoleAdmin.js';

const $ = (id) => document.getElementById(id);
const REFRESH_MS = 30_000;

const state = {
  me: null,
  tab: 'open',
  open: [],
  resolved: [],
  /** The server's figures over every open handoff: `{ waiting, mine, matching, offeredIds }`. */
  counts: null,
  events: null,
  connection: 'idle',
  timers: new Set(),
  // The sign-in waiting for its second factor (a token from the password step).
  challenge: null,
  // Setting up the second factor the app requires: nothing else is open yet.
  enrolling: false,
  /** The worker's queue filters (see filterQueue). */
  filters: { assignee: 'all', language: '', urgent: false, phone: '' },
};

let conversation;
let account;
let admin;

// ---- Queue ----

function renderLists() {
  if (!state.me) return;
  const all = state.tab === 'resolved' ? state.resolved : state.open;
  // The server narrowed the list already; narrowing here too answers a keystroke at once, and
  // leaves out the worker's own conversations it always sends (for their unread messages).
  const handoffs = filterQueue(all, state.filters, state.me);
  const filtered = hasFilters(state.filters);
  renderQueue($('queue'), { handoffs, tab: state.tab, me: state.me, selectedId: conversation.id, filtered });
  const counts = state.counts;
  const waiting = counts?.waiting ?? state.open.filter((handoff) => handoff.status === 'waiting').length;
  const mine = counts?.mine ?? state.open.filter((handoff) => handoff.status === 'active' && handoff.claimedBy?.id === state.me.id).length;
  $('queue-count').textContent = t('ui.queue.waiting_count', { count: waiting }) + ' · ' + t('ui.queue.mine_count', { count: mine });
  // The list stops at what a person reads: say how many more the filters and search would find.
  const shown = state.tab === 'open' ? handoffs.length : 0;
  const more = state.tab === 'open' && counts ? Math.max(0, counts.matching - shown) : 0;
  $('queue-more').hidden = more === 0;
  $('queue-more').textContent = more > 0 ? t('ui.queue.more', { count: more }) : '';
}

function hasFilters(filters) {
  return filters.assignee !== 'all' || Boolean(filters.language) || filters.urgent || Boolean(filters.phone.replace(/\D/g, ''));
}

function readFilters() {
  state.filters = {
    assignee: $('filter-assignee').value,
    language: $('filter-language').value,
    urgent: $('filter-urgent').checked,
    phone: $('filter-phone').value,
  };
  renderLists();
  // Beyond the rows on the page, the server knows which families match.
  scheduleRefresh();
}

function showAppError(error) {
  const { key, vars } = api.describeError(error);
  $('app-alert').textContent = t(key, vars);
}

let refreshing = null;
let refreshAgain = false;

/** Fetches the open list (and the resolved one when shown); one at a time, the last call wins. */
async function refreshLists() {
  if (refreshing) {
    refreshAgain = true;
    return refreshing;
  }
  refreshing = (async () => {
    do {
      refreshAgain = false;
      try {
        const { handoffs, counts } = await api.listHandoffs(undefined, state.filters);
        if (!state.me) return;
        state.open = handoffs;
        state.counts = counts;
        noticeNewFamilies(handoffs, state.me, counts?.offeredIds);
        if (state.tab === 'resolved') state.resolved = (await api.listHandoffs('resolved', state.filters)).handoffs;
        $('app-alert').textContent = '';
      } catch (error) {
        if (!state.me) return;
        showAppError(error);
      }
      renderLists();
    } while (refreshAgain);
  })();
  try {
    await refreshing;
  } finally {
    refreshing = null;
  }
}

let refreshTimer = null;

function scheduleRefresh() {
  clearTimeout(refreshTimer);
  refreshTimer = setTimeout(() => refreshLists(), 150);
}

function selectTab(tab, { focus = false } = {}) {
  state.tab = tab;
  for (const [name, button] of [['open', $('tab-open')], ['resolved', $('tab-resolved')]]) {
    button.setAttribute('aria-selected', String(name === tab));
    button.tabIndex = name === tab ? 0 : -1;
    if (focus && name === tab) button.focus();
  }
  $('queue').setAttribute('aria-labelledby', tab === 'open' ? 'tab-open' : 'tab-resolved');
  renderLists();
  refreshLists();
}

// ---- Live events ----

function setConnection(connection) {
  state.connection = connection;
  const element = $('connection');
  element.hidden = connection === 'idle';
  element.className = 'connection connection-' + connection;
  element.textContent = connection === 'live' ? t('ui.connection.live') : connection === 'reconnecting' ? t('ui.connection.reconnecting') : '';
}

function connectEvents() {
  state.events?.close();
  const events = new EventSource('/api/events');
  state.events = events;
  events.addEventListener('open', () => {
    const wasDown = state.connection === 'reconnecting';
    setConnection('live');
    // Changes made while the stream was down were not announced: catch up.
    if (wasDown) {
      refreshLists();
      conversation.refresh({ background: true });
    }
  });
  events.addEventListener('handoff', (event) => {
    let notice = {};
    try {
      notice = JSON.parse(event.data);
    } catch {
      // A malformed notice still means something changed.
    }
    scheduleRefresh();
    if (notice.handoffId && notice.handoffId === conversation.id) conversation.refresh({ background: true });
  });
  events.addEventListener('error', () => {
    if (state.events !== events || !state.me) return;
    setConnection('reconnecting');
    // EventSource retries by itself, except after an HTTP error (e.g. 401): then check the session.
    if (events.readyState !== EventSource.CLOSED) return;
    events.close();
    later(async () => {
      if (!state.me) return;
      try {
        if (!(await api.me())) return signedOut(true);
      } catch {
        // Network down: try the stream again anyway.
      }
      if (state.me && state.events === events) connectEvents();
    }, 5000);
  });
}

function later(fn, ms) {
  const timer = setTimeout(() => {
    state.timers.delete(timer);
    fn();
  }, ms);
  state.timers.add(timer);
}

// ---- Navigation between the queue and a conversation ----

function handoffIdFromHash() {
  const id = decodeURIComponent(location.hash.slice(1));
  return /^[\w-]{1,64}$/.test(id) ? id : null;
}

/** From the queue, a new history entry (the browser's back returns to it); between conversations, the same one. */
function openHandoff(id, { push = true } = {}) {
  if (push && handoffIdFromHash() !== id) {
    const fromQueue = !conversation.id && !handoffIdFromHash();
    history[fromQueue ? 'pushState' : 'replaceState']({ handoffId: id, fromQueue: fromQueue || history.state?.fromQueue === true }, '', '#' + encodeURIComponent(id));
  }
  $('app-view').dataset.view = 'conversation';
  $('queue-status').textContent = '';
  const hadUnread = state.open.some((handoff) => handoff.id === id && handoff.unreadCount > 0);
  // Opened, its family's messages are read: the row's count goes once the server has noted it.
  conversation.open(id).then(() => hadUnread && scheduleRefresh());
  renderLists();
}

function closeHandoff() {
  const id = conversation.id;
  conversation.close();
  $('app-view').dataset.view = 'queue';
  renderLists();
  const row = id && $('queue').querySelector(`[data-handoff-id="${CSS.escape(id)}"]`);
  if (row) row.focus();
  else $('queue-heading').focus?.();
}

/** Leaves the conversation for the queue, as the page's back button does. */
function backToQueue() {
  const fromQueue = history.state?.fromQueue === true;
  closeHandoff();
  if (fromQueue) history.back();
  else history.replaceState(null, '', location.pathname + location.search);
}

/** The conversation `id` no longer exists (the family's data was erased): the queue, and why. */
function conversationGone(id, key) {
  const text = t(key);
  $('queue-status').textContent = text;
  announce(text);
  if (conversation.id === id) backToQueue();
  scheduleRefresh();
}

// ---- Session ----

function showLogin(message = '') {
  state.challenge = null;
  for (const id of ['app-view', 'account-view', 'admin-view', 'logout', 'who', 'open-account', 'open-admin', 'code-form']) $(id).hidden = true;
  $('login-view').hidden = false;
  $('login-form').hidden = false;
  $('login-code').value = '';
  $('code-error').textContent = '';
  $('login-error').textContent = message;
  $('email').focus();
}

/** The second step of signing in: the code from the authenticator app, or a recovery code. */
function showCodeStep(challenge) {
  state.challenge = challenge;
  $('password').value = '';
  $('login-form').hidden = true;
  $('code-form').hidden = false;
  $('code-error').textContent = '';
  $('login-code').value = '';
  $('login-code').focus();
}

async function onCode(event) {
  event.preventDefault();
  const code = $('login-code').value.trim();
  if (!code || !state.challenge) return;
  const button = $('login-code-submit');
  button.disabled = true;
  try {
    const { worker, recoveryCodesLeft } = await api.loginSecondFactor(state.challenge, code);
    state.challenge = null;
    startApp(worker);
    // Said where a refresh of the queue does not wipe it: the worker should make new codes soon.
    if (typeof recoveryCodesLeft === 'number') $('queue-status').textContent = t('ui.login.recovery_left', { count: recoveryCodesLeft });
  } catch (error) {
    const code = error instanceof api.ApiError ? error.body?.code : undefined;
    const status = error instanceof api.ApiError ? error.status : -1;
    if (code === 'challenge_expired') return showLogin(t('ui.login.code_expired'));
    $('code-error').textContent = code === 'wrong_code' || status === 400 ? t('ui.login.wrong_code') : status === 429 ? t('ui.login.too_many') : t(api.describeError(error).key);
    $('login-code').select();
  } finally {
    button.disabled = false;
  }
}

/** The queue and conversation (`app`), the worker's account, or the admins' page. */
async function showView(view) {
  $('app-view').hidden = view !== 'app';
  $('account-view').hidden = view !== 'account';
  $('admin-view').hidden = view !== 'admin';
  $('open-account').setAttribute('aria-pressed', String(view === 'account'));
  $('open-admin').setAttribute('aria-pressed', String(view === 'admin'));
  if (view === 'account') {
    $('account-heading').focus();
    await account.open();
  } else if (view === 'admin') {
    $('admin-heading').focus();
    await admin.open();
  }
}

/** The session ended (401 or logout): back to the sign-in form, nothing of the last worker kept. */
function signedOut(expired) {
  state.me = null;
  state.enrolling = false;
  account.onEnrolled = null;
  clearTimeout(idleTimer);
  $('idle-warning').hidden = true;
  stopApp();
  Object.assign(state, { open: [], resolved: [], counts: null });
  resetNotices();
  api.clearSession();
  conversation.drafts.clear();
  conversation.close();
  $('queue').replaceChildren();
  $('queue-count').textContent = '';
  $('queue-filters').reset();
  state.filters = { assignee: 'all', language: '', urgent: false, phone: '' };
  // Nothing of the last worker's account or of the audit log stays in the page.
  $('recovery-codes').replaceChildren();
  $('mfa-secret').textContent = '';
  $('mfa-qr').removeAttribute('src');
  $('mfa-setup').hidden = true;
  for (const id of ['mfa-password', 'mfa-code', 'recovery-password', 'current-password', 'new-password']) $(id).value = '';
  $('audit-table').replaceChildren();
  $('workers-table').replaceChildren();
  $('queue-status').textContent = '';
  $('reply-text').value = '';
  $('note-text').value = '';
  // The next person at this computer starts from the queue, not from the last conversation.
  if (location.hash) history.replaceState(null, '', location.pathname + location.search);
  showLogin(expired ? t('ui.errors.session_expired') : '');
}

// The server signs an idle worker out; warn a little before, with a margin for the server noting
// activity at most once a minute.
const IDLE_WARNING_MS = 2 * 60_000 + 60_000;
let idleTimer = null;

function noteActivity(idleMs) {
  clearTimeout(idleTimer);
  $('idle-warning').hidden = true;
  if (!state.me) return;
  idleTimer = setTimeout(() => {
    if (!state.me) return;
    $('idle-warning').hidden = false;
    $('stay-signed-in').focus();
  }, Math.max(0, idleMs - IDLE_WARNING_MS));
}

async function staySignedIn() {
  // Asking who is signed in is an action of the worker: it slides the idle timeout.
  if (!(await api.me().catch(() => null))) signedOut(true);
}

/**
 * The app requires a second factor and this worker has none yet: the set-up, and nothing else
 * (the server refuses the rest), until it is on; then the queue.
 */
function startEnrolment(worker, enrolment) {
  stopApp();
  state.me = worker;
  state.enrolling = true;
  $('login-view').hidden = true;
  for (const id of ['open-account', 'open-admin']) $(id).hidden = true;
  $('who').textContent = t('ui.signed_in_as', { name: worker.name });
  $('who').hidden = false;
  $('logout').hidden = false;
  $('password').value = '';
  $('login-error').textContent = '';
  if (api.idleTimeoutMs()) noteActivity(api.idleTimeoutMs());
  showView('account');
  account.enrol(enrolment, () => {
    state.enrolling = false;
    startApp(worker);
  });
}

/** Stops the live parts of the app (stream, poll, timers) without signing out. */
function stopApp() {
  state.events?.close();
  state.events = null;
  for (const timer of state.timers) clearTimeout(timer);
  state.timers.clear();
  clearInterval(state.poll);
  setConnection('idle');
}

function startApp(worker) {
  state.me = worker;
  $('login-view').hidden = true;
  showView('app');
  $('open-account').hidden = false;
  $('open-admin').hidden = worker.role !== 'admin';
  $('who').textContent = t('ui.signed_in_as', { name: worker.name });
  $('who').hidden = false;
  $('logout').hidden = false;
  $('password').value = '';
  $('login-error').textContent = '';
  connectEvents();
  refreshLists();
  if (api.idleTimeoutMs()) noteActivity(api.idleTimeoutMs());
  state.poll = setInterval(() => refreshLists(), REFRESH_MS);
  const id = handoffIdFromHash();
  if (id) openHandoff(id, { push: false });
  else closeHandoff();
}

async function onLogin(event) {
  event.preventDefault();
  unlockAudio();
  const email = $('email').value.trim();
  const password = $('password').value;
  if (!email || !password) {
    $('login-error').textContent = t('ui.login.wrong_credentials');
    return;
  }
  const button = $('login');
  button.disabled = true;
  button.textContent = t('ui.login.submitting');
  try {
    const result = await api.login(email, password);
    if (result.challenge) showCodeStep(result.challenge);
    else if (api.mustEnrol()) startEnrolment(result.worker, result.enrolment);
    else startApp(result.worker);
  } catch (error) {
    const status = error instanceof api.ApiError ? error.status : -1;
    $('login-error').textContent =
      status === 401 || status === 400 ? t('ui.login.wrong_credentials') : status === 429 ? t('ui.login.too_many') : t(api.describeError(error).key);
  } finally {
    button.disabled = false;
    button.textContent = t('ui.login.submit');
  }
}

async function onLogout() {
  try {
    await api.logout();
  } catch {
    // Signed out here either way; the server session expires on its own.
  }
  signedOut(false);
}

// ---- Language ----

function applyLanguage(language) {
  setUiLanguage(language);
  $('ui-lang').value = getUiLanguage();
  applyStaticStrings();
  updateTitle();
  setConnection(state.connection);
  if (state.me) $('who').textContent = t('ui.signed_in_as', { name: state.me.name });
  conversation.rerender();
  admin?.rerender();
  if (state.me && !$('account-view').hidden) account.render();
  renderLists();
}

// ---- Start ----

function wire() {
  $('login-form').addEventListener('submit', onLogin);
  $('code-form').addEventListener('submit', onCode);
  $('login-code-cancel').addEventListener('click', () => showLogin());
  $('open-account').addEventListener('click', () => showView($('account-view').hidden ? 'account' : 'app'));
  $('open-admin').addEventListener('click', () => showView($('admin-view').hidden ? 'admin' : 'app'));
  $('account-back').addEventListener('click', () => showView('app'));
  $('admin-back').addEventListener('click', () => showView('app'));
  $('logout').addEventListener('click', onLogout);
  $('ui-lang').addEventListener('change', () => applyLanguage($('ui-lang').value));
  $('tab-open').addEventListener('click', () => selectTab('open'));
  $('queue-filters').addEventListener('input', readFilters);
  $('queue-filters').addEventListener('change', readFilters);
  $('queue-filters').addEventListener('submit', (event) => event.preventDefault());
  $('tab-resolved').addEventListener('click', () => selectTab('resolved'));
  for (const tab of [$('tab-open'), $('tab-resolved')]) {
    tab.addEventListener('keydown', (event) => {
      if (['ArrowLeft', 'ArrowRight', 'Home', 'End'].includes(event.key)) {
        event.preventDefault();
        selectTab(state.tab === 'open' ? 'resolved' : 'open', { focus: true });
      }
    });
  }
  $('queue').addEventListener('click', (event) => {
    const row = event.target.closest('[data-handoff-id]');
    if (row) openHandoff(row.dataset.handoffId);
  });
  $('back').addEventListener('click', () => backToQueue());
  window.addEventListener('popstate', () => {
    if (!state.me) return;
    const id = handoffIdFromHash();
    if (id) openHandoff(id, { push: false });
    // Already closed when the page left the conversation itself (backToQueue).
    else if (conversation.id) closeHandoff();
  });
  // The count in the title is for a worker who looked away: it goes when they are back.
  window.addEventListener('focus', clearUnread);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState !== 'visible') return;
    clearUnread();
    // Back on the tab: the open conversation is now read (its refresh says so to the server).
    if (state.me && conversation.id) conversation.refresh({ background: true }).then(() => scheduleRefresh());
  });
  document.addEventListener('pointerdown', () => (unlockAudio(), clearUnread()));
  document.addEventListener('keydown', clearUnread);
  window.addEventListener('offline', () => state.me && showAppError(new api.ApiError(0, { error: 'network' })));
  window.addEventListener('online', () => state.me && refreshLists());
  api.setUnauthorizedHandler(() => state.me && signedOut(true));
  // An admin reset this worker's second factor while they were signed in: its set-up, at once.
  api.setEnrolmentRequiredHandler(() => state.me && !state.enrolling && startEnrolment(state.me, null));
  api.setActivityHandler(noteActivity);
  $('stay-signed-in').addEventListener('click', () => staySignedIn());
}

async function boot() {
  try {
    await loadStrings();
  } catch {
    document.body.textContent = 'Bienvenue — console: impossible de charger la page / could not load the page. Rechargez / reload.';
    return;
  }
  conversation = new ConversationPanel({ getMe: () => state.me, onChanged: () => scheduleRefresh(), onGone: conversationGone });
  account = new AccountPanel();
  admin = new AdminPanel();
  // The profile starts open where there is room for it, folded on phones.
  $('profile').open = window.matchMedia('(min-width: 801px)').matches;
  wire();
  applyLanguage(savedUiLanguage());
  try {
    const worker = await api.me();
    if (!worker) showLogin();
    else if (api.mustEnrol()) startEnrolment(worker, null);
    else startApp(worker);
  } catch (error) {
    showLogin(t(api.describeError(error).key));
  }
}

boot();
