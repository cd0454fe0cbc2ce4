import type { TurnContext } from 'botbuilder';
import { Prisma } from '../generated/prisma/client.ts';
import type { Database } from '../db/Database.ts';
import { TURNS_PER_COMMIT, followingTurn, loadTurn, mergeTurns, type TurnInput } from './loadTurn.ts';
import { commitTurn } from './commitTurn.ts';
import type { StartedSend } from '../turn/TurnUnit.ts';
import { eraseFamilyData } from '../privacy/eraseFamilyData.ts';
import type { Logger } from '../log.ts';
import type { TurnAdapter } from '../turn/channelData.ts';
import { TurnUnit } from '../turn/TurnUnit.ts';
import { LOOP_HANDOFF_REASON, recordLoopStop, resumeAfterLoop, type LoopGuard, type LoopVerdict } from './LoopGuard.ts';

export interface TurnRunnerOptions {
  db: Database;
  adapter: TurnAdapter;
  /** Botkit's handleTurn. */
  handleTurn: (context: TurnContext) => Promise<void>;
  log: Logger;
  /**
   * Called after a turn commits (wakes the outbox), with the replies it reserved for this
   * instance to send at once when `startSending` is set.
   */
  onTurnCommitted?: (outcome: { started: StartedSend[]; behind: boolean; queued: number }) => void;
  /** Whether to commit a turn's replies already reserved for this instance's outbox (see commitTurn). */
  startSending?: () => { leaseSeconds: number; owner?: number | undefined; afterOwn?: boolean } | undefined;
  /** Contacts processed at once by this instance. */
  concurrency?: number;
  /** A turn that takes longer is abandoned, nothing written, and retried (a hung handler must not block a family). */
  turnTimeoutMs?: number;
  /** After this many failed tries the family gets an apology instead of silence. */
  maxAttempts?: number;
  /** Stops the bot for a family caught in a loop (see LoopGuard); none: never stops. */
  loopGuard?: LoopGuard | undefined;
}

/** Longest stretch of turns before the event loop gets the thread back (ms). */
const SLICE_MS = 50;

/**
 * Runs bot turns for stored inbound messages: one family at a time per instance, oldest
 * message first. A turn loads what it needs in one statement, runs the bot in memory, then
 * commits everything (dialog state, the family's changes, replies in the outbox, "handled") in
 * one statement that succeeds only if the message is still unhandled. Two instances racing on
 * a family cannot both answer a message, and a crash mid-turn leaves it for after the restart.
 */
export class TurnRunner {
  private readonly options: Required<Omit<TurnRunnerOptions, 'onTurnCommitted' | 'startSending' | 'loopGuard'>> &
    Pick<TurnRunnerOptions, 'onTurnCommitted' | 'startSending' | 'loopGuard'>;
  private readonly queued = new Set<string>();
  private readonly running = new Map<string, Promise<void>>();
  private readonly again = new Set<string>();
  private stopped = false;
  /** When the event loop last had the thread back between turns (performance.now(), ms). */
  private sliceStartedAt = performance.now();
  private sweeper: NodeJS.Timeout | undefined;

  constructor(options: TurnRunnerOptions) {
    this.options = { concurrency: Math.max(1, options.db.concurrency), turnTimeoutMs: 20_000, maxAttempts: 3, ...options };
  }

  /** Asks for the contact's pending messages to be handled soon. */
  schedule(contactId: string): void {
    if (this.stopped) return;
    if (this.running.has(contactId)) {
      this.again.add(contactId);
      return;
    }
    this.queued.add(contactId);
    this.pump();
  }

  /** Schedules every contact with unhandled messages (at start, and periodically for crashed peers). */
  async recover(olderThanMs = 0): Promise<number> {
    const rows = await this.options.db.sql.$queryRaw<{ contact_id: string }[]>(Prisma.sql`
      SELECT DISTINCT contact_id FROM messages
      WHERE direction = 'inbound' AND processed_at IS NULL
        AND created_at <= now() - make_interval(secs => ${olderThanMs / 1000})`);
    for (const row of rows) this.schedule(row.contact_id);
    return rows.length;
  }

