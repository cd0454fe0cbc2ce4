import express, { type Request, type Response, type Router } from 'express';
import { z } from 'zod';
import type { Database } from '../db/Database.ts';
import { AuthError } from './AuthError.ts';
import type { Logger } from '../log.ts';
import { audit } from './audit.ts';
import { dummyPasswordHash, hashPassword, needsRehash, passwordSchema, verifyPassword } from './passwords.ts';
import type { ScryptCost } from './scryptCost.ts';
import { announceSessionEnding } from './SessionEndings.ts';
import { enrolmentPending, requireWorker, type AuthContext } from './requireWorker.ts';
import type { WorkerSessionInfo } from './sessions.ts';
import type { LoginThrottle } from './LoginThrottle.ts';
import { searchAudit, type AuditQuery } from './searchAudit.ts';
import { emailSchema } from './workers.ts';
import { closeLoginChallenge, openLoginChallenge, tryLoginChallenge } from './loginChallenges.ts';
import { checkTotp, newTotpSecret, normaliseTotp, useRecoveryCode } from './secondFactor.ts';

const loginSchema = z.object({
  email: emailSchema,
  // No length rule at login beyond a sanity cap: the rules are for new passwords.
  password: z.string().min(1).max(1024),
});

const secondFactorSchema = z.object({
  challenge: z.string().min(1).max(128),
  /** Six digits from the authenticator app, or a recovery code. */
  code: z.string().trim().min(1).max(64),
});

const passwordChangeSchema = z.object({
  currentPassword: z.string().min(1).max(1024),
  newPassword: passwordSchema,
});

// One answer for every failure, so the API does not tell which addresses have accounts.
const LOGIN_FAILED = 'wrong email or password';

/**
 * The console's sign-in API: `POST /api/auth/login` `{email,password}` → session cookie +
 * `{csrfToken, worker}`, or, for a worker with multi-factor sign-in, `{secondFactorRequired: true,
 * challenge}` and no session yet; `POST /api/auth/login/second-factor` `{challenge, code}` (a TOTP
 * code or a recovery code) → the session, as login; 401 `wrong_code`, 401 `challenge_expired`.
 * When the app requires a second factor (`SECOND_FACTOR=required`) and the worker has none yet,
 * login answers as usual plus `secondFactorEnrolment: {secret, otpauthUri}`: the set-up is started
 * (QR code at `/api/auth/second-factor/qr.svg`) and the session reaches nothing but it until
 * `POST /api/auth/second-factor/enable` confirms a code. `POST /api/auth/logout` (CSRF) → 204; `GET /api/auth/me` →
 * `{csrfToken, worker, idleTimeoutSeconds, idleExpiresAt, expiresAt, secondFactorEnrolmentRequired}` for the signed-in worker (the console page asks
 * after a reload, and to stay signed in when warned of the idle timeout), else 401;
 * `POST /api/auth/password` `{currentPassword, newPassword}` (CSRF) → 204, other sessions ended;
 * `GET /api/audit?action=&email=&target=&ip=&from=&to=&limit=` → `{entries: AuditRow[]}` (admins).
 * New password hashes are made at `passwordCost` (config), and older, cheaper ones are upgraded at sign-in.
 */
