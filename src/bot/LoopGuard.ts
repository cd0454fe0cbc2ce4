import { Prisma } from '../generated/prisma/client.ts';
import type { SqlRunner, Tx } from '../db/Database.ts';
import { resolveHandoff } from '../handoff/resolveHandoff.ts';

/** Why the loop guard stopped the bot for a family (recorded on `loop_guards` and as a contact event). */
export type LoopReason = 'repeated_text' | 'reply_rate' | 'twilio_14107';

/** The handoff reason of a conversation the loop guard offered to the team. */
export const LOOP_HANDOFF_REASON = 'loop_guard';

/** Limits of the loop guard (README: LOOP_GUARD_*). */
export interface LoopGuardSettings {
  /** The same inbound text this many times within `repeatWindowMs` stops the bot (3). */
  repeats: number;
  repeatWindowMs: number;
  /** More than this many bot replies to one family within `replyWindowMs` stops the bot (10). */
  maxReplies: number;
  replyWindowMs: number;
}

export const DEFAULT_LOOP_GUARD: LoopGuardSettings = { repeats: 3, repeatWindowMs: 5 * 60_000, maxReplies: 10, replyWindowMs: 60_000 };

/** What the guard says before a turn. */
export type LoopVerdict =
  /** Run the bot; `recentReplies` bot replies went out in the window; `resumes` a stopped bot. */
  | { kind: 'answer'; recentReplies: number; resumes: boolean; loopHandoffId: string | null; textHash: string }
  /** Do not run the bot: the message is recorded, nothing is sent; `offer` the team the conversation (once per stop). */
  | { kind: 'silent'; reason: LoopReason; textHash: string; offer: boolean; trips: boolean };

// Identical means identical once case and spacing are set aside. Answers of three characters or
// fewer ("1", "oui", "non", "ok", "sí") do not count: flows ask yes/no and numbered questions
// whose answers come back legitimately; a short auto-reply is caught by the reply rate instead.
const FOLDED = (column: Prisma.Sql) => Prisma.sql`lower(regexp_replace(btrim(${column}), '\\s+', ' ', 'g'))`;

/**
 * Stops the bot answering a family caught in a loop — an auto-responder answering every bot
 * message with the same text, or any exchange that runs away — as RapidPro and Twilio (error
 * 14107) do: the same inbound text `repeats` times within `repeatWindowMs`, or more than
 * `maxReplies` bot replies within `replyWindowMs`. The stop is recorded with its reason, the
 * conversation is offered to the team once (a handoff, reason "loop_guard"; not again within the
 * hour), and the family's next different message resumes the bot (closing that handoff if no one
 * took it) — once the reply limit allows: the bot never sends more than `maxReplies` a minute.
 */
export class LoopGuard {
  constructor(readonly settings: LoopGuardSettings = DEFAULT_LOOP_GUARD) {}

  /**
   * Judges an inbound message before its turn, in one read. `createdAt` (its arrival) anchors the repeat
   * window, so a message handled late (after a crash) is judged as it arrived.
   */
  async check(db: SqlRunner, message: { id: number; contactId: string; body: string; createdAt: Date }): Promise<LoopVerdict> {
    const { repeats, repeatWindowMs, replyWindowMs } = this.settings;
    const rows = await db.$queryRaw<
      { text_hash: string; counted: boolean; repeats: number; recent_replies: number; reason: LoopReason | null; paused_hash: string | null; paused: boolean; offered: boolean; loop_handoff: string | null }[]
    >(Prisma.sql`
      WITH guard AS (SELECT * FROM loop_guards WHERE contact_id = ${message.contactId}::uuid)
      SELECT encode(sha256(convert_to(${FOLDED(Prisma.sql`${message.body}::text`)}, 'UTF8')), 'hex') AS text_hash,
        length(${FOLDED(Prisma.sql`${message.body}::text`)}) > 3 AS counted,
        (SELECT count(*)::int FROM messages m
          WHERE m.contact_id = ${message.contactId}::uuid AND m.direction = 'inbound' AND m.id <= ${message.id}
            AND m.created_at > ${message.createdAt}::timestamptz - make_interval(secs => ${repeatWindowMs / 1000})
            AND ${FOLDED(Prisma.sql`m.body`)} = ${FOLDED(Prisma.sql`${message.body}::text`)}) AS repeats,
        (SELECT count(*)::int FROM messages m
          WHERE m.contact_id = ${message.contactId}::uuid AND m.direction = 'outbound' AND m.author = 'bot'
            AND m.created_at > now() - make_interval(secs => ${replyWindowMs / 1000})) AS recent_replies,
        (SELECT reason FROM guard) AS reason,
        (SELECT text_hash FROM guard) AS paused_hash,
        coalesce((SELECT resumed_at IS NULL FROM guard), false) AS paused,
        -- offered once: not again within the hour, however often the loop stops and resumes
        coalesce((SELECT offered_at > now() - interval '1 hour' FROM guard), false) AS offered,
        (SELECT h.id::text FROM handoffs h
          WHERE h.contact_id = ${message.contactId}::uuid AND h.status = 'waiting' AND h.reason = ${LOOP_HANDOFF_REASON} LIMIT 1) AS loop_handoff`);
    const row = rows[0]!;
    const offer = !row.offered;
    // Stopped: the same text keeps the bot quiet (the team is offered the conversation if not yet).
    if (row.paused && (row.paused_hash === null || row.paused_hash === row.text_hash)) {
      return { kind: 'silent', reason: row.reason ?? 'repeated_text', textHash: row.text_hash, offer, trips: false };
    }
    // A new stop, or a different message that cannot resume yet (the reply limit still holds).
    const trips = !row.paused;
    if (row.counted && row.repeats >= repeats) return { kind: 'silent', reason: 'repeated_text', textHash: row.text_hash, offer, trips };
    if (row.recent_replies >= this.settings.maxReplies) return { kind: 'silent', reason: 'reply_rate', textHash: row.text_hash, offer, trips };
    return { kind: 'answer', recentReplies: row.recent_replies, resumes: row.paused, loopHandoffId: row.loop_handoff, textHash: row.text_hash };
  }

