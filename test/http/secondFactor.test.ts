import { generate } from 'otplib';
import { beforeAll, describe, expect, it } from 'vitest';
import { addWorker } from '../support/addWorker.ts';
import { useTestService } from '../support/startTestService.ts';

// Multi-factor sign-in over real HTTP (ASVS 2.7, 2.8): a worker sets up an authenticator app
// from the console, then signs in with the password and a code, or a recovery code once.

// The app's clock runs `offsetMs` ahead of the real one: tests step it to the next TOTP period.
let offsetMs = 0;
const now = () => new Date(Date.now() + offsetMs);
// Each worker chooses here (SECOND_FACTOR=optional); secondFactorRequired.test.ts requires it.
const t = useTestService({ now, env: { SECOND_FACTOR: 'optional' } });

const ADMIN = { email: 'admin@bienvenue.test', password: 'the admin has a long passphrase', name: 'Admin', languages: ['fr' as const], role: 'admin' as const };
const DIANE = { email: 'diane@bienvenue.test', password: 'diane a une longue phrase', name: 'Diane', languages: ['fr' as const] };
const ERIC = { email: 'eric@bienvenue.test', password: 'eric a une longue phrase', name: 'Éric', languages: ['fr' as const] };
const FANNY = { email: 'fanny@bienvenue.test', password: 'fanny a une longue phrase', name: 'Fanny', languages: ['fr' as const] };

beforeAll(async () => {
  for (const worker of [ADMIN, DIANE, ERIC, FANNY]) await addWorker(t.service, worker);
});

let addressCounter = 0;
const nextIp = () => `192.0.2.${++addressCounter}`;

type Json = Record<string, unknown> & { error?: string; code?: string };

async function call(path: string, options: { body?: unknown; session?: Session; ip?: string; method?: string } = {}) {
  const response = await fetch(`${t.baseUrl}${path}`, {
    method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
    headers: {
      'X-Forwarded-For': options.ip ?? options.session?.ip ?? nextIp(),
      ...(options.body === undefined ? {} : { 'Content-Type': 'application/json' }),
      ...(options.session ? { Cookie: options.session.cookie, 'X-CSRF-Token': options.session.csrfToken } : {}),
    },
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  });
  const text = await response.text();
  const type = response.headers.get('content-type') ?? '';
  const body = (type.includes('json') && text ? JSON.parse(text) : {}) as Json;
  return { status: response.status, body, text, type, cookie: response.headers.getSetCookie()[0]?.split(';')[0] };
}

interface Session {
  cookie: string;
  csrfToken: string;
  ip: string;
}

/** Signs in with the password only (no second factor set up): a session. */
async function signIn(who: { email: string; password: string }, ip = nextIp()): Promise<Session> {
  const { status, body, cookie } = await call('/api/auth/login', { body: { email: who.email, password: who.password }, ip });
  expect(status).toBe(200);
  return { cookie: cookie!, csrfToken: body.csrfToken as string, ip };
}

/** The code the worker's phone shows now (the app's clock). */
const codeNow = (secret: string) => generate({ secret, epoch: Math.floor(now().getTime() / 1000) });

/** Sets up multi-factor sign-in for `who`: the secret and the ten recovery codes. */
async function enrol(who: { email: string; password: string }): Promise<{ secret: string; recoveryCodes: string[] }> {
  const session = await signIn(who);
  const setup = await call('/api/auth/second-factor/setup', { body: { password: who.password }, session });
  expect(setup.status).toBe(200);
  const secret = setup.body.secret as string;
  const enabled = await call('/api/auth/second-factor/enable', { body: { code: await codeNow(secret) }, session });
  expect(enabled.status).toBe(200);
  return { secret, recoveryCodes: enabled.body.recoveryCodes as string[] };
}

/** The password step of a sign-in with multi-factor: the challenge, and no session yet. */
async function passwordStep(who: { email: string; password: string }, ip = nextIp()): Promise<{ challenge: string; ip: string }> {
  const { status, body, cookie } = await call('/api/auth/login', { body: { email: who.email, password: who.password }, ip });
  expect(status).toBe(200);
  expect(body).toEqual({ secondFactorRequired: true, challenge: expect.stringMatching(/^[\w-]{43}$/) });
  expect(cookie).toBeUndefined();
  return { challenge: body.challenge as string, ip };
}

const secondStep = (challenge: string, code: string, ip: string) => call('/api/auth/login/second-factor', { body: { challenge, code }, ip });

function auditRows(action: string) {
  return t.service.db.prisma.auditLog.findMany({ where: { action }, orderBy: { id: 'asc' } });
}

