import { EventEmitter } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { Prisma } from '../generated/prisma/client.ts';
import type { Database } from '../db/Database.ts';
import type { Logger } from '../log.ts';
import { maskPhone } from '../log.ts';
import { SendError, TWILIO_UNSUBSCRIBED, type MessageSender } from './MessageSender.ts';
import type { SenderPacer } from './SenderPacer.ts';

/** A claimed outbox row on its way out. */
export interface OutboxJob {
  id: number;
  messageId: number;
  contactId: string;
  to: string;
  from: string;
  body: string;
  contentSid: string | null;
  contentVariables: Record<string, string> | null;
  attempts: number;
  createdAt: Date;
  optedOut: boolean;
}

/** A row a turn committed already reserved for this instance ("sending", leased): sent without a claim. */
export type ReservedJob = Omit<OutboxJob, 'attempts' | 'contentSid' | 'contentVariables'>;

export interface OutboxDispatcherOptions {
  db: Database;
  sender: MessageSender;
  pacer: SenderPacer;
  log: Logger;
  /** Delivery-status URL for one outbound message, or undefined to ask for none. */
  statusCallbackUrl?: (messageId: number) => string | undefined;
  /** Sends in flight at once (per instance). */
  concurrency?: number;
  /** How long a claimed row is reserved before another instance may take it over. */
  leaseMs?: number;
  /** Claim nothing more while a sender is booked this far ahead (keeps waits inside the lease). */
  maxBacklogMs?: number;
  /** Give up retrying after this long; the message is marked failed for a worker to see. */
  maxAgeMs?: number;
  /** Poll interval when nothing wakes the dispatcher (other instances' rows, retries). */
  pollMs?: number;
  /** This processing instance's key (processing_instances), recorded on the rows it reserves; none on the embedded database. */
  owner?: () => number | undefined;
  now?: () => Date;
}

/** Events: "sent" (job, sid), "failed" (job, error), "retry" (job, error). */
export class OutboxDispatcher extends EventEmitter {
  private readonly options: Required<Omit<OutboxDispatcherOptions, 'statusCallbackUrl' | 'owner'>> & Pick<OutboxDispatcherOptions, 'statusCallbackUrl' | 'owner'>;
  private running = false;
  private loop: Promise<void> | undefined;
  private inFlight = new Set<Promise<unknown>>();
  /** The claimed part of `inFlight`: `concurrency` bounds claims, not a turn's reserved replies. */
  private claimedInFlight = new Set<Promise<unknown>>();
  private wakeUp: (() => void) | undefined;
  private woken = false;
  /** Rows are waiting behind reserved replies: claim when those are sent. */
  private claimWanted = false;
  /** Each family's reserved replies still to send, in order, while its chain runs (see `sendReserved`). */
  private readonly chains = new Map<string, { job: ReservedJob; deadline: number }[]>();
  // Sends finishing together are recorded in one statement: one round trip instead of many.
  private readonly sentMarks = new Batcher<{ id: number; sid: string; status: string }>((marks) => this.markSent(marks));

