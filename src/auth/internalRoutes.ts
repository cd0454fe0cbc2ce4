import express, { type Request, type Router } from 'express';
import { z } from 'zod';
import type { Database } from '../db/Database.ts';
import { AuthError } from './AuthError.ts';
import { sameSecret } from './sameSecret.ts';
import { createWorker, disableWorker, resetSecondFactor } from './workers.ts';
import type { ScryptCost } from './scryptCost.ts';
import { searchAudit } from './searchAudit.ts';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);
// A request relayed by a reverse proxy on this machine also arrives from loopback: these betray it.
const FORWARDING_HEADERS = ['forwarded', 'x-forwarded-for', 'x-real-ip'];

const emailBody = z.object({ email: z.string() });

/**
 * The loopback-only endpoint through which `npm run worker:add` / `worker:disable` change accounts
 * while the app holds the embedded database (a second process must not open it):
 * `POST /internal/workers` `{email,password,name,languages,role}` → 201 `{worker}`;
 * `POST /internal/workers/disable` `{email}` → `{worker, sessionsRevoked}`;
 * `POST /internal/workers/reset-second-factor` `{email}` → `{worker, wasEnabled}`;
 * `POST /internal/audit/search` `AuditQuery` → `AuditRow[]` (`npm run audit:search`). Requests must come
 * from this machine, not through a proxy, with `Authorization: Bearer <token>` from the
 * admin-token file. New passwords are hashed at `passwordCost` (config).
 */
export function internalRoutes(args: { db: Database; token: string; passwordCost: ScryptCost }): Router {
  const { db, token, passwordCost } = args;
  const router = express.Router();

  router.use('/internal', (req, _res, next) => {
    // The socket's address, not req.ip: `trust proxy` must not let a header claim to be local.
    const remote = req.socket.remoteAddress ?? '';
    // From this machine: loopback, or this host's own address when HOST is a specific interface.
    const local = LOOPBACK.has(remote) || remote === req.socket.localAddress;
    if (!local || FORWARDING_HEADERS.some((name) => req.headers[name] !== undefined)) {
      throw new AuthError('forbidden', 'only from this machine');
    }
    if (!sameSecret(bearer(req), token)) throw new AuthError('sign_in', 'wrong or missing admin token');
    next();
  });

  router.post('/internal/workers', express.json({ limit: '8kb' }), async (req, res) => {
    const worker = await createWorker(db, { input: req.body, actor: { via: 'cli', ip: req.socket.remoteAddress }, passwordCost });
    res.status(201).json({ worker });
  });

  router.post('/internal/workers/disable', express.json({ limit: '8kb' }), async (req, res) => {
    const { email } = emailBody.parse(req.body);
    res.json(await disableWorker(db, email, { via: 'cli', ip: req.socket.remoteAddress }));
  });

  router.post('/internal/workers/reset-second-factor', express.json({ limit: '8kb' }), async (req, res) => {
    const { email } = emailBody.parse(req.body);
    res.json(await resetSecondFactor(db, { email }, { via: 'cli', ip: req.socket.remoteAddress }));
  });

  router.post('/internal/audit/search', express.json({ limit: '8kb' }), async (req, res) => {
    res.json(await searchAudit(db, req.body ?? {}));
  });

  return router;
}

function bearer(req: Request): string | undefined {
  const match = /^Bearer (\S+)$/.exec(req.get('authorization') ?? '');
  return match?.[1];
}