  /** Periodically picks up messages another (crashed) instance stored but did not handle. */
  startSweeper(intervalMs = 5000): void {
    this.sweeper = setInterval(() => {
      this.recover(intervalMs).catch((error: unknown) => this.options.log.error({ err: error }, 'turns: sweep failed'));
    }, intervalMs);
    this.sweeper.unref();
  }

  /** Number of contacts waiting or being processed. */
  get pending(): number {
    return this.queued.size + this.running.size;
  }

  /** Waits until nothing is queued or running (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.running.size > 0 || this.queued.size > 0) {
      await Promise.allSettled([...this.running.values()]);
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  /** Stops taking work and waits for the turns under way. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.sweeper);
    this.queued.clear();
    await Promise.allSettled([...this.running.values()]);
  }

  private pump(): void {
    for (const contactId of this.queued) {
      if (this.running.size >= this.options.concurrency) return;
      this.queued.delete(contactId);
      const run = this.drainContact(contactId).finally(() => {
        this.running.delete(contactId);
        if (this.again.delete(contactId)) this.queued.add(contactId);
        this.pump();
      });
      this.running.set(contactId, run);
    }
  }

  /**
   * Lets the event loop run once turns have held it for `SLICE_MS`. On the embedded database a
   * turn never waits for I/O: without this the whole queue of turns ran as one chain of promises,
   * and webhooks were not even read, so not acknowledged, until it ended (issue 15). Not after
   * every turn: what the loop reads in one pass (webhooks, Twilio's answers) is written in one
   * statement, and one turn per pass made those batches of one or two.
   */
  private async yieldAfterSlice(): Promise<void> {
    if (performance.now() - this.sliceStartedAt < SLICE_MS) return;
    await new Promise((resolve) => setImmediate(resolve));
    this.sliceStartedAt = performance.now();
  }

  private async drainContact(contactId: string): Promise<void> {
    // New messages stored while this runs call schedule(), which sets `again`: none is missed.
    let more = true;
    // The next turn, when the previous one's commit loaded it.
    let next: TurnInput | undefined;
    while (more && !this.stopped) {
      await this.yieldAfterSlice();
      if (this.stopped) break;
      try {
        const turn = await this.runOneTurn(contactId, next);
        next = turn.next;
        more = turn.outcome === 'more';
        if (turn.outcome !== 'none') this.options.onTurnCommitted?.({ started: turn.started, behind: turn.behind, queued: turn.queued });
      } catch (error) {
        next = undefined;
        await this.recordFailure(contactId, error);
      }
    }
  }

