import { randomUUID } from 'node:crypto';
import { Prisma } from '../generated/prisma/client.ts';
import { HANDOFF_CHANNEL } from '../db/handoffChannel.ts';
import type { SqlRunner } from '../db/Database.ts';
import { FAMILY_COLUMNS } from '../domain/family.ts';
import type { ContactChanges, OpenHandoff, StartedSend, TurnUnit } from '../turn/TurnUnit.ts';
import { backToBotSql } from '../handoff/backToBot.ts';
import { resolveHandoffSql } from '../handoff/resolveHandoff.ts';
import { StaleETagError } from '../turn/TurnStorage.ts';
import { TURNS_PER_COMMIT, TURN_JSON, WAITING_FIELDS, turnInputFrom, type LoadedTurn, type TurnInput } from './loadTurn.ts';

const claimedExists = Prisma.sql`EXISTS (SELECT 1 FROM claimed)`;

/** The commit statement's one row. */
interface CommitRow {
  claimed: number;
  conflict: number | null;
  started?: (Omit<StartedSend, 'optedOut' | 'contactId' | 'createdAt'> & { transactional: boolean; createdAt: string })[] | null;
  startedBehind?: boolean | null;
  /** With `loadNext`: the family's next turn, null when no message waits. */
  next?: (LoadedTurn & { openedHandoff: OpenHandoff | null }) | null;
}

/**
 * Applies a finished turn in one statement: marks the message handled — only if it still is
 * not; with `unit.earlierMessageIds` (turns merged by `mergeTurns`), every one of them or none —
 * and, in the same atomic step, the family's changes, the dialog state (checking eTags)
 * and the replies with their outbox rows, in order. Returns false when a message had already
 * been handled (another instance won the race): then nothing was written.
 *
 * With `startSending`, the turn's replies — when no earlier reply of the family is still unsent —
 * are committed already reserved ("sending", leased for `leaseSeconds`, owned by the instance
 * `owner`) and listed, in order, in `unit.startedSends` for the caller to hand to its outbox: they
 * leave without the outbox's claim round trips. If this process dies first, another instance sees
 * its owner gone (or the lease lapse) and sends them. With `afterOwn`, replies of the family that
 * `owner` is still sending do not hold them back: `unit.startedBehind` then says they must go
 * out after those (`OutboxDispatcher.sendReserved`).
 *
 * With `loadNext`, the same statement also loads the family's next turn, as `loadTurn` would
 * once this one is committed (its oldest other unhandled message, overlaid with what this turn
 * wrote, which the statement cannot see): a family with messages waiting costs one round trip
 * per turn instead of two. `next` is undefined when nothing waits or nothing was committed, or
 * when the family went back to the bot while its request waited (`unit.backToBot`).
 */
