import { randomUUID } from 'node:crypto';
import { generate } from 'otplib';
import { beforeAll, describe, expect, it } from 'vitest';
import { addWorker } from '../support/addWorker.ts';
import { ConsoleClient } from '../support/ConsoleClient.ts';
import { useTestService } from '../support/startTestService.ts';

// SECOND_FACTOR=required, the default (ASVS 4.0 L2, V2.2): a worker without an authenticator app
// is taken through its set-up right after the password, and no call with families' data answers
// before; a worker who has one must give it; an admin's reset is audited.

const t = useTestService();

const ADMIN = { email: 'admin@bienvenue.test', password: 'the admin has a long passphrase', name: 'Admin', languages: ['fr' as const], role: 'admin' as const };
const HUGO = { email: 'hugo@bienvenue.test', password: 'hugo a une longue phrase', name: 'Hugo', languages: ['fr' as const] };
const IRIS = { email: 'iris@bienvenue.test', password: 'iris a une longue phrase', name: 'Iris', languages: ['es' as const], role: 'admin' as const };

beforeAll(async () => {
  for (const worker of [ADMIN, HUGO, IRIS]) await addWorker(t.service, worker);
});

let addressCounter = 0;

interface Session {
  cookie: string;
  csrfToken: string;
}

type Json = Record<string, unknown> & { error?: string; code?: string };