export function authRoutes(args: AuthContext & { db: Database; log: Logger; now: () => Date; throttle: LoginThrottle; passwordCost: ScryptCost }): Router {
  const { db, log, now, sessions, cookie, throttle, secondFactor, passwordCost } = args;
  const router = express.Router();

  // Session answers carry the CSRF token: never cached.
  router.use('/api/auth', (_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  });

  router.post('/api/auth/login', express.json({ limit: '8kb' }), async (req, res) => {
    const { email, password } = loginSchema.parse(req.body);
    const ip = clientIp(req);
    // Counted before any password check, so a throttled guesser learns nothing and costs us no hash.
    const retryAfter = await throttle.attempt({ email, ip });
    if (retryAfter > 0) {
      log.info({ ip, retryAfter }, 'auth: login throttled');
      await audit(db.prisma, { action: 'login_throttled', email, ip, data: { retryAfter }, at: now() });
      res.set('Retry-After', String(retryAfter));
      throw new AuthError('too_many_attempts', 'too many failed sign-ins: try again later');
    }

    const worker = await db.prisma.worker.findUnique({ where: { email } });
    // An unknown address is checked against a dummy hash, so it answers as slowly as a wrong password.
    const passwordOk = await verifyPassword(password, worker?.passwordHash ?? dummyPasswordHash(passwordCost));
    if (!worker || !passwordOk || worker.disabledAt) {
      const reason = !worker ? 'unknown_email' : !passwordOk ? 'wrong_password' : 'disabled';
      await audit(db.prisma, { workerId: worker?.id, action: 'login_failed', email, ip, data: { reason }, at: now() });
      throw new AuthError('sign_in', LOGIN_FAILED);
    }

    if (needsRehash(worker.passwordHash, passwordCost)) {
      // The cost was raised since this password was set: upgrade it now that we have it.
      await db.prisma.worker.update({ where: { id: worker.id }, data: { passwordHash: await hashPassword(password, { cost: passwordCost }) } });
    }
    if (worker.totpEnabledAt) {
      // ASVS 2.7/2.8: the password alone opens no session; the attempt counts until the code is right.
      const challenge = await openLoginChallenge(db, { workerId: worker.id, ip, now: now() });
      await audit(db.prisma, { workerId: worker.id, action: 'login_second_factor_asked', email, ip, at: now() });
      res.json({ secondFactorRequired: true, challenge });
      return;
    }
    await throttle.succeeded({ email, ip });
    if (secondFactor === 'required') {
      // ASVS 2.2: the password proved who this is, so the set-up starts now; the session it
      // opens reaches nothing but the set-up (requireWorker) until a code from the app confirms it.
      const enrolment = await newTotpSecret(worker.email);
      await db.prisma.worker.update({ where: { id: worker.id }, data: { totpSecret: enrolment.secret, totpLastStep: null } });
      await audit(db.prisma, { workerId: worker.id, action: 'second_factor_setup_started', ip, data: { atSignIn: true }, at: now() });
      await startSession(req, res, { workerId: worker.id, email, ip, data: { secondFactor: 'enrolment' }, extra: { secondFactorEnrolment: enrolment } });
      return;
    }
    await startSession(req, res, { workerId: worker.id, email, ip });
  });

  router.post('/api/auth/login/second-factor', express.json({ limit: '8kb' }), async (req, res) => {
    const { challenge, code } = secondFactorSchema.parse(req.body);
    const ip = clientIp(req);
    const at = now();
    const workerId = await tryLoginChallenge(db, { token: challenge, now: at });
    const worker = workerId ? await db.prisma.worker.findUnique({ where: { id: workerId } }) : null;
    if (!worker || worker.disabledAt || !worker.totpEnabledAt || !worker.totpSecret) {
      throw new AuthError('sign_in', 'sign in again', 'challenge_expired');
    }
    const retryAfter = await throttle.attempt({ email: worker.email, ip });
    if (retryAfter > 0) {
      await audit(db.prisma, { workerId: worker.id, action: 'login_throttled', email: worker.email, ip, data: { retryAfter, step: 'second_factor' }, at });
      res.set('Retry-After', String(retryAfter));
      throw new AuthError('too_many_attempts', 'too many failed sign-ins: try again later');
    }
    let method: 'totp' | 'recovery_code' | undefined;
    if (normaliseTotp(code)) {
      const step = await checkTotp({ secret: worker.totpSecret, code, now: at, afterStep: worker.totpLastStep });
      // Conditional on the last step, so the same code sent twice at once signs in once.
      const stored =
        step !== undefined &&
        (await db.prisma.worker.updateMany({ where: { id: worker.id, OR: [{ totpLastStep: null }, { totpLastStep: { lt: step } }] }, data: { totpLastStep: step } })).count === 1;
      if (stored) method = 'totp';
    } else if (await useRecoveryCode(db, { workerId: worker.id, code, now: at })) {
      method = 'recovery_code';
    }
    if (!method) {
      await audit(db.prisma, { workerId: worker.id, action: 'login_failed', email: worker.email, ip, data: { reason: 'wrong_second_factor' }, at });
      throw new AuthError('sign_in', 'wrong code', 'wrong_code');
    }
    await closeLoginChallenge(db, challenge);
    await throttle.succeeded({ email: worker.email, ip });
    const recoveryCodesLeft = await db.prisma.workerRecoveryCode.count({ where: { workerId: worker.id, usedAt: null } });
    await startSession(req, res, { workerId: worker.id, email: worker.email, ip, data: { secondFactor: method, recoveryCodesLeft }, extra: { recoveryCodesLeft } });
  });

  /** Opens a session for a worker who proved who they are, sets the cookie and answers like `/me` (plus `extra`). */
  async function startSession(
    req: Request,
    res: Response,
    args: { workerId: string; email: string; ip: string | undefined; data?: Record<string, string | number>; extra?: Record<string, unknown> },
  ): Promise<void> {
    const session = await openSession(req, res, { ...args, sessions, cookie });
    await audit(db.prisma, { workerId: args.workerId, action: 'login', email: args.email, ip: args.ip, data: args.data, at: now() });
    res.json({ ...sessionAnswer({ secondFactor }, session), ...args.extra });
  }

  router.post('/api/auth/logout', requireWorker({ enrolment: true }), async (req, res) => {
    await sessions.revoke(cookie.read(req));
    await audit(db.prisma, { workerId: res.locals.worker!.id, action: 'logout', ip: clientIp(req), at: now() });
    cookie.clear(res);
    res.status(204).end();
  });

  // The audit log, for admins (ASVS 7.1): filters as query parameters, newest first.
  router.get('/api/audit', requireWorker({ role: 'admin' }), async (req, res) => {
    res.json({ entries: await searchAudit(db, req.query as AuditQuery) });
  });

  // ASVS 2.1.5-2.1.6: a worker changes their own password, proving the current one; their other
  // sessions end (a stolen session must not outlive the change).
  router.post('/api/auth/password', requireWorker(), express.json({ limit: '8kb' }), async (req, res) => {
    const { currentPassword, newPassword } = passwordChangeSchema.parse(req.body);
    const workerId = res.locals.worker!.id;
    const ip = clientIp(req);
    const worker = await db.prisma.worker.findUniqueOrThrow({ where: { id: workerId } });
    // Counted like a sign-in: a stolen session must not become a password-guessing oracle.
    const retryAfter = await throttle.attempt({ email: worker.email, ip });
    if (retryAfter > 0) {
      res.set('Retry-After', String(retryAfter));
      throw new AuthError('too_many_attempts', 'too many wrong passwords: try again later');
    }
    if (!(await verifyPassword(currentPassword, worker.passwordHash))) {
      await audit(db.prisma, { workerId, action: 'password_change_failed', ip, at: now() });
      throw new AuthError('forbidden', 'the current password is wrong');
    }
    await throttle.succeeded({ email: worker.email, ip });
    const passwordHash = await hashPassword(newPassword, { cost: passwordCost });
    const sessionId = res.locals.session!.id;
    await db.transaction(async (tx) => {
      await tx.worker.update({ where: { id: workerId }, data: { passwordHash, passwordChangedAt: now() } });
      const others = await tx.workerSession.findMany({ where: { workerId, id: { not: sessionId } }, select: { id: true } });
      await tx.workerSession.deleteMany({ where: { id: { in: others.map((other) => other.id) } } });
      for (const other of others) await announceSessionEnding(tx, { sessionId: other.id });
      await audit(tx, { workerId, action: 'password_changed', ip, data: { sessionsEnded: others.length }, at: now() });
    });
    res.status(204).end();
  });

  router.get('/api/auth/me', requireWorker({ enrolment: true }), (_req, res) => {
    res.json(sessionAnswer({ secondFactor }, res.locals.session!));
  });

  return router;
}

