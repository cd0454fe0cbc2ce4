import type { RateLimiterAbstract, RateLimiterRes } from 'rate-limiter-flexible';
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
 * holds them. The library loads with the first attempt, not with the web thread (1.3 MiB of V8
 * heap that an instance no worker signs in to never uses; issue 15).
 */
export class LoginThrottle {
  private limiters: Promise<{ byAccountAndIp: RateLimiterAbstract; byIp: RateLimiterAbstract; Refusal: typeof RateLimiterRes }> | undefined;

  constructor(
    private readonly db: Database,
    private readonly limits: LoginLimits = LOGIN_LIMITS,
  ) {}

  /** The two limiters, built on first use. */
  private load(): NonNullable<LoginThrottle['limiters']> {
    return (this.limiters ??= import('rate-limiter-flexible').then(({ RateLimiterMemory, RateLimiterPostgres, RateLimiterRes }) => {
      const pool = this.db.pgPool();
      const { windowSeconds } = this.limits;
      const limiter = (keyPrefix: string, points: number): RateLimiterAbstract =>
        pool
          ? new RateLimiterPostgres({ storeClient: pool, storeType: 'pool', tableName: RATE_LIMITS_TABLE, tableCreated: true, clearExpiredByTimeout: false, keyPrefix, points, duration: windowSeconds })
          : new RateLimiterMemory({ keyPrefix, points, duration: windowSeconds });
      return { byAccountAndIp: limiter('login_account_ip', this.limits.perAccountAndIp), byIp: limiter('login_ip', this.limits.perIp), Refusal: RateLimiterRes };
    }).catch((error: unknown) => {
      // The next attempt tries again rather than failing for as long as the process runs.
      this.limiters = undefined;
      throw error;
    }));
  }

  /**
   * Counts one sign-in attempt for `email` from `ip`. Returns 0 when it may be checked, else the
   * seconds to wait (for `Retry-After`). Throws only when the store fails (a 500: fail closed).
   */
  async attempt(args: { email: string; ip: string | undefined }): Promise<number> {
    const ip = args.ip ?? 'unknown';
    const { byAccountAndIp, byIp, Refusal } = await this.load();
    const results = await Promise.allSettled([byAccountAndIp.consume(accountKey(args.email, ip)), byIp.consume(ip)]);
    let waitMs = 0;
    for (const result of results) {
      if (result.status === 'fulfilled') continue;
      if (!(result.reason instanceof Refusal)) throw result.reason;
      waitMs = Math.max(waitMs, result.reason.msBeforeNext);
    }
    return waitMs > 0 ? Math.max(1, Math.ceil(waitMs / 1000)) : 0;
  }

  /** The attempt succeeded: the account's count from this address starts again, and the address gets its point back. */
  async succeeded(args: { email: string; ip: string | undefined }): Promise<void> {
    const ip = args.ip ?? 'unknown';
    const { byAccountAndIp, byIp } = await this.load();
    await Promise.all([byAccountAndIp.delete(accountKey(args.email, ip)), byIp.reward(ip)]);
  }
}

function accountKey(email: string, ip: string): string {
  return `${email}|${ip}`;
}