  /**
   * Handles the contact's oldest unhandled message (`preloaded`, or loaded now) and says whether
   * another is waiting, with that next turn when the commit loaded it. When more of the family's
   * messages were loaded with it, their turns run next, in memory, each on what the one before
   * left (`followingTurn`), and all commit in one statement (`mergeTurns`), up to
   * `TURNS_PER_COMMIT`. A turn that must commit on its own path (a loop-guard stop, an erasure) or
   * that another must see committed first (a person asked for, a return to the bot while a request
   * waits, an opt-out, a new conversation) ends the batch: those already run commit first, and that message's turn
   * runs again on what they committed.
   */
  private async runOneTurn(
    contactId: string,
    preloaded?: TurnInput,
  ): Promise<{ outcome: 'none' | 'done' | 'more'; started: StartedSend[]; behind: boolean; queued: number; next?: TurnInput | undefined }> {
    const { db, adapter, handleTurn, turnTimeoutMs, startSending, loopGuard } = this.options;
    const first = preloaded ?? (await loadTurn(db.sql, contactId));
    if (!first) return { outcome: 'none', started: [], behind: false, queued: 0 };
    let input: TurnInput = first;
    /** Turns run and not yet committed, oldest first (each built on the one before). */
    const ran: { input: TurnInput; unit: TurnUnit }[] = [];
    /** Bot replies of `ran`, which the loop guard cannot count in the database yet. */
    let pendingReplies = 0;
    for (;;) {
      let verdict = loopGuard ? await loopGuard.check(db.sql, input.message) : undefined;
      if (verdict && ran.length > 0) {
        // Only a plain answer within the reply limit joins the batch; anything else is judged
        // again once the batch is committed.
        if (verdict.kind !== 'answer' || verdict.resumes || verdict.recentReplies + pendingReplies >= loopGuard!.settings.maxReplies) break;
        verdict = { ...verdict, recentReplies: verdict.recentReplies + pendingReplies };
      }
      if (verdict?.kind === 'answer' && verdict.resumes) {
        // A different message: the bot answers it, the offer to the team no one took is withdrawn.
        await resumeAfterLoop(db.prisma, { contactId, loopHandoffId: verdict.loopHandoffId });
        const reloaded = await loadTurn(db.sql, contactId);
        if (!reloaded) return { outcome: 'none', started: [], behind: false, queued: 0 };
        input = reloaded;
      }
      const { message, unit } = input;
      const activity = adapter.activityFor({ ...message, conversationId: unit.conversationId }, unit.contact, message.ourAddress ?? unit.contact.address);
      try {
        await withTimeout(adapter.processActivity(activity, unit, handleTurn), turnTimeoutMs, 'turn timed out');
        if (unit.failure) throw unit.failure;
      } catch (error) {
        // The turns before this one are sound: they commit, and this one's failure is counted after.
        if (ran.length > 0) await this.commitRan(ran, { startSending: undefined });
        throw error;
      }
      // The loop guard never silences a crisis answer, an opt-out or an opt-in: the bot runs first.
      const vital = unit.replies.some((reply) => reply.transactional) || unit.contactChanges.optedOut !== undefined;
      const silenced = verdict?.kind === 'silent' && !vital;
      const overRate = verdict?.kind === 'answer' && !vital && loopGuard!.exceedsRate(verdict, unit.replies.length);
      // An opt-out or an opt-in commits on its own: replies written before it must not be judged by it.
      if (ran.length > 0 && (silenced || overRate || unit.erase || unit.contactChanges.optedOut !== undefined)) break;
      if (verdict?.kind === 'silent' && silenced) return this.commitSilentTurn(input, verdict);
      if (verdict?.kind === 'answer' && overRate) {
        return this.commitSilentTurn(input, { kind: 'silent', reason: 'reply_rate', textHash: verdict.textHash, offer: !verdict.resumes, trips: !verdict.resumes });
      }
      if (unit.erase) {
        // Erasing the family's data lands with the turn (and its confirmation) or not at all.
        const committed = await db.transaction(async (tx) => {
          // Not started early: the erasure below must see every reply still unsent.
          if (!(await commitTurn(tx, unit, message.createdAt)).committed) return false;
          await eraseFamilyData(tx, contactId);
          return true;
        });
        if (!committed) return { outcome: 'more', started: [], behind: false, queued: 0 };
        return { outcome: input.hasMore ? 'more' : 'done', started: [], behind: false, queued: unit.replies.length };
      }
      ran.push({ input, unit });
      pendingReplies += unit.replies.filter((reply) => reply.author === 'bot').length;
      const joins = ran.length < TURNS_PER_COMMIT && !unit.handoffRequest && !unit.backToBot && unit.contactChanges.optedOut === undefined && !unit.conversationIsNew;
      const following = joins ? followingTurn(input, unit) : undefined;
      if (!following) break;
      input = following;
    }
    return this.commitRan(ran, { startSending: startSending?.() });
  }

  /**
   * Commits the turns run (one, or several merged), loading the family's next turn with them. When
   * the statement of several fails (one turn's writes refused), they commit one at a time, in order,
   * so that only the turn that fails counts a failure (`recordFailure`), not the messages before it.
   */
  private async commitRan(
    ran: readonly { input: TurnInput; unit: TurnUnit }[],
    options: { startSending: ReturnType<NonNullable<TurnRunnerOptions['startSending']>> },
  ): Promise<{ outcome: 'done' | 'more'; started: StartedSend[]; behind: boolean; queued: number; next?: TurnInput | undefined }> {
    const unit = mergeTurns(ran.map((turn) => turn.unit));
    const last = ran.at(-1)!.input;
    let outcome: { committed: boolean; next: TurnInput | undefined };
    try {
      outcome = await commitTurn(this.options.db.sql, unit, last.message.createdAt, { startSending: options.startSending, loadNext: true });
    } catch (error) {
      if (ran.length === 1) throw error;
      return this.commitOneByOne(ran);
    }
    const { committed, next } = outcome;
    // Not committed: another instance handled a message first; look again.
    if (!committed) return { outcome: 'more', started: [], behind: false, queued: 0 };
    const started = unit.startedSends;
    return { outcome: next || last.hasMore ? 'more' : 'done', started, behind: unit.startedBehind, queued: unit.replies.length - started.length, next };
  }