  constructor(options: OutboxDispatcherOptions) {
    super();
    this.options = {
      concurrency: 32,
      leaseMs: 30_000,
      maxBacklogMs: 10_000,
      maxAgeMs: 24 * 3600_000,
      pollMs: 1000,
      now: () => new Date(),
      ...options,
    };
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Looks for work now (called after a turn commits new replies). */
  wake(): void {
    this.woken = true;
    this.wakeUp?.();
  }

  /**
   * Sends rows a turn committed already reserved for this instance ("sending", leased), without
   * claiming them. Stopped, it leaves them: their lease lapses and they are claimed again.
   *
   * A family's reserved replies go out one at a time, in order, on one chain: those of a later
   * turn join the chain still sending the family's earlier ones. `behind` says the commit found
   * earlier replies of the family still unsent (this instance's, still being sent): with no chain
   * of the family left to follow, those may have been handed back, so these are handed back too.
   * What cannot go out well inside its lease (a retry, a long pacing wait, a stop) is handed back
   * to the queue with everything after it, in order, and the chain ends.
   */
  sendReserved(jobs: ReservedJob[], options: { behind?: boolean } = {}): void {
    if (!this.running || jobs.length === 0) return;
    const deadline = Date.now() + this.options.leaseMs - LEASE_MARGIN_MS;
    const contactId = jobs[0]!.contactId;
    const entries = jobs.map((job) => ({ job, deadline }));
    const chain = this.chains.get(contactId);
    if (chain) {
      chain.push(...entries);
      return;
    }
    if (options.behind) {
      this.track(this.release(jobs));
      return;
    }
    const queue = entries;
    this.chains.set(contactId, queue);
    this.track(
      (async () => {
        try {
          for (;;) {
            const next = queue.shift();
            // Ends the chain in the same tick as its last check: a later turn then starts its own.
            if (!next) return void this.chains.delete(contactId);
            if (!this.running || Date.now() + this.options.pacer.backlogMs() >= next.deadline) {
              this.chains.delete(contactId);
              await this.release([next.job, ...queue.map((entry) => entry.job)]);
              return;
            }
            const outcome = await this.deliver({ ...next.job, attempts: 1, contentSid: null, contentVariables: null });
            if (outcome !== 'sent' && outcome !== 'failed') {
              this.chains.delete(contactId);
              await this.release(queue.map((entry) => entry.job));
              return;
            }
          }
        } catch (error) {
          // A database write inside a send failed (a restart, a dropped connection): the chain ends
          // so that the family's later turns do not queue behind it for the life of the process.
          // The reply being sent keeps its lease (it may have left); those after it go back to the
          // queue, where they still wait behind it.
          if (this.chains.get(contactId) === queue) this.chains.delete(contactId);
          await this.release(queue.splice(0).map((entry) => entry.job));
          throw error;
        }
      })(),
    );
  }

  /** Keeps `work` among the sends in flight (awaited by `stop`), logging a failure to hand rows back. */
  private track(work: Promise<void>): void {
    const tracked = work
      .catch((error: unknown) => this.options.log.error({ err: error }, 'outbox: reserved replies could not be handed back; their lease will'))
      .finally(() => {
        this.inFlight.delete(tracked);
        if (this.claimWanted) this.wake();
      });
    this.inFlight.add(tracked);
  }

  /** Asks for a claim once the sends in flight finish: rows wait behind a family's reserved replies. */
  wakeAfterSends(): void {
    this.claimWanted = true;
    this.wake();
  }

  /** Returns reserved rows to the queue (oldest first, so the claim keeps their order). */
  private async release(jobs: { id: number }[]): Promise<void> {
    if (jobs.length === 0) return;
    await this.options.db.sql.$executeRaw(Prisma.sql`
      UPDATE outbox SET status = 'pending', attempts = 0, lease_until = NULL
      WHERE id = ANY(${jobs.map((job) => job.id)}::int[]) AND status = 'sending'`);
    this.wakeAfterSends();
  }

  /**
   * Stops claiming new rows and waits for sends in flight. With `flushMs`, keeps sending what is
   * ready for at most that long first; anything left stays in the outbox for the next start.
   */
  async stop(options: { flushMs?: number } = {}): Promise<void> {
    if (options.flushMs && this.running) {
      const deadline = Date.now() + options.flushMs;
      while (Date.now() < deadline && (await this.readyCount()) > 0) await sleep(50);
    }
    this.running = false;
    this.wake();
    await this.loop;
    await Promise.allSettled([...this.inFlight]);
  }

  /**
   * Returns rows a dead process left half-sent to the queue at once. Only safe when no other
   * instance can be sending (the embedded database belongs to one process); otherwise their
   * lease expires and any instance takes them over.
   */
  async releaseOrphans(): Promise<number> {
    return this.options.db.prisma.outbox.updateMany({ where: { status: 'sending' }, data: { status: 'pending', leaseUntil: null } }).then((r) => r.count);
  }

  /** Rows that could be sent now (used by shutdown and tests). */
  async readyCount(): Promise<number> {
    const rows = await this.options.db.sql.$queryRaw<{ n: number }[]>(Prisma.sql`
      SELECT count(*)::int AS n FROM outbox
      WHERE (status = 'pending' AND next_attempt_at <= now()) OR status = 'sending'`);
    return rows[0]?.n ?? 0;
  }

  private async run(): Promise<void> {
    const { log, concurrency, pollMs } = this.options;
    while (this.running) {
      this.woken = false;
      this.claimWanted = false;
      let claimed: OutboxJob[] = [];
      const free = this.options.pacer.backlogMs() > this.options.maxBacklogMs ? 0 : concurrency - this.claimedInFlight.size;
      if (free > 0) {
        try {
          claimed = await this.claim(free);
        } catch (error) {
          log.error({ err: error }, 'outbox: claim failed');
        }
      }
      for (const job of claimed) {
        const delivery = this.deliver(job).finally(() => {
          this.inFlight.delete(delivery);
          this.claimedInFlight.delete(delivery);
          this.wake();
        });
        this.inFlight.add(delivery);
        this.claimedInFlight.add(delivery);
      }
      if (claimed.length === 0 || free === 0) {
        if (!this.woken && this.running) await this.waitForWake(pollMs);
      }
    }
  }

  private waitForWake(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wakeUp = () => {
        this.wakeUp = undefined;
        done();
      };
    });
  }

  /**
   * Claims rows ready to send, in the order they were written, at most `limit`. A row is ready
   * when it is due (new, or its backoff is over, or its reservation lapsed) and nothing written
   * earlier to the family is still unsent — so a family receives replies in order even across
   * instances and crashes — with two exceptions: a transactional reply (the crisis answer, the
   * opt-out confirmation) never waits behind a stuck one, and the replies of a family that opted
   * out are taken at once to be dropped.
   *
   * Each family's first unsent row is read once, with a window over the partial index of unsent
   * rows, into a materialized list: linear in the backlog whatever the planner's statistics say.
   * (A NOT EXISTS per row was planned, with statistics taken before a burst, as a nested loop
   * over every unsent row: quadratic, seconds per claim, the idle outbox of issue 12.)
   */
  private async claim(limit: number): Promise<OutboxJob[]> {
    const leaseSeconds = this.options.leaseMs / 1000;
    const rows = await this.options.db.sql.$queryRaw<
      {
        id: number;
        message_id: number;
        contact_id: string;
        to: string;
        from: string;
        body: string;
        content_sid: string | null;
        content_variables: Record<string, string> | null;
        attempts: number;
        created_at: Date;
        opted_out: boolean;
      }[]
    >(Prisma.sql`
      WITH ready AS MATERIALIZED (
        SELECT u.id FROM (
          SELECT id, contact_id, transactional, status, next_attempt_at, lease_until,
            lag(id) OVER (PARTITION BY contact_id ORDER BY id) AS earlier
          FROM outbox WHERE status IN ('pending', 'sending')) u
        WHERE (u.earlier IS NULL OR u.transactional OR EXISTS (SELECT 1 FROM contacts c WHERE c.id = u.contact_id AND c.opted_out))
          AND ((u.status = 'pending' AND u.next_attempt_at <= now()) OR (u.status = 'sending' AND u.lease_until < now()))
        ORDER BY u.id
        -- some may be taken by another instance meanwhile: look at a few more than wanted
        LIMIT ${limit * 2})
      UPDATE outbox SET status = 'sending', attempts = attempts + 1,
        lease_until = now() + make_interval(secs => ${leaseSeconds}), owner = ${this.options.owner?.() ?? null}::int
      WHERE id IN (
        SELECT o.id FROM outbox o
        WHERE o.id = ANY(ARRAY(SELECT id FROM ready))
          -- checked again on the row as it is now: another instance may have just claimed it
          AND ((o.status = 'pending' AND o.next_attempt_at <= now()) OR (o.status = 'sending' AND o.lease_until < now()))
        ORDER BY o.id
        LIMIT ${limit}
        FOR UPDATE SKIP LOCKED)
      RETURNING id, message_id, contact_id, "to", "from", body, content_sid, content_variables, attempts, created_at,
        (NOT transactional AND (SELECT c.opted_out FROM contacts c WHERE c.id = outbox.contact_id)) AS opted_out`);
    return rows.map((row) => ({
      id: row.id,
      messageId: row.message_id,
      contactId: row.contact_id,
      to: row.to,
      from: row.from,
      body: row.body,
      contentSid: row.content_sid,
      contentVariables: row.content_variables,
      attempts: row.attempts,
      createdAt: row.created_at,
      optedOut: row.opted_out,
    }));
  }

  /** Sends one row and records the outcome: sent, failed for good, retry later, or sent but not recorded. */
  private async deliver(job: OutboxJob): Promise<'sent' | 'failed' | 'retry' | 'unrecorded'> {
    const { sender, pacer, log, statusCallbackUrl } = this.options;
    if (job.optedOut) {
      await this.fail(job, new SendError({ message: 'contact opted out', retryable: false, code: TWILIO_UNSUBSCRIBED }));
      return 'failed';
    }
    const wait = pacer.reserve(job.from);
    if (wait > 0) await sleep(wait);
    let result: { sid: string; status: string };
    try {
      result = await sender.send({
        to: job.to,
        from: job.from,
        body: job.body,
        contentSid: job.contentSid ?? undefined,
        contentVariables: job.contentVariables ?? undefined,
        statusCallback: statusCallbackUrl?.(job.messageId),
      });
    } catch (error) {
      const sendError = error instanceof SendError ? error : new SendError({ message: String((error as Error).message), retryable: true });
      const age = this.options.now().getTime() - job.createdAt.getTime();
      if (sendError.retryable && age < this.options.maxAgeMs) {
        await this.retryLater(job, sendError);
        return 'retry';
      }
      await this.fail(job, sendError);
      return 'failed';
    }
    try {
      await this.sentMarks.add({ id: job.id, sid: result.sid, status: result.status });
    } catch (error) {
      // Twilio has it but the database did not record it: after the lease it goes out again.
      log.error({ err: error, outboxId: job.id, sid: result.sid }, 'outbox: sent, but could not record it');
      return 'unrecorded';
    }
    log.info({ outboxId: job.id, to: maskPhone(job.to), sid: result.sid, attempts: job.attempts }, 'outbox: sent');
    this.emit('sent', job, result.sid);
    return 'sent';
  }

  /** Marks outbox rows sent and their messages with Twilio's id, in one statement. */
  private async markSent(marks: { id: number; sid: string; status: string }[]): Promise<void> {
    await this.options.db.sql.$executeRaw(Prisma.sql`
      WITH done AS (
        SELECT * FROM unnest(${marks.map((m) => m.id)}::int[], ${marks.map((m) => m.sid)}::text[], ${marks.map((m) => m.status)}::text[])
          AS d(id, sid, status)
      ), sent AS (
        UPDATE outbox o SET status = 'sent', sent_at = now(), lease_until = NULL, last_error = NULL
        FROM done WHERE o.id = done.id
        RETURNING o.message_id, done.sid, done.status
      )
      UPDATE messages m SET twilio_sid = sent.sid, status_at = now(),
        -- a delivery callback may already have arrived: never move the status backwards
        status = CASE WHEN m.status = 'queued' THEN sent.status ELSE m.status END
      FROM sent WHERE m.id = sent.message_id`);
  }

  private async retryLater(job: OutboxJob, error: SendError): Promise<void> {
    const delay = backoffMs(job.attempts);
    // Only while the row is still ours (`stillOurs`: reserved by this instance, not taken over since).
    await this.options.db.sql.$executeRaw(Prisma.sql`
      UPDATE outbox SET status = 'pending', lease_until = NULL, owner = NULL, last_error = ${error.message.slice(0, 500)},
        next_attempt_at = ${new Date(this.options.now().getTime() + delay)}
      WHERE id = ${job.id} AND status = 'sending' AND owner IS NOT DISTINCT FROM ${this.options.owner?.() ?? null}::int`);
    this.options.log.warn({ outboxId: job.id, to: maskPhone(job.to), attempts: job.attempts, retryInMs: delay, error: error.message }, 'outbox: will retry');
    this.emit('retry', job, error);
  }

  /** The row as this instance reserved it: once another instance took it over (this one was thought dead), it is theirs. */
  private stillOurs(job: { id: number }): { id: number; status: 'sending'; owner: number | null } {
    return { id: job.id, status: 'sending', owner: this.options.owner?.() ?? null };
  }

  private async fail(job: OutboxJob, error: SendError): Promise<void> {
    const { db, log } = this.options;
    const now = this.options.now();
    // db.transaction, not Prisma's defaults (2 s to start): on a busy embedded database a start waits its turn.
    const recorded = await db.transaction(async (tx) => {
      const { count } = await tx.outbox.updateMany({ where: this.stillOurs(job), data: { status: 'failed', leaseUntil: null, owner: null, lastError: error.message.slice(0, 500) } });
      if (count === 0) return false;
      await tx.message.update({ where: { id: job.messageId }, data: { status: 'failed', errorCode: error.code ?? null, statusAt: now } });
      // Twilio says the number opted out (21610); a reply the app itself dropped for an opt-out
      // (`job.optedOut`) changes nothing: the family may have opted in again since it was written.
      if (error.code === TWILIO_UNSUBSCRIBED && !job.optedOut) {
        await tx.contact.updateMany({ where: { id: job.contactId, optedOut: false }, data: { optedOut: true, optedOutAt: now } });
      }
      return true;
    });
    if (!recorded) return;
    log.warn({ outboxId: job.id, to: maskPhone(job.to), code: error.code, error: error.message }, 'outbox: failed for good');
    this.emit('failed', job, error);
  }
}

/** Reserved replies not sent this long before their lease ends are handed back instead. */
const LEASE_MARGIN_MS = 5000;

/** 2 s, 4 s, 8 s … capped at 10 minutes, with ±20 % jitter so retries do not arrive in waves. */
export function backoffMs(attempts: number, random: () => number = Math.random): number {
  const base = Math.min(2000 * 2 ** Math.max(0, attempts - 1), 600_000);
  return Math.round(base * (0.8 + 0.4 * random()));
}

/** Collects items added in the same turn of the event loop and handles them in one call. */
class Batcher<T> {
  private pending: { item: T; resolve: () => void; reject: (error: unknown) => void }[] = [];
  private scheduled = false;

  constructor(private readonly handle: (items: T[]) => Promise<void>) {}

  add(item: T): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push({ item, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => void this.flush());
      }
    });
  }

  private async flush(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    this.scheduled = false;
    try {
      await this.handle(batch.map((entry) => entry.item));
      for (const entry of batch) entry.resolve();
    } catch (error) {
      for (const entry of batch) entry.reject(error);
    }
  }
}
