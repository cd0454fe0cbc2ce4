import { createHash, randomBytes } from 'node:crypto';
import type { Database } from '../db/Database.ts';
import type { WorkerRole } from '../generated/prisma/client.ts';
import { announceSessionEnding } from './SessionEndings.ts';

/** What the console and the API know of the signed-in worker. */
export interface SessionWorker {
  id: string;
  name: string;
  email: string;
  role: WorkerRole;
  languages: string[];
}

/** A live session, as `requireWorker` hands it to routes in `res.locals.session`. */
export interface WorkerSessionInfo {
  /** SHA-256 of the cookie's token: the row's key, safe to log. */
  id: string;
  csrfToken: string;
  worker: SessionWorker;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  /** When the idle timeout signs the worker out unless they act before (never after expiresAt). */
  idleExpiresAt: Date;
  /** The worker has an authenticator app in force (read at every request, so an admin's reset counts at once). */
  secondFactorEnabled: boolean;
}

/** How long a session lives. */
export interface SessionTimeouts {
  /** Signed out after this long without a request (sliding). */
  idleMs: number;
  /** Signed out this long after login, however active (OWASP: 4–8 h for low-risk apps; a long shift is 12). */
  absoluteMs: number;
  /** last_seen_at is written at most this often, so reading pages does not write on every request. */
  touchEveryMs: number;
}

export const SESSION_TIMEOUTS: SessionTimeouts = { idleMs: 30 * 60_000, absoluteMs: 12 * 60 * 60_000, touchEveryMs: 60_000 };

/** 32 random bytes in base64url: 43 characters. */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

const workerFields = { id: true, name: true, email: true, role: true, languages: true, disabledAt: true, totpEnabledAt: true } as const;

/**
 * Worker sessions in the `worker_sessions` table. The cookie holds a random 256-bit token; the
 * table holds only its SHA-256, so a copy of the database cannot be replayed as a login. The
 * clock is injected so tests can step past the idle and absolute timeouts.
 */
export class SessionStore {
  private readonly now: () => Date;
  private readonly timeouts: SessionTimeouts;

  constructor(
    private readonly db: Database,
    options: { now?: () => Date; timeouts?: SessionTimeouts } = {},
  ) {
    this.now = options.now ?? (() => new Date());
    this.timeouts = options.timeouts ?? SESSION_TIMEOUTS;
  }

  /** Opens a session for a worker; returns the token for the cookie (shown once, never stored). */
  async create(args: { workerId: string; ip: string | undefined }): Promise<{ token: string; session: WorkerSessionInfo }> {
    const now = this.now();
    // Sessions are created only at login: a good moment to drop the ones that expired.
    await this.purgeExpired();
    const token = randomBytes(32).toString('base64url');
    const row = await this.db.prisma.workerSession.create({
      data: {
        id: sessionId(token),
        workerId: args.workerId,
        csrfToken: randomBytes(32).toString('base64url'),
        ip: args.ip ?? null,
        createdAt: now,
        lastSeenAt: now,
        expiresAt: new Date(now.getTime() + this.timeouts.absoluteMs),
      },
      include: { worker: { select: workerFields } },
    });
    return { token, session: toInfo(row, this.timeouts.idleMs) };
  }

  /**
   * The live session of `token`, or undefined. An expired session, or one of a disabled worker,
   * is deleted on sight. A request the worker made (`activity`, the default) slides the idle
   * timeout; the page's own polling and live updates pass `activity: false`, so a tab left open
   * still signs out (ASVS 3.3.2).
   */
  async find(token: string | undefined, options: { activity?: boolean } = {}): Promise<WorkerSessionInfo | undefined> {
    if (!token || !TOKEN.test(token)) return undefined;
    const id = sessionId(token);
    const client = this.db.prisma;
    const row = await client.workerSession.findUnique({ where: { id }, include: { worker: { select: workerFields } } });
    if (!row) return undefined;
    const now = this.now().getTime();
    const idleSince = now - row.lastSeenAt.getTime();
    if (!this.valid(row, now)) {
      await client.workerSession.deleteMany({ where: { id } });
      return undefined;
    }
    if (options.activity !== false && idleSince >= this.timeouts.touchEveryMs) {
      const seen = new Date(now);
      // Conditional: of two concurrent requests, one writes.
      await client.workerSession.updateMany({ where: { id, lastSeenAt: row.lastSeenAt }, data: { lastSeenAt: seen } });
      row.lastSeenAt = seen;
    }
    return toInfo(row, this.timeouts.idleMs);
  }

  /** Whether the session `id` is still valid (not signed out, expired or disabled); touches nothing. */
  async isLive(id: string): Promise<boolean> {
    const row = await this.db.prisma.workerSession.findUnique({ where: { id }, include: { worker: { select: { disabledAt: true } } } });
    return row !== null && this.valid(row, this.now().getTime());
  }

  /** Not past its absolute or idle timeout, and its worker not disabled. */
  private valid(row: { expiresAt: Date; lastSeenAt: Date; worker: { disabledAt: Date | null } }, now: number): boolean {
    return now < row.expiresAt.getTime() && now - row.lastSeenAt.getTime() < this.timeouts.idleMs && !row.worker.disabledAt;
  }

  /** Ends the session of `token` (logout, or the old session presented at a new login); its event streams close. */
  async revoke(token: string | undefined): Promise<void> {
    if (!token || !TOKEN.test(token)) return;
    const id = sessionId(token);
    await this.db.transaction(async (tx) => {
      const { count } = await tx.workerSession.deleteMany({ where: { id } });
      if (count > 0) await announceSessionEnding(tx, { sessionId: id });
    });
  }

  /** Deletes sessions past their absolute or idle timeout; returns how many. */
  async purgeExpired(): Promise<number> {
    const now = this.now().getTime();
    const { count } = await this.db.prisma.workerSession.deleteMany({
      where: { OR: [{ expiresAt: { lte: new Date(now) } }, { lastSeenAt: { lte: new Date(now - this.timeouts.idleMs) } }] },
    });
    return count;
  }
}

/** The row key of a cookie token. */
export function sessionId(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function toInfo(
  row: {
  id: string;
  csrfToken: string;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  worker: SessionWorker & { disabledAt: Date | null; totpEnabledAt: Date | null };
  },
  idleMs: number,
): WorkerSessionInfo {
  const { id, name, email, role, languages } = row.worker;
  return {
    id: row.id,
    csrfToken: row.csrfToken,
    worker: { id, name, email, role, languages },
    createdAt: row.createdAt,
    lastSeenAt: row.lastSeenAt,
    expiresAt: row.expiresAt,
    idleExpiresAt: new Date(Math.min(row.lastSeenAt.getTime() + idleMs, row.expiresAt.getTime())),
    secondFactorEnabled: row.worker.totpEnabledAt !== null,
  };
}
