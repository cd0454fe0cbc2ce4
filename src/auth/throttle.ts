import type { Database } from '../db/Database.ts';

/** Failed logins allowed in the window, per account and per client address. */
export interface LoginLimits {
  windowMs: number;
  perEmail: number;
  perIp: number;
}

/** 5 failures for one account or 20 from one address in 15 minutes: wait until the oldest ages out. */
export const LOGIN_LIMITS: LoginLimits = { windowMs: 15 * 60_000, perEmail: 5, perIp: 20 };

/**
 * Seconds a login for `email` from `ip` must wait, or 0 when it may go ahead. It counts the
 * `login_failed` rows of the audit log, so the limit holds across app instances and restarts.
 * A successful login clears the account's count (not the address's: signing in to one's own
 * account must not buy an attacker more guesses at others).
 */
export async function loginRetryAfter(db: Database, args: { email: string; ip: string | undefined; now: Date; limits?: LoginLimits }): Promise<number> {
  const { email, ip, now } = args;
  const limits = args.limits ?? LOGIN_LIMITS;
  const client = db.client();
  const windowStart = new Date(now.getTime() - limits.windowMs);

  const lastLogin = await client.auditLog.findFirst({
    where: { action: 'login', email, createdAt: { gt: windowStart } },
    orderBy: { createdAt: 'desc' },
    select: { createdAt: true },
  });
  // Only the newest `limit` rows matter: when the last of them ages out, the count is below the limit.
  const byEmail = await client.auditLog.findMany({
    where: { action: 'login_failed', email, createdAt: { gt: lastLogin?.createdAt ?? windowStart } },
    orderBy: { createdAt: 'desc' },
    take: limits.perEmail,
    select: { createdAt: true },
  });
  const byIp = ip
    ? await client.auditLog.findMany({
        where: { action: 'login_failed', ip, createdAt: { gt: windowStart } },
        orderBy: { createdAt: 'desc' },
        take: limits.perIp,
        select: { createdAt: true },
      })
    : [];

  const waits = [waitMs(byEmail, limits.perEmail), waitMs(byIp, limits.perIp)];
  const wait = Math.max(...waits.map((ms) => ms ?? 0));
  return wait > 0 ? Math.max(1, Math.ceil(wait / 1000)) : 0;

  function waitMs(newestFirst: Array<{ createdAt: Date }>, limit: number): number | undefined {
    const oldestCounted = newestFirst.length >= limit ? newestFirst[limit - 1] : undefined;
    return oldestCounted && oldestCounted.createdAt.getTime() + limits.windowMs - now.getTime();
  }
}
