import express, { type Router } from 'express';
import { z } from 'zod';
import type { Database } from '../db/Database.ts';
import { AuthError } from './AuthError.ts';
import { audit } from './audit.ts';
import { clientIp, openSession, sessionAnswer } from './authRoutes.ts';
import type { LoginThrottle } from './LoginThrottle.ts';
import { verifyPassword } from './passwords.ts';
import { enrolmentPending, requireWorker, type AuthContext } from './requireWorker.ts';
import { checkTotp, newTotpSecret, replaceRecoveryCodes, totpUri } from './secondFactor.ts';
import { resetSecondFactor } from './workers.ts';

const passwordBody = z.object({ password: z.string().min(1).max(1024) });
const codeBody = z.object({ code: z.string().trim().min(1).max(32) });
const workerId = z.uuid('a worker id');

/**
 * Multi-factor sign-in, set up by each worker from the console (ASVS 2.7/2.8, TOTP):
 * - `GET /api/auth/second-factor` → `{enabled, enabledAt, recoveryCodesLeft}`;
 * - `POST /api/auth/second-factor/setup` `{password}` → `{secret, otpauthUri}`: a new secret,
 *   not yet in force (409 `second_factor_enabled` when one is); its QR code is
 *   `GET /api/auth/second-factor/qr.svg` (404 without a setup under way);
 * - `POST /api/auth/second-factor/enable` `{code}` → `{recoveryCodes}` (ten, shown once): the code
 *   from the app proves it was scanned; 400 `wrong_code`. In a session that could reach nothing
 *   else yet (`SECOND_FACTOR=required`, set-up at sign-in), the session is replaced by a full one:
 *   new cookie, and the answer carries `/api/auth/me`'s fields (new `csrfToken`) too;
 * - `POST /api/auth/second-factor/recovery-codes` `{password}` → `{recoveryCodes}`: ten new ones,
 *   the old ones void;
 * - admins: `GET /api/workers` → `{workers: [{id, name, email, role, languages, disabled,
 *   secondFactor}]}`; `POST /api/workers/:id/second-factor/reset` → 204, for a worker who lost
 *   their phone (they sign in with their password and set it up again).
 * Every change is audited. State-changing calls need the CSRF token (requireWorker). The first
 * four are open to a session that must set up its second factor before anything else.
 */
