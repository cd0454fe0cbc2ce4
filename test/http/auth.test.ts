import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { beforeAll, describe, expect, it } from 'vitest';
import { provideAuth, requireWorker } from '../../src/auth/requireWorker.ts';
import { SessionCookie } from '../../src/auth/SessionCookie.ts';
import { LoginThrottle } from '../../src/auth/LoginThrottle.ts';
import { SessionStore } from '../../src/auth/sessions.ts';
import { disableWorker, ensureFirstAdmin } from '../../src/auth/workers.ts';
import { errorHandler } from '../../src/http/HttpError.ts';
import { createLogger } from '../../src/log.ts';
import { addWorker } from '../support/addWorker.ts';
import { ConsoleClient } from '../support/ConsoleClient.ts';
import { useTestService } from '../support/startTestService.ts';
import { onPostgres } from '../support/testDatabase.ts';

// The app's clock runs `offsetMs` ahead of the real one: tests step it past the timeouts.
let offsetMs = 0;
const now = () => new Date(Date.now() + offsetMs);
const MINUTE = 60_000;

const ADMIN = { email: 'coordination@bienvenue.test', password: 'une phrase de passe assez longue' };
const ALICE = { email: 'alice@bienvenue.test', password: 'correct horse battery staple', name: 'Alice Tremblay' };
const BOB = { email: 'bob@bienvenue.test', password: 'bob has a long passphrase' };
const CAROL = { email: 'carol@bienvenue.test', password: 'carol has a long passphrase' };
const CAROL_TOO = { email: 'carol.too@bienvenue.test', password: 'the other carol passphrase' };

// The password step, sessions and limits, where each worker chooses a second factor
// (SECOND_FACTOR=optional): secondFactorRequired.test.ts has the sign-in that requires one.
const t = useTestService({ env: { ADMIN_EMAIL: ADMIN.email.toUpperCase(), ADMIN_PASSWORD: ADMIN.password, SECOND_FACTOR: 'optional' }, now });

beforeAll(async () => {
  await addWorker(t.service, { ...ALICE, languages: ['fr', 'es'] });
  await addWorker(t.service, { ...BOB, name: 'Bob', languages: ['en'] });
  await addWorker(t.service, { ...CAROL, name: 'Carol', languages: ['ht', 'fr'] });
  await addWorker(t.service, { ...CAROL_TOO, name: 'Carole', languages: ['fr'] });
});

// Requests reach the app from loopback, where `trust proxy` honours X-Forwarded-For: each login
// gets its own client address unless a test chooses one, so the per-address limit stays out of the way.
let addressCounter = 0;
const nextIp = () => `198.51.100.${++addressCounter}`;