describe('setting up multi-factor sign-in', () => {
  it('proves the password, shows a QR code, confirms a code from the app, then gives ten recovery codes once', async () => {
    const session = await signIn(DIANE);
    expect((await call('/api/auth/second-factor', { session })).body).toMatchObject({ enabled: false });
    expect((await call('/api/auth/second-factor/qr.svg', { session })).status).toBe(404);

    const wrongPassword = await call('/api/auth/second-factor/setup', { body: { password: 'not the password at all' }, session });
    expect(wrongPassword).toMatchObject({ status: 403, body: { code: 'wrong_password' } });
    const setup = await call('/api/auth/second-factor/setup', { body: { password: DIANE.password }, session });
    expect(setup.status).toBe(200);
    const secret = setup.body.secret as string;
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(setup.body.otpauthUri).toBe(`otpauth://totp/Bienvenue:diane%40bienvenue.test?secret=${secret}&issuer=Bienvenue`);

    const qr = await call('/api/auth/second-factor/qr.svg', { session });
    expect(qr.status).toBe(200);
    expect(qr.type).toMatch(/^image\/svg\+xml/);
    expect(qr.text).toMatch(/^<svg[^>]*viewBox/);

    // Not on until a code from the app proves the secret reached it.
    const wrongCode = await call('/api/auth/second-factor/enable', { body: { code: '000000' === (await codeNow(secret)) ? '111111' : '000000' }, session });
    expect(wrongCode).toMatchObject({ status: 400, body: { code: 'wrong_code' } });
    expect((await call('/api/auth/second-factor', { session })).body).toMatchObject({ enabled: false });

    const enabled = await call('/api/auth/second-factor/enable', { body: { code: await codeNow(secret) }, session });
    expect(enabled.status).toBe(200);
    const codes = enabled.body.recoveryCodes as string[];
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{4}$/);
    expect((await call('/api/auth/second-factor', { session })).body).toMatchObject({ enabled: true, recoveryCodesLeft: 10 });

    // Stored salted and hashed, never in clear; the set-up cannot be restarted over it.
    const stored = await t.service.db.prisma.workerRecoveryCode.findMany({ where: { worker: { email: DIANE.email } } });
    expect(stored).toHaveLength(10);
    for (const row of stored) {
      expect(row.codeHash).toMatch(/^[0-9a-f]{8}\$[0-9a-f]{64}$/);
      expect(codes.some((code) => row.codeHash.includes(code.replaceAll('-', '')))).toBe(false);
    }
    expect(await call('/api/auth/second-factor/setup', { body: { password: DIANE.password }, session })).toMatchObject({ status: 409, body: { code: 'second_factor_enabled' } });
    expect((await call('/api/auth/second-factor/qr.svg', { session })).status).toBe(404);
    expect(await auditRows('second_factor_enabled')).toHaveLength(1);
  });

  it('needs a session and the CSRF token', async () => {
    expect((await call('/api/auth/second-factor/setup', { body: { password: ERIC.password } })).status).toBe(401);
    const session = await signIn(ERIC);
    const noCsrf = await fetch(`${t.baseUrl}/api/auth/second-factor/setup`, {
      method: 'POST',
      headers: { Cookie: session.cookie, 'Content-Type': 'application/json' },
      body: JSON.stringify({ password: ERIC.password }),
    });
    expect(noCsrf.status).toBe(403);
  });
});

