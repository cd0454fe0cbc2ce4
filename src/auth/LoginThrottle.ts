import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Database } from '../db/Database.ts';

/** How many sign-in attempts are let through, and for how long a refusal lasts. */
export interface LoginLimits {
  /** Consecutive failures for one account from one address, within `windowSeconds`. */
  perAccountAndIp: number;
  /** Failures from one address across all accounts (password spraying), within `windowSeconds`. */
  perIp: number;
  windowSeconds: number;
}

/**
 * 5 guesses at one account from one address, 100 from one address in all, per 15 minutes (ASVS
 * 2.2.1). The account itself is never locked: a guesser elsewhere cannot keep its worker out.
 */
export const LOGIN_LIMITS: LoginLimits = { perAccountAndIp: 5, perIp: 100, windowSeconds: 15 * 60 };

/** The table of rate-limiter-flexible's PostgreSQL store (see the console_security migration). */
export const RATE_LIMITS_TABLE = 'rate_limits';

/**
 * Sign-in throttling with rate-limiter-flexible. Every attempt is counted *before* its password is
 * checked (an atomic increment), so guesses sent all at once cannot slip past the limit; a
 * successful sign-in gives the attempt back. On PostgreSQL the counters live in `rate_limits`,
 * shared by every app instance; the embedded database belongs to one process, whose memory
 * holds them.
 */
export class LoginThrottle {
  private readonly byAccountAndIp: RateLimiterAbstract;
  private readonly byIp: RateLimiterAbstract;

  constructor(db: Database, limits: LoginLimits = LOGIN_LIMITS) {
    const pool = db.pgPool();
    const limiter = (keyPrefix: string, points: number): RateLimiterAbstract =>
      pool
        ? new RateLimiterPostgres({ storeClient: pool, storeType: 'pool', tableName: RATE_LIMITS_TABLE, tableCreated: true, clearExpiredByTimeout: false, keyPrefix, points, duration: limits.windowSeconds })
        : new RateLimiterMemory({ keyPrefix, points, duration: limits.windowSeconds });
    this.byAccountAndIp = limiter('login_account_ip', limits.perAccountAndIp);
    this.byIp = limiter('login_ip', limits.perIp);
  }

  /**
   * Counts one sign-in attempt for `email` from `ip`. Returns 0 when it may be checked, else the
   * seconds to wait (for `Retry-After`). Throws only when the store fails (a 500: fail closed).
   */
  async attempt(args: { email: string; ip: string | undefined }): Promise<number> {
    const ip = args.ip ?? 'unknown';
    const results = await Promise.allSettled([this.byAccountAndIp.consume(accountKey(args.email, ip)), this.byIp.consume(ip)]);
    let waitMs = 0;
    for (const result of results) {
      if (result.status === 'fulfilled') continue;
      if (!(result.reason instanceof RateLimiterRes)) throw result.reason;
      waitMs = Math.max(waitMs, result.reason.msBeforeNext);
    }
    return waitMs > 0 ? Math.max(1, Math.ceil(waitMs / 1000)) : 0;
  }

  /** The attempt succeeded: the account's count from this address starts again, and the address gets its point back. */
  async succeeded(args: { email: string; ip: string | undefined }): Promise<void> {
    const ip = args.ip ?? 'unknown';
    await Promise.all([this.byAccountAndIp.delete(accountKey(args.email, ip)), this.byIp.reward(ip)]);
  }
}

function accountKey(email: string, ip: string): string {
  return `${email}|${ip}`;
}