async function login(credentials: { email: string; password: string }, options: { cookie?: string; ip?: string } = {}) {
  const response = await fetch(`${t.baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': options.ip ?? nextIp(), ...(options.cookie ? { Cookie: options.cookie } : {}) },
    body: JSON.stringify({ email: credentials.email, password: credentials.password }),
  });
  const setCookie = response.headers.getSetCookie()[0];
  const body = (await response.json()) as { csrfToken: string; worker: { id: string; name: string; email: string; role: string; languages: string[] }; error?: string };
  return { response, status: response.status, body, setCookie, cookie: setCookie?.split(';')[0] };
}

function me(cookie: string | undefined) {
  return fetch(`${t.baseUrl}/api/auth/me`, { headers: cookie ? { Cookie: cookie } : {} });
}

function logout(cookie: string, csrfToken?: string) {
  return fetch(`${t.baseUrl}/api/auth/logout`, { method: 'POST', headers: { Cookie: cookie, ...(csrfToken ? { 'X-CSRF-Token': csrfToken } : {}) } });
}

function auditRows(where: { action: string; email?: string; workerId?: string }) {
  return t.service.db.prisma.auditLog.findMany({ where, orderBy: { id: 'asc' } });
}

describe('POST /api/auth/login', () => {
  it('signs a worker in: an HttpOnly, SameSite=Strict cookie, the CSRF token and who they are', async () => {
    const { status, body, setCookie, cookie, response } = await login(ALICE);
    expect(status).toBe(200);
    expect(body.worker).toEqual({ id: expect.any(String), name: 'Alice Tremblay', email: ALICE.email, role: 'worker', languages: ['fr', 'es'] });
    expect(body.csrfToken).toMatch(/^[\w-]{43}$/);
    expect(response.headers.get('cache-control')).toBe('no-store');
    // Over http (PUBLIC_BASE_URL here), no Secure flag and no __Host- prefix: browsers would drop the cookie.
    expect(setCookie).toMatch(/^bienvenue_session=[\w-]{43}; Path=\/; HttpOnly; SameSite=Strict$/);

    // The database holds the token's SHA-256, never the token.
    const token = cookie!.split('=')[1]!;
    const sessions = await t.service.db.prisma.workerSession.findMany({ where: { workerId: body.worker.id } });
    expect(sessions.map((session) => session.id)).toEqual([createHash('sha256').update(token).digest('hex')]);
    expect(await auditRows({ action: 'login', workerId: body.worker.id })).toHaveLength(1);

    const again = await me(cookie);
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ csrfToken: body.csrfToken, worker: body.worker });
  });

  it('answers a wrong password and an unknown address the same way, and records both', async () => {
    const wrongPassword = await login({ email: ALICE.email, password: 'not the right passphrase' });
    const unknownEmail = await login({ email: 'nobody@bienvenue.test', password: ALICE.password });
    expect(wrongPassword.status).toBe(401);
    expect(unknownEmail.status).toBe(401);
    expect(unknownEmail.body).toEqual(wrongPassword.body);
    expect(wrongPassword.setCookie).toBeUndefined();
    expect((await auditRows({ action: 'login_failed', email: ALICE.email })).map((row) => row.data)).toEqual([{ reason: 'wrong_password' }]);
    const [unknown] = await auditRows({ action: 'login_failed', email: 'nobody@bienvenue.test' });
    expect(unknown).toMatchObject({ workerId: null, ip: expect.stringMatching(/^198\.51\.100\./) });
  });

  it('rejects a malformed body with 400', async () => {
    for (const body of ['{"email":"alice"}', '{"email":"alice@bienvenue.test"}', 'not json']) {
      const response = await fetch(`${t.baseUrl}/api/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({ error: expect.any(String) });
    }
  });

  it('replaces the session the browser presents with a new one', async () => {
    const first = await login(ALICE);
    const second = await login(ALICE, { cookie: first.cookie });
    expect(second.status).toBe(200);
    expect(second.cookie).not.toBe(first.cookie);
    expect(second.body.csrfToken).not.toBe(first.body.csrfToken);
    expect((await me(first.cookie)).status).toBe(401);
    expect((await me(second.cookie)).status).toBe(200);
  });

  it('signs in the first admin, created at start from ADMIN_EMAIL and ADMIN_PASSWORD', async () => {
    const { status, body } = await login(ADMIN);
    expect(status).toBe(200);
    expect(body.worker).toMatchObject({ email: ADMIN.email, role: 'admin' });
    const [added] = await auditRows({ action: 'worker_added' });
    expect(added).toMatchObject({ target: body.worker.id, data: { via: 'ADMIN_EMAIL', role: 'admin' } });
    // Once an admin exists, starting again creates nobody.
    expect(await ensureFirstAdmin(t.service.db, { admin: { email: 'other@bienvenue.test', password: 'another long passphrase' }, log: createLogger('silent'), passwordCost: t.service.config.passwordCost })).toBe(false);
    expect(await t.service.db.prisma.worker.count({ where: { role: 'admin' } })).toBe(1);
  });
});

