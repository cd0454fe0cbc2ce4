import type { Express, Request, RequestHandler } from 'express';
import { HttpError } from '../http/HttpError.ts';
import { sameSecret } from './sameSecret.ts';
import type { SessionCookie } from './SessionCookie.ts';
import type { SecondFactorPolicy } from '../config.ts';
import type { SessionStore, SessionWorker, WorkerSessionInfo } from './sessions.ts';

declare global {
  // Express's own extension point for typing res.locals.
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Locals {
      /** The signed-in worker, set by `requireWorker`. */
      worker?: SessionWorker;
      /** Their session, set by `requireWorker`. */
      session?: WorkerSessionInfo;
    }
  }
}

/** What `requireWorker` needs from the app: the session store, the cookie that carries the token, and the second-factor policy. */
export interface AuthContext {
  sessions: SessionStore;
  cookie: SessionCookie;
  /** `required`: a session whose worker has no authenticator app yet reaches only its set-up. Default `optional`. */
  secondFactor?: SecondFactorPolicy;
}

/** The 403 `code` of a route refused until the worker sets up their authenticator app. */
export const ENROLMENT_REQUIRED = 'second_factor_enrolment_required';

/** Under `secondFactor: 'required'`, a session that may only set up the second factor (or sign out). */
export function enrolmentPending(context: Pick<AuthContext, 'secondFactor'>, session: WorkerSessionInfo): boolean {
  return context.secondFactor === 'required' && !session.secondFactorEnabled;
}

const CONTEXT_KEY = 'bienvenue:auth';
const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Guards a route of the console API: 401 without a live session, 403 when a state-changing
 * request (POST, PUT, PATCH, DELETE) lacks the session's `X-CSRF-Token`, 403 when `role: 'admin'`
 * is asked of a worker. Sets `res.locals.worker` and `res.locals.session`. `passive` routes (the
 * queue poll, the live stream) do not slide the idle timeout. When the app requires a second
 * factor and the worker has none yet, 403 `second_factor_enrolment_required` on every route but
 * those marked `enrolment` (setting it up, `/api/auth/me`, sign-out): fail closed, so a new route
 * with personal data is guarded without saying so (ASVS 2.2, 4.1.3).
 *
 * @example router.post('/api/handoffs/:id/claim', requireWorker(), async (req, res) => { … res.locals.worker!.id … })
 */
export function requireWorker(options: { role?: 'admin'; passive?: boolean; enrolment?: boolean } = {}): RequestHandler {
  return async (req, res, next) => {
    const context = authContextOf(req.app);
    const { sessions, cookie } = context;
    // Only what the worker does keeps the session alive: not polls, live streams, or the page's
    // own refreshes (it says so with X-Background-Refresh; a client can only shorten its session).
    const activity = !options.passive && req.get('x-background-refresh') !== '1';
    const session = await sessions.find(cookie.read(req), { activity });
    if (!session) throw new HttpError(401, 'sign in first');
    if (STATE_CHANGING.has(req.method) && !sameSecret(req.get('x-csrf-token'), session.csrfToken)) {
      throw new HttpError(403, 'missing or wrong X-CSRF-Token header');
    }
    if (!options.enrolment && enrolmentPending(context, session)) {
      throw new HttpError(403, 'set up two-step sign-in first', ENROLMENT_REQUIRED);
    }
    if (options.role === 'admin' && session.worker.role !== 'admin') throw new HttpError(403, 'for admins only');
    res.locals.worker = session.worker;
    res.locals.session = session;
    next();
  };
}

/** Makes the session store and cookie available to `requireWorker` on this app (Service does it once). */
export function provideAuth(app: Express, context: AuthContext): void {
  app.locals[CONTEXT_KEY] = context;
}

/** The auth context `provideAuth` gave this app. */
export function authContextOf(app: Request['app']): AuthContext {
  const context = app.locals[CONTEXT_KEY] as AuthContext | undefined;
  // A wiring mistake, not a client's: fail closed, loudly.
  if (!context) throw new Error('requireWorker: provideAuth(app, …) was not called');
  return context;
}