export function secondFactorRoutes(args: AuthContext & { db: Database; now: () => Date; throttle: LoginThrottle }): Router {
  const { db, now, throttle } = args;
  const enrolment = { enrolment: true };
  const router = express.Router();
  const json = express.json({ limit: '8kb' });

  /** The signed-in worker proves their password again before changing how they sign in; counted like a sign-in. */
  async function provePassword(req: express.Request, res: express.Response, password: string) {
    const worker = await db.prisma.worker.findUniqueOrThrow({ where: { id: res.locals.worker!.id } });
    const ip = clientIp(req);
    const retryAfter = await throttle.attempt({ email: worker.email, ip });
    if (retryAfter > 0) {
      res.set('Retry-After', String(retryAfter));
      throw new AuthError('too_many_attempts', 'too many wrong passwords: try again later');
    }
    if (!(await verifyPassword(password, worker.passwordHash))) {
      await audit(db.prisma, { workerId: worker.id, action: 'second_factor_password_failed', ip, at: now() });
      throw new AuthError('forbidden', 'the password is wrong', 'wrong_password');
    }
    await throttle.succeeded({ email: worker.email, ip });
    return worker;
  }

  router.get('/api/auth/second-factor', requireWorker(enrolment), async (_req, res) => {
    const worker = await db.prisma.worker.findUniqueOrThrow({ where: { id: res.locals.worker!.id }, select: { id: true, totpEnabledAt: true } });
    const recoveryCodesLeft = await db.prisma.workerRecoveryCode.count({ where: { workerId: worker.id, usedAt: null } });
    res.json({ enabled: worker.totpEnabledAt !== null, enabledAt: worker.totpEnabledAt, recoveryCodesLeft: worker.totpEnabledAt ? recoveryCodesLeft : 0 });
  });

  router.post('/api/auth/second-factor/setup', requireWorker(enrolment), json, async (req, res) => {
    const worker = await provePassword(req, res, passwordBody.parse(req.body).password);
    if (worker.totpEnabledAt) throw new AuthError('conflict', 'multi-factor sign-in is already on', 'second_factor_enabled');
    const { secret, otpauthUri } = await newTotpSecret(worker.email);
    await db.prisma.worker.update({ where: { id: worker.id }, data: { totpSecret: secret, totpLastStep: null } });
    await audit(db.prisma, { workerId: worker.id, action: 'second_factor_setup_started', ip: clientIp(req), at: now() });
    res.json({ secret, otpauthUri });
  });

  // An image from this origin (the page's CSP allows no other): the QR code of the pending secret.
  router.get('/api/auth/second-factor/qr.svg', requireWorker(enrolment), async (_req, res) => {
    const worker = await db.prisma.worker.findUniqueOrThrow({ where: { id: res.locals.worker!.id } });
    if (!worker.totpSecret || worker.totpEnabledAt) throw new AuthError('not_found', 'no set-up under way');
    // qrcode loads with the first QR code drawn, not with the web thread (1.1 MiB of heap).
    const { default: QRCode } = await import('qrcode');
    const svg = await QRCode.toString(await totpUri(worker.totpSecret, worker.email), { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
    res.type('image/svg+xml').send(svg);
  });

  router.post('/api/auth/second-factor/enable', requireWorker(enrolment), json, async (req, res) => {
    const { code } = codeBody.parse(req.body);
    const id = res.locals.worker!.id;
    const worker = await db.prisma.worker.findUniqueOrThrow({ where: { id } });
    if (worker.totpEnabledAt) throw new AuthError('conflict', 'multi-factor sign-in is already on', 'second_factor_enabled');
    if (!worker.totpSecret) throw new AuthError('conflict', 'start the set-up first', 'no_setup');
    const step = await checkTotp({ secret: worker.totpSecret, code, now: now() });
    if (step === undefined) throw new AuthError('bad_input', 'wrong code', 'wrong_code');
    const recoveryCodes = await db.transaction(async (tx) => {
      // Conditional: two confirmations at once turn it on once, with one set of codes.
      const { count } = await tx.worker.updateMany({ where: { id, totpEnabledAt: null, totpSecret: worker.totpSecret }, data: { totpEnabledAt: now(), totpLastStep: step } });
      if (count === 0) throw new AuthError('conflict', 'multi-factor sign-in is already on', 'second_factor_enabled');
      await audit(tx, { workerId: id, action: 'second_factor_enabled', ip: clientIp(req), at: now() });
      return replaceRecoveryCodes(tx, id);
    });
    if (enrolmentPending(args, res.locals.session!)) {
      // The session gains access to families' data: a new one (ASVS 3.2.1), as at sign-in.
      const session = await openSession(req, res, { ...args, workerId: id, ip: clientIp(req) });
      await audit(db.prisma, { workerId: id, action: 'login', email: worker.email, ip: clientIp(req), data: { secondFactor: 'enrolled' }, at: now() });
      res.json({ recoveryCodes, ...sessionAnswer(args, session) });
      return;
    }
    res.json({ recoveryCodes });
  });

  router.post('/api/auth/second-factor/recovery-codes', requireWorker(), json, async (req, res) => {
    const worker = await provePassword(req, res, passwordBody.parse(req.body).password);
    if (!worker.totpEnabledAt) throw new AuthError('conflict', 'multi-factor sign-in is off', 'second_factor_off');
    const recoveryCodes = await db.transaction(async (tx) => {
      await audit(tx, { workerId: worker.id, action: 'recovery_codes_replaced', ip: clientIp(req), at: now() });
      return replaceRecoveryCodes(tx, worker.id);
    });
    res.json({ recoveryCodes });
  });

  router.get('/api/workers', requireWorker({ role: 'admin' }), async (_req, res) => {
    const workers = await db.prisma.worker.findMany({
      orderBy: { name: 'asc' },
      select: { id: true, name: true, email: true, role: true, languages: true, disabledAt: true, totpEnabledAt: true },
    });
    res.set('Cache-Control', 'no-store');
    res.json({
      workers: workers.map(({ disabledAt, totpEnabledAt, ...worker }) => ({ ...worker, disabled: disabledAt !== null, secondFactor: totpEnabledAt !== null })),
    });
  });

  router.post('/api/workers/:id/second-factor/reset', requireWorker({ role: 'admin' }), async (req, res) => {
    const target = workerId.safeParse(req.params.id);
    if (!target.success) throw new AuthError('not_found', 'no such worker');
    await resetSecondFactor(db, { id: target.data }, { workerId: res.locals.worker!.id, ip: clientIp(req), via: 'console' });
    res.status(204).end();
  });

  return router;
}