  /**
   * The turns of a batch whose single statement failed, committed one at a time in order (each was
   * run on what the one before left, so each applies on top of it). Their replies wait in the outbox
   * queue (nothing reserved: an error here must not leave replies leased to this instance); the one
   * that fails again throws, with those before it committed.
   */
  private async commitOneByOne(ran: readonly { input: TurnInput; unit: TurnUnit }[]): Promise<{ outcome: 'more'; started: StartedSend[]; behind: boolean; queued: number }> {
    let queued = 0;
    try {
      for (const { input, unit } of ran) {
        // Another instance handled this one first: look again from the database.
        if (!(await commitTurn(this.options.db.sql, unit, input.message.createdAt)).committed) break;
        queued += unit.replies.length;
      }
    } catch (error) {
      if (queued > 0) this.options.onTurnCommitted?.({ started: [], behind: false, queued });
      throw error;
    }
    return { outcome: 'more', started: [], behind: false, queued };
  }

  /**
   * The loop guard stopped the bot: the message is handled without running the bot (nothing is
   * sent, the dialog stays where it was), the stop is recorded, and the team is offered the
   * conversation once — unless a person of the team already has it.
   */
  private async commitSilentTurn(input: TurnInput, verdict: LoopVerdict & { kind: 'silent' }): Promise<{ outcome: 'done' | 'more'; started: StartedSend[]; behind: boolean; queued: number }> {
    const { db, log } = this.options;
    const { message, unit: loaded } = input;
    const unit = new TurnUnit(message.id, loaded.contact, loaded.conversationId, loaded.conversationIsNew, new Map(), loaded.openHandoff, loaded.talkedWithTeam);
    const offer = verdict.offer && !loaded.openHandoff;
    if (verdict.trips) unit.recordEvent({ type: 'loop_guard', data: { reason: verdict.reason } });
    if (offer) unit.requestHandoff({ reason: LOOP_HANDOFF_REASON, priority: 0, data: { loop: verdict.reason } });
    const committed = await db.transaction(async (tx) => {
      if (!(await commitTurn(tx, unit, message.createdAt)).committed) return false;
      await recordLoopStop(tx, { contactId: unit.contact.id, reason: verdict.reason, textHash: verdict.textHash, trips: verdict.trips, offered: offer });
      return true;
    });
    if (committed && verdict.trips) log.warn({ contactId: unit.contact.id, reason: verdict.reason }, 'loop guard: the bot stopped answering a family');
    return { outcome: committed && !input.hasMore ? 'done' : 'more', started: [], behind: false, queued: 0 };
  }

  /** A turn threw (a bug, not a crash): count it; past the limit apologise and move on. */
  private async recordFailure(contactId: string, error: unknown): Promise<void> {
    const { db, adapter, log, maxAttempts } = this.options;
    log.error({ err: error, contactId }, 'turns: turn failed');
    try {
      await db.transaction(async (tx) => {
        const message = await tx.message.findFirst({ where: { contactId, direction: 'inbound', processedAt: null }, orderBy: { id: 'asc' } });
        if (!message) return;
        const attempts = message.attempts + 1;
        if (attempts < maxAttempts) {
          await tx.message.update({ where: { id: message.id }, data: { attempts } });
          return;
        }
        await tx.message.update({ where: { id: message.id }, data: { attempts, processedAt: new Date(), status: 'error' } });
        const contact = await tx.contact.findUniqueOrThrow({ where: { id: contactId } });
        await adapter.composer.write(tx, {
          contact,
          conversationId: message.conversationId,
          replyFrom: message.ourAddress ?? contact.address,
          text: { key: 'error.generic' },
          author: 'bot',
        });
      });
      this.options.onTurnCommitted?.({ started: [], behind: false, queued: 1 });
    } catch (nested) {
      log.error({ err: nested, contactId }, 'turns: could not record the failure');
      // Leave the message for the sweeper rather than spin on a broken database.
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, reason: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(reason)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
