// The console's HTTP client: JSON in and out, the CSRF token on every POST, 401 → sign-in form.
/* global document, fetch, URLSearchParams */
import { getUiLanguage, hasKey } from './consoleI18n.js';

/** An answer other than 2xx, or no answer at all (`status` 0). */
export class ApiError extends Error {
  constructor(status, body) {
    super(typeof body?.error === 'string' ? body.error : `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.body = body ?? {};
  }
}

let csrfToken = null;
/** The session may only set up the second factor (the app requires one and the worker has none yet). */
let enrolmentRequired = false;
let onUnauthorized = () => {};
let onEnrolmentRequired = () => {};
let onActivity = () => {};
/** The server's idle timeout, learnt from the session's `idleTimeoutSeconds` at sign-in. */
let idleMs = null;

/**
 * Called after each request the worker made (not polls, the live stream or the page's own
 * refreshes, which do not keep the session alive) with the idle timeout in milliseconds.
 */
export function setActivityHandler(handler) {
  onActivity = handler;
}

/** The idle timeout in milliseconds, once a session answer gave it. */
export function idleTimeoutMs() {
  return idleMs;
}

/** Called with the error whenever the server answers 401 (the session is gone). */
export function setUnauthorizedHandler(handler) {
  onUnauthorized = handler;
}

/** Called when the server refuses a call until the worker sets up their second factor (403). */
export function setEnrolmentRequiredHandler(handler) {
  onEnrolmentRequired = handler;
}

/** Whether the last session answer said the worker must set up their second factor first. */
export function mustEnrol() {
  return enrolmentRequired;
}

export function clearSession() {
  csrfToken = null;
  enrolmentRequired = false;
}

/** Keeps what a session answer (sign-in, `/me`, a set-up that replaced the session) says. */
function noteSession(session) {
  csrfToken = session.csrfToken;
  enrolmentRequired = session.secondFactorEnrolmentRequired === true;
}

async function request(method, path, body, { quietUnauthorized = false, background = false } = {}) {
  const headers = { Accept: 'application/json' };
  // The page's own refreshes must not keep an unattended tab signed in.
  if (background) headers['X-Background-Refresh'] = '1';
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch {
    throw new ApiError(0, { error: 'network' });
  }
  let data = null;
  if (response.status !== 204) {
    try {
      data = await response.json();
    } catch {
      data = null;
    }
  }
  if (!response.ok) {
    const error = new ApiError(response.status, data);
    if (response.status === 401 && !quietUnauthorized) onUnauthorized(error);
    if (response.status === 403 && data?.code === 'second_factor_enrolment_required') {
      enrolmentRequired = true;
      onEnrolmentRequired(error);
    }
    throw error;
  }
  if (data?.idleTimeoutSeconds) idleMs = data.idleTimeoutSeconds * 1000;
  if (!background && idleMs && path !== '/api/handoffs' && !path.startsWith('/api/handoffs?')) onActivity(idleMs);
  return data;
}

/** The signed-in worker, or null (no live session). */
export async function me() {
  try {
    const session = await request('GET', '/api/auth/me', undefined, { quietUnauthorized: true });
    noteSession(session);
    return session.worker;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

/**
 * The password step: `{ worker }` when signed in, `{ challenge }` when a second factor is asked,
 * `{ worker, enrolment: { secret } }` when the worker must set one up before anything else.
 */
export async function login(email, password) {
  const session = await request('POST', '/api/auth/login', { email, password }, { quietUnauthorized: true });
  if (session.secondFactorRequired) return { challenge: session.challenge };
  noteSession(session);
  return { worker: session.worker, enrolment: session.secondFactorEnrolment ?? null };
}

/** The second step: a code from the authenticator app, or a recovery code → `{ worker, recoveryCodesLeft }`. */
export async function loginSecondFactor(challenge, code) {
  const session = await request('POST', '/api/auth/login/second-factor', { challenge, code }, { quietUnauthorized: true });
  noteSession(session);
  return { worker: session.worker, recoveryCodesLeft: session.recoveryCodesLeft };
}

/** `{ enabled, enabledAt, recoveryCodesLeft }` for the signed-in worker. */
export function secondFactorStatus() {
  return request('GET', '/api/auth/second-factor');
}

/** Starts setting up an authenticator app (password proved again) → `{ secret, otpauthUri }`. */
export function startSecondFactor(password) {
  return request('POST', '/api/auth/second-factor/setup', { password });
}

/** The QR code of the set-up under way, as an image from this origin. */
export const SECOND_FACTOR_QR_URL = '/api/auth/second-factor/qr.svg';

/**
 * Confirms the set-up with a code from the app → `{ recoveryCodes }`, shown once. A set-up the
 * sign-in required replaces the session: its new CSRF token comes with the codes.
 */
export async function enableSecondFactor(code) {
  const answer = await request('POST', '/api/auth/second-factor/enable', { code });
  if (answer.csrfToken) noteSession(answer);
  return answer;
}

/** Ten new recovery codes, the old ones void → `{ recoveryCodes }`. */
export function newRecoveryCodes(password) {
  return request('POST', '/api/auth/second-factor/recovery-codes', { password });
}

export function changePassword(currentPassword, newPassword) {
  return request('POST', '/api/auth/password', { currentPassword, newPassword });
}

/** Admins: every account, `{ id, name, email, role, languages, disabled, secondFactor }`. */
export async function listWorkers() {
  return (await request('GET', '/api/workers')).workers ?? [];
}

/** Admins: turns off a worker's second factor (a lost phone). */
export function resetSecondFactor(workerId) {
  return request('POST', '/api/workers/' + encodeURIComponent(workerId) + '/second-factor/reset');
}

/** Admins: the audit log, newest first; `query` keys as GET /api/audit takes them, empty ones left out. */
export async function searchAudit(query) {
  const params = new URLSearchParams(Object.entries(query).filter(([, value]) => value));
  return (await request('GET', '/api/audit?' + params)).entries ?? [];
}

export async function logout() {
  try {
    await request('POST', '/api/auth/logout', undefined, { quietUnauthorized: true });
  } finally {
    clearSession();
  }
}

/** `status`: 'resolved', or nothing for waiting and active. */
/**
 * The queue as the server narrows it: `status` ('resolved', or nothing for waiting and active) and
 * the worker's `filters` ({assignee, language, urgent, phone}) → `{ handoffs, counts }`, counts
 * (open lists only) `{ waiting, mine, matching, offeredIds }` over every open handoff.
 */
export async function listHandoffs(status, filters = {}) {
  const query = new URLSearchParams();
  if (status) query.set('status', status);
  if (filters.assignee && filters.assignee !== 'all') query.set('assignee', filters.assignee);
  if (filters.language) query.set('language', filters.language);
  if (filters.urgent) query.set('urgent', 'true');
  if (filters.phone?.replace(/\D/g, '')) query.set('phone', filters.phone.replace(/\D/g, ''));
  const text = query.toString();
  const answer = await request('GET', '/api/handoffs' + (text ? '?' + text : ''));
  return { handoffs: answer.handoffs ?? [], counts: answer.counts ?? null };
}

const handoffPath = (id) => '/api/handoffs/' + encodeURIComponent(id);

/** `background`: a refresh the page makes by itself (a live update), not the worker opening it. */
export function getHandoff(id, { background = false } = {}) {
  // A refresh in a hidden tab is not the worker reading: the family's messages stay unread.
  const hidden = background && document.visibilityState !== 'visible';
  return request('GET', handoffPath(id) + (hidden ? '?seen=false' : ''), undefined, { background });
}

/** Takes the conversation; `takeOver` (admins only) takes it from the colleague who holds it. */
export function claim(id, { takeOver = false } = {}) {
  return request('POST', handoffPath(id) + '/claim', takeOver ? { takeOver: true } : {});
}

export function sendText(id, text) {
  return request('POST', handoffPath(id) + '/messages', { text });
}

export function sendTemplate(id) {
  return request('POST', handoffPath(id) + '/messages', { template: 'reopen' });
}

export function addNote(id, text) {
  return request('POST', handoffPath(id) + '/notes', { text });
}

export function resolve(id) {
  return request('POST', handoffPath(id) + '/resolve', {});
}

/**
 * Where the browser downloads the conversation (the session cookie goes along): `text`, a
 * transcript to read in `language`; `json`, for machines.
 */
export function exportUrl(id, { format = 'text', language = 'fr' } = {}) {
  return handoffPath(id) + '/export?' + new URLSearchParams({ format, ...(format === 'text' ? { lang: language } : {}) });
}

/** Erases the family's data at its request: `{ erased, confirmation }`; the handoff is gone after. */
export function eraseFamily(id) {
  return request('POST', handoffPath(id) + '/erase', {});
}

/**
 * The `ui.errors.*` key and values that explain `error` to the worker: the server's `code` when the
 * console has words for it (`claimed_by_someone_else` names the holder), else its HTTP status.
 */
export function describeError(error) {
  if (!(error instanceof ApiError)) return { key: 'ui.errors.server' };
  if (error.status === 0) return { key: 'ui.errors.network' };
  if (error.status === 401) return { key: 'ui.errors.session_expired' };
  const code = typeof error.body?.code === 'string' ? error.body.code : undefined;
  if (code && hasKey(getUiLanguage(), 'ui.errors.' + code)) {
    return { key: 'ui.errors.' + code, vars: { name: typeof error.body.claimedBy === 'string' ? error.body.claimedBy : '?' } };
  }
  if (error.status === 403) return { key: 'ui.errors.forbidden' };
  if (error.status === 404) return { key: 'ui.errors.not_found' };
  if (error.status === 400) return { key: 'ui.errors.invalid' };
  return { key: 'ui.errors.server' };
}