export async function commitTurn(
  db: SqlRunner,
  unit: TurnUnit,
  receivedAt: Date,
  options: { startSending?: { leaseSeconds: number; owner?: number | undefined; afterOwn?: boolean }; loadNext?: boolean } = {},
): Promise<{ committed: boolean; next: TurnInput | undefined }> {
  const contactId = unit.contact.id;
  const parts: Prisma.Sql[] = [
    // The turn's transaction commits without waiting for its WAL flush (about 0.3 ms of the
    // server's CPU per turn). Only a crash of PostgreSQL itself (embedded: of the app, which holds
    // the database) can undo it, and only for turns
    // after the last flush: their messages are then unhandled again and answered again, as after
    // a crash of the app, with at most one duplicate of a reply already sent. Inbound messages
    // are stored with a synchronous commit (nothing acknowledged to Twilio is lost), and so is
    // every "sent", which flushes all the turns committed before it.
    Prisma.sql`async_commit AS (SELECT set_config('synchronous_commit', 'off', true))`,
  ];
  const ids = [...unit.earlierMessageIds, unit.messageId];
  if (ids.length === 1) {
    parts.push(Prisma.sql`claimed AS (
      UPDATE messages SET processed_at = now(), status = 'processed', conversation_id = ${unit.conversationId}::uuid
      WHERE id = ${unit.messageId} AND processed_at IS NULL
      RETURNING id)`);
  } else {
    // Several turns: `claimed` has its one row only when every message was still unhandled.
    parts.push(
      Prisma.sql`handled AS (
        UPDATE messages SET processed_at = now(), status = 'processed', conversation_id = ${unit.conversationId}::uuid
        WHERE id = ANY(${ids}::int[]) AND processed_at IS NULL
        RETURNING id)`,
      Prisma.sql`claimed AS (SELECT count(*) FROM handled HAVING count(*) = ${ids.length})`,
    );
  }
  const request = unit.handoffRequest;
  if (unit.conversationIsNew) {
    parts.push(Prisma.sql`new_conversation AS (
      INSERT INTO conversations (id, contact_id, updated_at)
      SELECT ${unit.conversationId}::uuid, ${contactId}::uuid, now() FROM claimed
      RETURNING id)`);
  }
  // Who waits on the team (the console) hears of a new request, and of every message of a family it holds.
  const referenced: Prisma.Sql[] = [];
  if (request) {
    parts.push(
      Prisma.sql`handoff AS (
        INSERT INTO handoffs (id, contact_id, conversation_id, reason, priority, updated_at)
        SELECT ${randomUUID()}::uuid, ${contactId}::uuid, ${unit.conversationId}::uuid, ${request.reason}, ${request.priority}, now() FROM claimed
        ON CONFLICT (contact_id) WHERE status <> 'resolved'
        DO UPDATE SET priority = GREATEST(handoffs.priority, EXCLUDED.priority), updated_at = now()
        RETURNING id, status, priority)`,
      Prisma.sql`handoff_event AS (
        INSERT INTO handoff_events (handoff_id, type, data)
        SELECT id, 'requested', ${JSON.stringify({ reason: request.reason, priority: request.priority })}::jsonb FROM handoff
        RETURNING 1)`,
      Prisma.sql`handoff_notify AS (
        SELECT pg_notify(${HANDOFF_CHANNEL}, json_build_object('handoffId', id, 'type', 'requested')::text) FROM handoff)`,
    );
    referenced.push(Prisma.sql`(SELECT count(*) FROM handoff_notify)`);
  } else if (unit.backToBot?.outcome === 'withdrawn') {
    // The family withdrew its request (MENU): resolved as a worker's hand-back is, if still waiting.
    const { ctes, resolved } = resolveHandoffSql({ handoffId: unit.backToBot.handoffId, from: ['waiting'], resolver: { by: 'family', via: 'menu' }, when: claimedExists });
    parts.push(ctes);
    referenced.push(resolved);
  } else if (unit.openHandoff) {
    // An urgent request the family left for the bot's menu stays in the queue: recorded, for the console.
    if (unit.backToBot) parts.push(backToBotSql({ handoffId: unit.backToBot.handoffId, when: claimedExists }));
    parts.push(Prisma.sql`message_notify AS (
      SELECT pg_notify(${HANDOFF_CHANNEL}, json_build_object('handoffId', ${unit.openHandoff.id}::text, 'type', 'message')::text) FROM claimed)`);
    referenced.push(Prisma.sql`(SELECT count(*) FROM message_notify)`);
  }
  const assignments = [Prisma.sql`last_inbound_at = ${receivedAt}::timestamptz`, Prisma.sql`updated_at = now()`];
  for (const [field, value] of Object.entries(unit.contactChanges) as [keyof ContactChanges, unknown][]) {
    const { column, type } = FAMILY_COLUMNS[field];
    assignments.push(Prisma.sql`${Prisma.raw(`"${column}"`)} = ${value}::${Prisma.raw(type)}`);
  }
  parts.push(Prisma.sql`contact AS (
    UPDATE contacts SET ${Prisma.join(assignments)} WHERE id = ${contactId}::uuid AND ${claimedExists} RETURNING id)`);

  const checked: string[] = [];
  let index = 0;
  for (const write of unit.stateWrites.values()) {
    const name = `state_${index++}`;
    const data = write.json;
    if (write.expectedETag && write.expectedETag !== '*') {
      checked.push(name);
      parts.push(Prisma.sql`${Prisma.raw(name)} AS (
        UPDATE dialog_state SET data = ${data}::jsonb, etag = ${write.newETag}, contact_id = ${contactId}::uuid, updated_at = now()
        WHERE key = ${write.key} AND etag = ${write.expectedETag} AND ${claimedExists}
        RETURNING 1)`);
    } else {
      parts.push(Prisma.sql`${Prisma.raw(name)} AS (
        INSERT INTO dialog_state (key, contact_id, data, etag, updated_at)
        SELECT ${write.key}, ${contactId}::uuid, ${data}::jsonb, ${write.newETag}, now() FROM claimed
        ON CONFLICT (key) DO UPDATE SET data = EXCLUDED.data, etag = EXCLUDED.etag, contact_id = EXCLUDED.contact_id, updated_at = now()
        RETURNING 1)`);
    }
  }
  for (const key of unit.stateDeletes) {
    parts.push(Prisma.sql`${Prisma.raw(`deleted_${index++}`)} AS (DELETE FROM dialog_state WHERE key = ${key} AND ${claimedExists} RETURNING 1)`);
  }

  if (unit.replies.length > 0) {
    const column = <K extends keyof TurnUnit['replies'][number]>(key: K) => unit.replies.map((reply) => reply[key]);
    parts.push(
      Prisma.sql`replies AS (
        SELECT * FROM unnest(${column('to')}::text[], ${column('from')}::text[], ${column('body')}::text[],
          ${column('transactional')}::boolean[], ${column('author')}::text[]) WITH ORDINALITY
          AS r("to", "from", body, transactional, author, ord))`,
      Prisma.sql`reply_messages AS (
        INSERT INTO messages (contact_id, conversation_id, direction, author, body, status, our_address)
        SELECT ${contactId}::uuid, ${unit.conversationId}::uuid, 'outbound', r.author::message_author, r.body, 'queued', r."from"
        FROM replies r, claimed ORDER BY r.ord
        RETURNING id)`,
      Prisma.sql`numbered AS (SELECT id, row_number() OVER (ORDER BY id) AS ord FROM reply_messages)`,
      // With `afterOwn`, replies still being sent by this instance do not hold the new ones back:
      // the caller's outbox sends them in order after those (or hands them back to the queue).
      // One pass over the family's unsent replies (an aggregate: one row even when there are none).
      Prisma.sql`start_now AS (
        SELECT ${options.startSending !== undefined}::boolean AND count(*) FILTER (
            WHERE NOT (${options.startSending?.afterOwn === true}::boolean AND p.status = 'sending'
              AND p.owner IS NOT DISTINCT FROM ${options.startSending?.owner ?? null}::int)) = 0 AS yes,
          count(*) > 0 AS behind
        FROM outbox p WHERE p.contact_id = ${contactId}::uuid AND p.status IN ('pending', 'sending'))`,
      Prisma.sql`reply_outbox AS (
        INSERT INTO outbox (message_id, contact_id, "to", "from", body, transactional, status, attempts, lease_until, owner)
        SELECT n.id, ${contactId}::uuid, r."to", r."from", r.body, r.transactional,
          CASE WHEN s.yes THEN 'sending' ELSE 'pending' END::outbox_status,
          CASE WHEN s.yes THEN 1 ELSE 0 END,
          CASE WHEN s.yes THEN now() + make_interval(secs => ${options.startSending?.leaseSeconds ?? 0}) END,
          CASE WHEN s.yes THEN ${options.startSending?.owner ?? null}::int END
        FROM numbered n JOIN replies r ON r.ord = n.ord, start_now s ORDER BY n.ord
        RETURNING id, message_id, "to", "from", body, transactional, created_at, status)`,
    );
  }

  if (unit.events.length > 0) {
    parts.push(Prisma.sql`events AS (
      INSERT INTO contact_events (contact_id, conversation_id, type, data)
      SELECT ${contactId}::uuid, ${unit.conversationId}::uuid, e.type, e.data
      FROM unnest(${unit.events.map((event) => event.type)}::text[], ${unit.events.map((event) => JSON.stringify(event.data))}::jsonb[])
        WITH ORDINALITY AS e(type, data, ord), claimed
      ORDER BY e.ord
      RETURNING 1)`);
  }

  // The family's next message, other than this one (the statement still sees this one unhandled).
  // Not after a return to the bot: the next turn must see the handoff as this statement leaves it.
  const loadNext = options.loadNext === true && !unit.backToBot;
  const next = loadNext
    ? Prisma.sql`, (SELECT json_build_object('turn', ${TURN_JSON}, ${WAITING_FIELDS('next_waiting', 'm')},
          'openedHandoff', ${request ? Prisma.sql`(SELECT json_build_object('id', id, 'status', status, 'priority', priority, 'botAnswers', false) FROM handoff)` : Prisma.sql`NULL::json`})
        FROM messages m JOIN contacts c ON c.id = m.contact_id
        WHERE m.id = (SELECT min(id) FROM next_waiting)) AS next`
    : Prisma.empty;
  if (loadNext) {
    parts.push(Prisma.sql`next_waiting AS (
      SELECT id FROM messages
      WHERE contact_id = ${contactId}::uuid AND direction = 'inbound' AND processed_at IS NULL
        AND ${ids.length === 1 ? Prisma.sql`id <> ${unit.messageId}` : Prisma.sql`NOT (id = ANY(${ids}::int[]))`} AND ${claimedExists}
      ORDER BY id LIMIT ${TURNS_PER_COMMIT + 1})`);
  }

  // A stale eTag must undo the whole statement: fail it with a division by zero (caught below).
  const stale = checked.length > 0 ? Prisma.raw(checked.map((name) => `(SELECT count(*) FROM ${name}) = 0`).join(' OR ')) : Prisma.raw('false');
  try {
    const started = unit.replies.length > 0 && options.startSending
      ? Prisma.sql`(SELECT json_agg(json_build_object('id', id, 'messageId', message_id, 'to', "to", 'from', "from", 'body', body,
          'transactional', transactional, 'createdAt', created_at) ORDER BY id) FROM reply_outbox WHERE status = 'sending') AS started,
          (SELECT behind FROM start_now) AS "startedBehind",`
      : Prisma.empty;
    // Merged turns of which another instance handled some but not all: undo the whole statement
    // (a scalar subquery with two rows fails it), and look again as when nothing was claimed.
    const partial = ids.length > 1
      ? Prisma.sql`, CASE WHEN (SELECT count(*) FROM handled) BETWEEN 1 AND ${ids.length - 1} THEN (SELECT 1 FROM generate_series(1, 2)) END AS partial`
      : Prisma.empty;
    // "asyncCommit" is there only to make PostgreSQL run the CTE that sets synchronous_commit (an
    // unreferenced SELECT in WITH is never evaluated).
    const rows = await db.$queryRaw<CommitRow[]>(Prisma.sql`
      WITH ${Prisma.join(parts)}
      SELECT (SELECT count(*) FROM claimed)::int AS claimed, (SELECT count(*) FROM async_commit) AS "asyncCommit", ${started}${referenced.length > 0 ? Prisma.sql` ${Prisma.join(referenced, ' + ')} AS referenced,` : Prisma.empty}
        CASE WHEN ${claimedExists} AND (${stale}) THEN 1 / (SELECT count(*)::int FROM claimed WHERE false) END AS conflict${partial}${next}`);
    const row = rows[0];
    const optedOut = unit.contactChanges.optedOut ?? unit.contact.optedOut;
    unit.startedSends = (row?.started ?? []).map(({ transactional, createdAt, ...send }) => ({
      ...send,
      contactId,
      createdAt: new Date(createdAt),
      optedOut: optedOut && !transactional,
    }));
    unit.startedBehind = row?.startedBehind === true && unit.startedSends.length > 0;
    const committed = row?.claimed === 1;
    const loaded = committed ? row.next : undefined;
    return {
      committed,
      next: loaded ? turnInputFrom(loaded, { unit, receivedAt, openedHandoff: loaded.openedHandoff }) : undefined,
    };
  } catch (error) {
    const text = String((error as Error).message);
    if (/division by zero/.test(text)) throw new StaleETagError([...unit.stateWrites.keys()].join(', '));
    if (ids.length > 1 && /more than one row returned by a subquery/.test(text)) return { committed: false, next: undefined };
    throw error;
  }
}