describe('sessions', () => {
  it('GET /api/auth/me answers 401 without a session', async () => {
    const response = await me(undefined);
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: expect.any(String) });
    expect((await me('bienvenue_session=' + 'x'.repeat(43))).status).toBe(401);
  });

  it('logout needs the CSRF token, ends the session and clears the cookie', async () => {
    const { cookie, body } = await login(ALICE);
    expect((await logout(cookie!)).status).toBe(403);
    expect((await logout(cookie!, 'a'.repeat(43))).status).toBe(403);
    expect((await me(cookie)).status).toBe(200);

    const response = await logout(cookie!, body.csrfToken);
    expect(response.status).toBe(204);
    expect(response.headers.getSetCookie()[0]).toMatch(/^bienvenue_session=; Path=\/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; SameSite=Strict$/);
    expect((await me(cookie)).status).toBe(401);
    expect((await logout(cookie!, body.csrfToken)).status).toBe(401);
    expect(await auditRows({ action: 'logout', workerId: body.worker.id })).toHaveLength(1);
  });

  it('ends after 30 minutes without a request; activity keeps it alive', async () => {
    const { cookie } = await login(ALICE);
    offsetMs += 20 * MINUTE;
    expect((await me(cookie)).status).toBe(200);
    offsetMs += 20 * MINUTE;
    expect((await me(cookie)).status).toBe(200);
    offsetMs += 31 * MINUTE;
    expect((await me(cookie)).status).toBe(401);
    const token = cookie!.split('=')[1]!;
    expect(await t.service.db.prisma.workerSession.count({ where: { id: createHash('sha256').update(token).digest('hex') } })).toBe(0);
  });

  it('the queue poll, the live stream and the page’s own refreshes do not keep an idle session alive', async () => {
    const { cookie } = await login(ALICE);
    const passive = async () => {
      expect((await fetch(`${t.baseUrl}/api/handoffs`, { headers: { Cookie: cookie! } })).status).toBe(200);
      const stream = new AbortController();
      expect((await fetch(`${t.baseUrl}/api/events`, { headers: { Cookie: cookie! }, signal: stream.signal })).status).toBe(200);
      stream.abort();
      expect((await fetch(`${t.baseUrl}/api/auth/me`, { headers: { Cookie: cookie!, 'X-Background-Refresh': '1' } })).status).toBe(200);
    };
    for (let minutes = 0; minutes < 25; minutes += 5) {
      offsetMs += 5 * MINUTE;
      await passive();
    }
    // The worker did nothing for 30 minutes: the tab left open on a shared computer is signed out.
    offsetMs += 6 * MINUTE;
    expect((await fetch(`${t.baseUrl}/api/handoffs`, { headers: { Cookie: cookie! } })).status).toBe(401);
  });

  it('tells the page when the idle timeout will sign the worker out', async () => {
    const { cookie } = await login(ALICE);
    const body = (await (await me(cookie)).json()) as { idleExpiresAt: string; idleTimeoutSeconds: number };
    expect(body.idleTimeoutSeconds).toBe(30 * 60);
    expect(Date.parse(body.idleExpiresAt) - now().getTime()).toBeGreaterThan(29 * MINUTE);
    expect(Date.parse(body.idleExpiresAt) - now().getTime()).toBeLessThanOrEqual(30 * MINUTE);
  });

  it('ends 12 hours after login however active', async () => {
    const { cookie } = await login(ALICE);
    for (let elapsed = 25; elapsed < 12 * 60; elapsed += 25) {
      offsetMs += 25 * MINUTE;
      expect((await me(cookie)).status, `after ${elapsed} minutes`).toBe(200);
    }
    offsetMs += 25 * MINUTE;
    expect((await me(cookie)).status).toBe(401);
  });

  it('a disabled account is signed out at once and cannot sign in', async () => {
    const { cookie, body } = await login(CAROL);
    expect((await me(cookie)).status).toBe(200);
    const { sessionsRevoked } = await disableWorker(t.service.db, CAROL.email, { via: 'test' });
    expect(sessionsRevoked).toBe(1);
    expect((await me(cookie)).status).toBe(401);

    const again = await login(CAROL);
    expect(again.status).toBe(401);
    expect(again.body.error).toBe('wrong email or password');
    expect(await auditRows({ action: 'worker_disabled' })).toMatchObject([{ target: body.worker.id, data: { via: 'test', sessionsRevoked: 1 } }]);
    expect((await auditRows({ action: 'login_failed', email: CAROL.email })).map((row) => row.data)).toEqual([{ reason: 'disabled' }]);
  });
});