  /** After the turn ran: whether its `replies` would take the family over the reply limit. */
  exceedsRate(verdict: LoopVerdict & { kind: 'answer' }, replies: number): boolean {
    return replies > 0 && verdict.recentReplies + replies > this.settings.maxReplies;
  }
}

/**
 * Records a stop (`trips`: a new one, with its reason and text; otherwise the stop under way
 * goes on) and whether the team was offered the conversation now, in the turn's transaction.
 */
export async function recordLoopStop(db: Tx, args: { contactId: string; reason: LoopReason; textHash: string | null; trips: boolean; offered: boolean }): Promise<void> {
  await db.$executeRaw`
    INSERT INTO loop_guards (contact_id, reason, text_hash, tripped_at, offered_at, resumed_at)
    VALUES (${args.contactId}::uuid, ${args.reason}, ${args.textHash}, now(), ${args.offered ? new Date() : null}::timestamptz, NULL)
    ON CONFLICT (contact_id) DO UPDATE SET
      reason = CASE WHEN ${args.trips} THEN EXCLUDED.reason ELSE loop_guards.reason END,
      text_hash = CASE WHEN ${args.trips} THEN EXCLUDED.text_hash ELSE loop_guards.text_hash END,
      tripped_at = CASE WHEN ${args.trips} THEN now() ELSE loop_guards.tripped_at END,
      offered_at = coalesce(EXCLUDED.offered_at, loop_guards.offered_at),
      resumed_at = NULL`;
}

/**
 * The family wrote something else: the bot answers again. A loop-guard handoff no one took is
 * resolved (resolveHandoff: recorded and announced to the console); one a worker holds stays with the worker.
 */
export async function resumeAfterLoop(db: Tx, args: { contactId: string; loopHandoffId: string | null }): Promise<void> {
  await db.$executeRaw`UPDATE loop_guards SET resumed_at = now() WHERE contact_id = ${args.contactId}::uuid AND resumed_at IS NULL`;
  if (!args.loopHandoffId) return;
  await resolveHandoff(db, { handoffId: args.loopHandoffId, from: ['waiting'], resolver: { by: 'bot', why: 'loop_ended' } });
}

/**
 * Twilio refused a reply with 14107 (too many messages between the two numbers: a loop on the
 * family's side). Stops the bot for the family and drops its replies not yet sent; the family's
 * next message offers the conversation to the team if it repeats the loop, or resumes the bot.
 */
export async function stopOnTwilioLoop(db: Tx, contactId: string): Promise<number> {
  const rows = await db.$queryRaw<{ dropped: number }[]>`
    WITH latest AS (
      SELECT encode(sha256(convert_to(${FOLDED(Prisma.sql`body`)}, 'UTF8')), 'hex') AS text_hash FROM messages
      WHERE contact_id = ${contactId}::uuid AND direction = 'inbound' ORDER BY id DESC LIMIT 1
    ), guard AS (
      INSERT INTO loop_guards (contact_id, reason, text_hash)
      VALUES (${contactId}::uuid, 'twilio_14107', (SELECT text_hash FROM latest))
      ON CONFLICT (contact_id) DO UPDATE SET reason = EXCLUDED.reason, text_hash = EXCLUDED.text_hash, tripped_at = now(), offered_at = NULL, resumed_at = NULL
      RETURNING 1
    ), event AS (
      INSERT INTO contact_events (contact_id, type, data) VALUES (${contactId}::uuid, 'loop_guard', '{"reason":"twilio_14107"}'::jsonb)
      RETURNING 1
    ), dropped AS (
      UPDATE outbox SET status = 'failed', lease_until = NULL, owner = NULL, last_error = 'dropped: Twilio 14107 (message loop)'
      WHERE contact_id = ${contactId}::uuid AND status = 'pending' AND NOT transactional
      RETURNING message_id
    ), messages_failed AS (
      UPDATE messages SET status = 'failed', error_code = 14107, status_at = now() WHERE id IN (SELECT message_id FROM dropped) RETURNING 1
    )
    SELECT (SELECT count(*)::int FROM dropped) AS dropped, (SELECT count(*) FROM guard), (SELECT count(*) FROM event), (SELECT count(*) FROM messages_failed)`;
  return rows[0]?.dropped ?? 0;
}