describe('signing in with a second factor', () => {
  it('asks the code after the password; a code is accepted once, the next period’s too', async () => {
    const { secret } = await enrol(ERIC);
    offsetMs += 30_000;
    const first = await passwordStep(ERIC);
    const wrong = await secondStep(first.challenge, (await codeNow(secret)) === '123456' ? '654321' : '123456', first.ip);
    expect(wrong).toMatchObject({ status: 401, body: { code: 'wrong_code' } });
    expect(wrong.cookie).toBeUndefined();

    const code = await codeNow(secret);
    const ok = await secondStep(first.challenge, code, first.ip);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ worker: { email: ERIC.email }, csrfToken: expect.any(String) });
    expect((await call('/api/auth/me', { session: { cookie: ok.cookie!, csrfToken: '', ip: first.ip } })).status).toBe(200);
    // The challenge is spent, and the same code cannot sign in again (someone watching the screen).
    expect(await secondStep(first.challenge, code, first.ip)).toMatchObject({ status: 401, body: { code: 'challenge_expired' } });
    const replay = await passwordStep(ERIC);
    expect(await secondStep(replay.challenge, code, replay.ip)).toMatchObject({ status: 401, body: { code: 'wrong_code' } });

    offsetMs += 30_000;
    expect((await secondStep(replay.challenge, await codeNow(secret), replay.ip)).status).toBe(200);
    const logins = (await auditRows('login')).filter((row) => (row.data as { secondFactor?: string }).secondFactor === 'totp');
    expect(logins).toHaveLength(2);
    expect((await auditRows('login_failed')).map((row) => row.data)).toContainEqual({ reason: 'wrong_second_factor' });
  });

  it('the same code sent twice at once signs in once', async () => {
    const { secret } = await enrol(FANNY);
    offsetMs += 30_000;
    const challenges = await Promise.all([passwordStep(FANNY), passwordStep(FANNY), passwordStep(FANNY)]);
    const code = await codeNow(secret);
    const answers = await Promise.all(challenges.map(({ challenge, ip }) => secondStep(challenge, code, ip)));
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 401, 401]);
  });

  it('a recovery code signs in once, whatever its case and dashes', async () => {
    const worker = { email: 'gaston@bienvenue.test', password: 'gaston a une longue phrase', name: 'Gaston', languages: ['fr' as const] };
    await addWorker(t.service, worker);
    const { recoveryCodes } = await enrol(worker);
    const first = await passwordStep(worker);
    const used = await secondStep(first.challenge, ` ${recoveryCodes[3]!.toUpperCase().replaceAll('-', ' ')} `, first.ip);
    expect(used.status).toBe(200);
    expect(used.body.recoveryCodesLeft).toBe(9);
    const again = await passwordStep(worker);
    expect(await secondStep(again.challenge, recoveryCodes[3]!, again.ip)).toMatchObject({ status: 401, body: { code: 'wrong_code' } });
    expect((await secondStep(again.challenge, recoveryCodes[4]!, again.ip)).body.recoveryCodesLeft).toBe(8);
  });

  it('a challenge takes five codes, and lasts five minutes', async () => {
    const worker = { email: 'hugo@bienvenue.test', password: 'hugo a une longue phrase', name: 'Hugo', languages: ['fr' as const] };
    await addWorker(t.service, worker);
    const { secret } = await enrol(worker);
    offsetMs += 30_000;
    // Each guess from its own address, so only the challenge's own count is at work.
    const guessed = await passwordStep(worker);
    for (let i = 0; i < 5; i += 1) expect((await secondStep(guessed.challenge, '000000', nextIp())).status).toBe(401);
    expect(await secondStep(guessed.challenge, await codeNow(secret), nextIp())).toMatchObject({ status: 401, body: { code: 'challenge_expired' } });

    const late = await passwordStep(worker);
    offsetMs += 5 * 60_000 + 1_000;
    expect(await secondStep(late.challenge, await codeNow(secret), late.ip)).toMatchObject({ status: 401, body: { code: 'challenge_expired' } });
  });
});

describe('an admin resets a worker’s second factor', () => {
  it('for a worker who lost their phone: the password alone signs in again, and it is audited', async () => {
    const worker = { email: 'ines@bienvenue.test', password: 'ines a une longue phrase', name: 'Inès', languages: ['fr' as const] };
    const created = await addWorker(t.service, worker);
    await enrol(worker);
    const colleague = await signIn(ADMIN);
    const listed = await call('/api/workers', { session: colleague });
    expect(listed.status).toBe(200);
    expect(listed.body.workers).toContainEqual(expect.objectContaining({ email: worker.email, secondFactor: true, disabled: false }));

    // Workers may not: only admins list accounts and reset them.
    const other = { email: 'jules@bienvenue.test', password: 'jules a une longue phrase', name: 'Jules', languages: ['fr' as const] };
    await addWorker(t.service, other);
    const jules = await signIn(other);
    expect((await call('/api/workers', { session: jules })).status).toBe(403);
    expect((await call(`/api/workers/${created.id}/second-factor/reset`, { session: jules, method: 'POST' })).status).toBe(403);

    expect((await call(`/api/workers/${created.id}/second-factor/reset`, { session: colleague, method: 'POST' })).status).toBe(204);
    expect((await call('/api/workers/00000000-0000-4000-8000-000000000000/second-factor/reset', { session: colleague, method: 'POST' })).status).toBe(404);
    const [reset] = await auditRows('second_factor_reset');
    expect(reset).toMatchObject({ target: created.id });
    expect(await t.service.db.prisma.workerRecoveryCode.count({ where: { workerId: created.id } })).toBe(0);
    const { status, body } = await call('/api/auth/login', { body: { email: worker.email, password: worker.password } });
    expect(status).toBe(200);
    expect(body.csrfToken).toEqual(expect.any(String));
  });
});