describe('POST /api/auth/password', () => {
  it('changes one’s own password: the current one first, no common password, other sessions end', async () => {
    const eve = { email: 'eve@bienvenue.test', password: 'eve has a long passphrase', name: 'Eve', languages: ['fr' as const] };
    await addWorker(t.service, eve);
    const here = await login(eve);
    const elsewhere = await login(eve);
    const change = (body: unknown, csrf = here.body.csrfToken) =>
      fetch(`${t.baseUrl}/api/auth/password`, { method: 'POST', headers: { Cookie: here.cookie!, 'X-CSRF-Token': csrf, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

    expect((await change({ currentPassword: eve.password, newPassword: 'a new long passphrase' }, 'x'.repeat(43))).status).toBe(403);
    expect((await change({ currentPassword: 'not my password at all', newPassword: 'a new long passphrase' })).status).toBe(403);
    const common = await change({ currentPassword: eve.password, newPassword: 'qwerty123456' });
    expect(common.status).toBe(400);
    expect(await common.json()).toEqual({ error: 'newPassword: a common or breached password: choose another' });
    expect((await change({ currentPassword: eve.password, newPassword: 'short' })).status).toBe(400);

    expect((await change({ currentPassword: eve.password, newPassword: 'a new long passphrase' })).status).toBe(204);
    expect((await me(here.cookie)).status).toBe(200);
    expect((await me(elsewhere.cookie)).status).toBe(401);
    expect((await login(eve)).status).toBe(401);
    expect((await login({ ...eve, password: 'a new long passphrase' })).status).toBe(200);
    expect(await auditRows({ action: 'password_changed', workerId: here.body.worker.id })).toHaveLength(1);
  });
});

describe('the live event stream', () => {
  // The app checks a stream's session every 25 s; ending a session must not wait for that.
  const endsWithin = (ended: Promise<void>, ms: number) =>
    Promise.race([ended.then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), ms))]);

  it('closes at once when its worker signs out', async () => {
    const alice = await ConsoleClient.login(t.baseUrl, ALICE);
    const events = await alice.events();
    expect(await endsWithin(events.ended, 300)).toBe(false);
    expect((await logout(alice.cookie, alice.csrfToken)).status).toBe(204);
    expect(await endsWithin(events.ended, 2000)).toBe(true);
  });

  it('closes at once when the account is disabled', async () => {
    const dan = { email: 'dan@bienvenue.test', password: 'dan has a long passphrase', name: 'Dan', languages: ['en' as const] };
    await addWorker(t.service, dan);
    const client = await ConsoleClient.login(t.baseUrl, dan);
    const events = await client.events();
    await disableWorker(t.service.db, dan.email, { via: 'test' });
    expect(await endsWithin(events.ended, 2000)).toBe(true);
  });
});