async function call(method: string, path: string, options: { session?: Session; body?: unknown } = {}) {
  const controller = new AbortController();
  const response = await fetch(`${t.baseUrl}${path}`, {
    method,
    headers: {
      'X-Forwarded-For': `192.0.2.${++addressCounter % 250}`,
      ...(options.session ? { Cookie: options.session.cookie, 'X-CSRF-Token': options.session.csrfToken } : {}),
      ...(options.body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
    signal: controller.signal,
  });
  const type = response.headers.get('content-type') ?? '';
  // The live stream answers 200 and stays open: its status is the answer.
  const body = (type.includes('json') ? await response.json() : (controller.abort(), {})) as Json;
  return { status: response.status, body, cookie: response.headers.getSetCookie()[0]?.split(';')[0] };
}

async function passwordStep(who: { email: string; password: string }) {
  const answer = await call('POST', '/api/auth/login', { body: { email: who.email, password: who.password } });
  expect(answer.status).toBe(200);
  return answer;
}

/** Every call that reads or changes families' data, the audit log or accounts. */
const GUARDED = (id: string): [string, string, unknown?][] => [
  ['GET', '/api/handoffs'],
  ['GET', '/api/handoffs?status=resolved'],
  ['GET', `/api/handoffs/${id}`],
  ['GET', `/api/handoffs/${id}/export?format=text`],
  ['POST', `/api/handoffs/${id}/claim`, {}],
  ['POST', `/api/handoffs/${id}/messages`, { text: 'Bonjour' }],
  ['POST', `/api/handoffs/${id}/notes`, { text: 'note' }],
  ['POST', `/api/handoffs/${id}/resolve`],
  ['POST', `/api/handoffs/${id}/erase`],
  ['GET', '/api/events'],
  ['GET', '/api/audit'],
  ['GET', '/api/workers'],
  ['POST', `/api/workers/${id}/second-factor/reset`],
  ['POST', '/api/auth/password', { currentPassword: 'x', newPassword: 'a brand new passphrase' }],
  ['POST', '/api/auth/second-factor/recovery-codes', { password: 'x' }],
];

describe('a worker without a second factor, where it is required', () => {
  it('gets, with the password, a session that reaches only the set-up of an authenticator app', async () => {
    const login = await passwordStep(IRIS);
    expect(login.body).toMatchObject({
      secondFactorEnrolmentRequired: true,
      secondFactorEnrolment: { secret: expect.stringMatching(/^[A-Z2-7]{32}$/), otpauthUri: expect.stringMatching(/^otpauth:\/\/totp\/Bienvenue:iris%40bienvenue\.test\?secret=/) },
      csrfToken: expect.any(String),
    });
    const session = { cookie: login.cookie!, csrfToken: login.body.csrfToken as string };

    // Iris is an admin: not even the admins' calls answer before the set-up.
    const id = randomUUID();
    for (const [method, path, body] of GUARDED(id)) {
      const refused = await call(method, path, { session, body });
      expect({ method, path, status: refused.status, code: refused.body.code }).toEqual({ method, path, status: 403, code: 'second_factor_enrolment_required' });
    }
    // What the set-up needs still answers.
    expect((await call('GET', '/api/auth/me', { session })).body).toMatchObject({ secondFactorEnrolmentRequired: true, worker: { email: IRIS.email } });
    expect((await call('GET', '/api/auth/second-factor', { session })).body).toMatchObject({ enabled: false });
    const qr = await fetch(`${t.baseUrl}/api/auth/second-factor/qr.svg`, { headers: { Cookie: session.cookie } });
    expect(qr.status).toBe(200);
    expect(qr.headers.get('content-type')).toMatch(/^image\/svg\+xml/);

    // A wrong code changes nothing.
    const secret = (login.body.secondFactorEnrolment as { secret: string }).secret;
    const right = await generate({ secret });
    const wrong = await call('POST', '/api/auth/second-factor/enable', { session, body: { code: right === '000000' ? '111111' : '000000' } });
    expect(wrong).toMatchObject({ status: 400, body: { code: 'wrong_code' } });
    expect((await call('GET', '/api/handoffs', { session })).status).toBe(403);

    // The right one turns it on, gives the recovery codes, and replaces the session with a full one.
    const enabled = await call('POST', '/api/auth/second-factor/enable', { session, body: { code: right } });
    expect(enabled.status).toBe(200);
    expect(enabled.body.recoveryCodes).toHaveLength(10);
    expect(enabled.body).toMatchObject({ secondFactorEnrolmentRequired: false, worker: { email: IRIS.email } });
    expect(enabled.cookie).toMatch(/^bienvenue_session=/);
    expect(enabled.cookie).not.toBe(session.cookie);
    expect((await call('GET', '/api/auth/me', { session })).status).toBe(401);
    const full = { cookie: enabled.cookie!, csrfToken: enabled.body.csrfToken as string };
    expect(full.csrfToken).not.toBe(session.csrfToken);
    expect((await call('GET', '/api/handoffs', { session: full })).status).toBe(200);
    expect((await call('GET', `/api/handoffs/${id}`, { session: full })).status).toBe(404);
    expect((await call('GET', '/api/audit', { session: full })).status).toBe(200);
    expect((await call('GET', '/api/events', { session: full })).status).toBe(200);

    const worker = await t.service.db.prisma.worker.findUniqueOrThrow({ where: { email: IRIS.email } });
    const actions = await t.service.db.prisma.auditLog.findMany({ where: { workerId: worker.id }, orderBy: { id: 'asc' }, select: { action: true, data: true } });
    expect(actions.map((row) => row.action)).toEqual(['second_factor_setup_started', 'login', 'second_factor_enabled', 'login']);
    expect(actions[1]!.data).toEqual({ secondFactor: 'enrolment' });
    expect(actions[3]!.data).toEqual({ secondFactor: 'enrolled' });

    // From now on the password alone opens nothing: the code is asked.
    const next = await passwordStep(IRIS);
    expect(next.body).toEqual({ secondFactorRequired: true, challenge: expect.any(String) });
    expect(next.cookie).toBeUndefined();
  });

  it('a signed-in worker whose second factor an admin resets reaches only its set-up, at once', async () => {
    // Signed in through the test client, which sets the app up at once; then an admin resets it.
    const hugo = await ConsoleClient.login(t.baseUrl, HUGO);
    expect((await hugo.get('/api/handoffs')).status).toBe(200);
    const admin = await ConsoleClient.login(t.baseUrl, ADMIN);
    expect((await admin.post(`/api/workers/${hugo.worker.id}/second-factor/reset`)).status).toBe(204);
    expect(await hugo.get('/api/handoffs')).toMatchObject({ status: 403, body: { code: 'second_factor_enrolment_required' } });
    expect((await hugo.get('/api/auth/me')).body).toMatchObject({ secondFactorEnrolmentRequired: true });
  });
});

describe('an admin resets the second factor of a worker who lost their phone', () => {
  it('recorded in the audit log; the worker sets it up again at the next sign-in', async () => {
    const admin = await ConsoleClient.login(t.baseUrl, ADMIN);
    const hugo = await t.service.db.prisma.worker.findUniqueOrThrow({ where: { email: HUGO.email } });
    // The previous test left Hugo without it: set it up again, as he would.
    await ConsoleClient.login(t.baseUrl, HUGO);
    expect((await t.service.db.prisma.worker.findUniqueOrThrow({ where: { id: hugo.id } })).totpEnabledAt).not.toBeNull();
    expect((await passwordStep(HUGO)).body).toMatchObject({ secondFactorRequired: true });

    expect((await admin.post(`/api/workers/${hugo.id}/second-factor/reset`)).status).toBe(204);
    const rows = await t.service.db.prisma.auditLog.findMany({ where: { action: 'second_factor_reset', target: hugo.id }, orderBy: { id: 'asc' } });
    expect(rows.at(-1)).toMatchObject({ workerId: admin.worker.id, ip: expect.any(String), data: { via: 'console', wasEnabled: true } });
    expect(await t.service.db.prisma.workerRecoveryCode.count({ where: { workerId: hugo.id } })).toBe(0);

    expect((await passwordStep(HUGO)).body).toMatchObject({ secondFactorEnrolmentRequired: true, secondFactorEnrolment: { secret: expect.any(String) } });
    expect((await admin.post(`/api/workers/${randomUUID()}/second-factor/reset`)).status).toBe(404);
  });
});