/**
 * A new session for `workerId` in place of the one the browser presented (session fixation: at
 * every sign-in, and when the second factor is set up at sign-in), with its cookie set on `res`.
 */
export async function openSession(
  req: Request,
  res: Response,
  args: AuthContext & { workerId: string; ip: string | undefined },
): Promise<WorkerSessionInfo> {
  await args.sessions.revoke(args.cookie.read(req));
  const { token, session } = await args.sessions.create({ workerId: args.workerId, ip: args.ip });
  args.cookie.set(res, token);
  return session;
}

/**
 * What login and `/me` answer about a session: `{csrfToken, worker, idleTimeoutSeconds,
 * idleExpiresAt, expiresAt, secondFactorEnrolmentRequired}` (the last: the page must take the
 * worker through the set-up of their authenticator app before anything else).
 */
export function sessionAnswer(context: Pick<AuthContext, 'secondFactor'>, session: WorkerSessionInfo) {
  return { csrfToken: session.csrfToken, worker: session.worker, ...timeouts(session), secondFactorEnrolmentRequired: enrolmentPending(context, session) };
}

/**
 * When the session ends: the page warns before the idle timeout. It gets the timeout as a duration
 * too, since the browser's clock may not agree with ours.
 */
function timeouts(session: WorkerSessionInfo) {
  return {
    idleTimeoutSeconds: Math.round((session.idleExpiresAt.getTime() - session.lastSeenAt.getTime()) / 1000),
    idleExpiresAt: session.idleExpiresAt,
    expiresAt: session.expiresAt,
  };
}

/** The client's address as express sees it (honouring `trust proxy`), IPv4 without its IPv6 mapping. */
export function clientIp(req: Request): string | undefined {
  return req.ip?.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '');
}