describe('login throttling', () => {
  it('counts every guess before checking it: 60 sent at once for one account get at most 5 answers', async () => {
    const ip = '203.0.113.10';
    const guesses = Array.from({ length: 60 }, (_, i) => (i === 59 ? BOB : { email: BOB.email, password: `wrong guess number ${i}` }));
    const statuses = (await Promise.all(guesses.map((guess) => login(guess, { ip })))).map((answer) => answer.status);
    const answered = statuses.filter((status) => status !== 429);
    expect(answered.length).toBeLessThanOrEqual(5);
    expect(statuses.filter((status) => status === 429)).toHaveLength(60 - answered.length);
    // Refusals are in the audit log too (ASVS 7.2), each with the address.
    const refused = await auditRows({ action: 'login_throttled', email: BOB.email });
    expect(refused).toHaveLength(60 - answered.length);
    expect(refused[0]).toMatchObject({ ip });
  });

  it('a guesser elsewhere cannot lock the real worker out', async () => {
    const attacker = '203.0.113.20';
    for (let i = 0; i < 6; i += 1) await login({ email: ALICE.email, password: `not alice's password ${i}` }, { ip: attacker });
    const throttled = await login(ALICE, { ip: attacker });
    expect(throttled.status).toBe(429);
    const retryAfter = Number(throttled.response.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    // Alice, from her own computer, signs in as usual.
    expect((await login(ALICE, { ip: '198.18.0.7' })).status).toBe(200);
  });

  it('twenty failures from one address do not shut out the others behind it', async () => {
    const office = '203.0.113.30';
    for (let i = 0; i < 20; i += 1) await login({ email: `guess${i}@bienvenue.test`, password: 'whatever it is' }, { ip: office });
    expect((await login(ALICE, { ip: office })).status).toBe(200);
  });

  it.runIf(onPostgres)('on PostgreSQL, the count is shared by every instance', async () => {
    // Another instance's throttle, on the same database: its five guesses count here too.
    const elsewhere = new LoginThrottle(t.service.db);
    const ip = '203.0.113.50';
    for (let i = 0; i < 5; i += 1) expect(await elsewhere.attempt({ email: BOB.email, ip })).toBe(0);
    expect((await login(BOB, { ip })).status).toBe(429);
  });

  it('a successful sign-in clears the count of failures for that account and address', async () => {
    const ip = '203.0.113.40';
    for (let i = 0; i < 4; i += 1) expect((await login({ email: CAROL_TOO.email, password: `wrong ${i} for carol` }, { ip })).status).toBe(401);
    expect((await login(CAROL_TOO, { ip })).status).toBe(200);
    for (let i = 0; i < 4; i += 1) expect((await login({ email: CAROL_TOO.email, password: `again wrong ${i}` }, { ip })).status).toBe(401);
    expect((await login(CAROL_TOO, { ip })).status).toBe(200);
  });
});

describe('requireWorker', () => {
  it('guards other routers: 401 signed out, 403 without CSRF on a change, 403 for a role not held', async () => {
    // A router of the console API, as the handoff routes use it, on the same database.
    const app = express();
    provideAuth(app, { sessions: new SessionStore(t.service.db, { now }), cookie: new SessionCookie(t.baseUrl) });
    app.get('/api/things', requireWorker(), (_req, res) => void res.json({ worker: res.locals.worker!.email }));
    app.post('/api/things', requireWorker(), (_req, res) => void res.status(201).json({ by: res.locals.session!.worker.id }));
    app.get('/api/admin', requireWorker({ role: 'admin' }), (_req, res) => void res.json({ ok: true }));
    app.use(errorHandler(createLogger('silent')));
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const worker = await login(ALICE);
      const admin = await login(ADMIN);
      expect((await fetch(`${base}/api/things`)).status).toBe(401);
      expect(await (await fetch(`${base}/api/things`, { headers: { Cookie: worker.cookie! } })).json()).toEqual({ worker: ALICE.email });
      expect((await fetch(`${base}/api/things`, { method: 'POST', headers: { Cookie: worker.cookie! } })).status).toBe(403);
      expect((await fetch(`${base}/api/things`, { method: 'POST', headers: { Cookie: worker.cookie!, 'X-CSRF-Token': admin.body.csrfToken } })).status).toBe(403);
      expect((await fetch(`${base}/api/things`, { method: 'POST', headers: { Cookie: worker.cookie!, 'X-CSRF-Token': worker.body.csrfToken } })).status).toBe(201);
      expect((await fetch(`${base}/api/admin`, { headers: { Cookie: worker.cookie! } })).status).toBe(403);
      expect((await fetch(`${base}/api/admin`, { headers: { Cookie: admin.cookie! } })).status).toBe(200);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('uses a Secure __Host- cookie when PUBLIC_BASE_URL is https', async () => {
    const cookie = new SessionCookie('https://bienvenue.example.org');
    const app = express();
    app.get('/', (_req, res) => {
      cookie.set(res, 'x'.repeat(43));
      res.end();
    });
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
      expect(response.headers.getSetCookie()[0]).toBe(`__Host-bienvenue_session=${'x'.repeat(43)}; Path=/; HttpOnly; Secure; SameSite=Strict`);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
