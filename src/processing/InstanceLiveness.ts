import os from 'node:os';
import { Prisma } from '../generated/prisma/client.ts';
import type { Database, SqlSession } from '../db/Database.ts';
import type { Logger } from '../log.ts';

/** First key of the two-key advisory locks this app takes ("Bv"); the second is the instance's key. */
const LOCK_CLASS = 0x4276;

/** What one look for dead instances found. */
export interface Reaped {
  /** Instances found gone (their lock released: process killed, connection lost). */
  instances: number;
  /** Replies they had reserved, back in the queue. */
  replies: number;
}

/**
 * Which processing instances sharing a PostgreSQL database are alive. Each instance registers a
 * row in `processing_instances` and, on a connection of its own, holds a session-level advisory
 * lock on its key for as long as it lives: PostgreSQL releases the lock the instant that
 * connection ends, SIGKILL included (the kernel closes the socket). Any instance then sees the
 * row without its lock, deletes it and returns the replies the dead one had reserved to the
 * queue, in seconds rather than after the 30 s lease.
 *
 * If this instance's own lock connection is lost while it runs, it registers again under a new
 * key; replies it was sending at that moment may be sent twice (once by it, once by the instance
 * that took them over).
 */
export class InstanceLiveness {
  private session: (SqlSession & { close: () => Promise<void> }) | undefined;
  private currentKey: number | undefined;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;
  private reaping: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly db: Database,
    private readonly log: Logger,
  ) {}

  /** This instance's key, recorded on the replies it reserves (undefined until joined, or while rejoining). */
  get key(): number | undefined {
    return this.currentKey;
  }

  /** Registers this instance and takes its lock. Throws if the database cannot be reached. */
  async join(): Promise<number> {
    const session = await this.db.openSession((error) => this.lost(error));
    // Row and lock in one transaction: no other instance can see the row before the lock is held.
    await session.exec('BEGIN');
    const [row] = await session.query<{ key: number }>('INSERT INTO processing_instances (host) VALUES ($1) RETURNING key', [`${os.hostname()}:${process.pid}`]);
    await session.query('SELECT pg_advisory_lock($1, $2)', [LOCK_CLASS, row!.key]);
    await session.exec('COMMIT');
    this.session = session;
    this.currentKey = row!.key;
    return row!.key;
  }

  /**
   * Looks for dead instances every `intervalMs`, calling `onDeath` after finding any (to resume
   * their unhandled messages and wake the outbox). Looks once at once.
   */
  start(options: { intervalMs?: number; onDeath: (reaped: Reaped) => void }): Promise<Reaped> {
    const look = () => {
      this.reaping = this.reap()
        .then((reaped) => {
          if (reaped.instances > 0) {
            this.log.warn(reaped, 'instances: took over the work of an instance that stopped');
            options.onDeath(reaped);
          }
          return reaped;
        })
        .catch((error: unknown) => {
          this.log.error({ err: error }, 'instances: could not look for dead instances');
          return { instances: 0, replies: 0 };
        });
      return this.reaping as Promise<Reaped>;
    };
    this.timer = setInterval(() => void look(), options.intervalMs ?? 1000);
    this.timer.unref();
    return look();
  }

  /**
   * Deletes the instances whose lock is gone and returns the replies they had reserved
   * ("sending") to the queue, where they are still their families' earliest: order holds.
   */
  async reap(): Promise<Reaped> {
    const rows = await this.db.sql.$queryRaw<Reaped[]>(Prisma.sql`
      WITH dead AS (
        DELETE FROM processing_instances i
        WHERE NOT EXISTS (
          SELECT 1 FROM pg_locks l
          WHERE l.locktype = 'advisory' AND l.granted AND l.classid = ${LOCK_CLASS}::int::oid AND l.objid = i.key::oid AND l.objsubid = 2
            AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database()))
        RETURNING key
      ), released AS (
        UPDATE outbox SET status = 'pending', lease_until = NULL, owner = NULL
        WHERE status = 'sending' AND owner IN (SELECT key FROM dead)
        RETURNING id
      )
      SELECT (SELECT count(*)::int FROM dead) AS instances, (SELECT count(*)::int FROM released) AS replies`);
    return rows[0] ?? { instances: 0, replies: 0 };
  }

  /** Stops looking and leaves: the row goes, the lock with the connection. */
  async stop(): Promise<void> {
    this.closed = true;
    clearInterval(this.timer);
    await this.reaping;
    const session = this.session;
    const key = this.currentKey;
    this.session = undefined;
    this.currentKey = undefined;
    if (!session) return;
    // Reserved rows left unsent go back to the queue with the row (another instance sends them).
    await session
      .query("UPDATE outbox SET status = 'pending', lease_until = NULL, owner = NULL WHERE status = 'sending' AND owner = $1", [key])
      .then(() => session.query('DELETE FROM processing_instances WHERE key = $1', [key]))
      .catch((error: unknown) => this.log.warn({ err: error }, 'instances: could not unregister; others will see the lock gone'));
    await session.close();
  }

  private lost(error: Error): void {
    if (this.closed) return;
    this.log.error({ err: error, key: this.currentKey }, 'instances: lock connection lost; registering again');
    const old = this.session;
    this.session = undefined;
    this.currentKey = undefined;
    void old?.close();
    const retry = () => {
      if (this.closed) return;
      this.join().catch((joinError: unknown) => {
        this.log.error({ err: joinError }, 'instances: could not register again; retrying');
        setTimeout(retry, 1000).unref();
      });
    };
    setTimeout(retry, 1000).unref();
  }
}
