import type { Tx } from '../db/Database.ts';
import { Prisma } from '../generated/prisma/client.ts';
import type { SessionWorker } from '../auth/sessions.ts';

/** How much of the last message the queue shows (characters). */
const PREVIEW_CHARACTERS = 140;

/** ISO 8601 in UTC with milliseconds, as JavaScript's toISOString writes it. */
const iso = (column: string) => Prisma.raw(`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);

/** The languages of the workers signed in within 10 minutes, as a CTE named `online`. */
const ONLINE_LANGUAGES = Prisma.sql`online AS (
      SELECT DISTINCT unnest(w.languages) AS language FROM workers w
      WHERE w.disabled_at IS NULL AND EXISTS (
        SELECT 1 FROM worker_sessions s WHERE s.worker_id = w.id AND s.expires_at > now() AND s.last_seen_at > now() - interval '10 minutes')
    )`;

/** Whether the handoff `h` of the contact `c` is offered to `worker` (needs the `online` CTE); see handoffSummaries. */
function offeredTo(args: { worker: SessionWorker; now: Date; routingSeconds: number }): Prisma.Sql {
  return Prisma.sql`(h.status <> 'waiting' OR h.priority >= 2 OR c.language = ANY(${args.worker.languages}::text[])
        OR c.language NOT IN (SELECT language FROM online)
        OR h.requested_at <= ${args.now}::timestamptz - make_interval(secs => ${args.routingSeconds}))`;
}

/**
 * Handoffs as the console lists them (HandoffSummary[]), rendered as JSON text by the database
 * itself: one JSON value crosses the driver far faster than rows of fifteen columns. `where`
 * may name the handoff `h` and its contact `c`; at most `limit` rows in `order`, and besides
 * them every handoff `h` that `alsoWhere` keeps (the caller's own conversations), in the same order. `speaksLanguage`
 * and `offered` (routing) are computed for `worker`: a waiting family is offered first to workers
 * who speak its language, to everyone once it has waited `routingSeconds` or when no signed-in
 * worker speaks it; a crisis goes to everyone at once.
 */
export async function handoffSummaries(
  db: Tx,
  args: { where: Prisma.Sql; order: Prisma.Sql; limit: number; alsoWhere?: Prisma.Sql; worker: SessionWorker; now: Date; routingSeconds: number },
): Promise<string> {
  const rows = await db.$queryRaw<{ json: string }[]>`
    WITH ${ONLINE_LANGUAGES}, picked AS (
      SELECT h.*, row_number() OVER (ORDER BY ${args.order}) AS position FROM (
        (SELECT h.* FROM handoffs h JOIN contacts c ON c.id = h.contact_id WHERE ${args.where} ORDER BY ${args.order} LIMIT ${args.limit})
        UNION
        (SELECT h.* FROM handoffs h WHERE ${args.alsoWhere ?? Prisma.sql`false`})
      ) h
    )
    SELECT coalesce(json_agg(json_build_object(
      'id', h.id,
      'status', h.status,
      'reason', h.reason,
      'priority', h.priority,
      'requestedAt', ${iso('h.requested_at')},
      'claimedAt', ${iso('h.claimed_at')},
      'resolvedAt', ${iso('h.resolved_at')},
      'claimedBy', CASE WHEN w.id IS NULL THEN NULL ELSE json_build_object('id', w.id, 'name', w.name) END,
      'contact', json_build_object('id', c.id, 'phone', c.phone, 'channel', c.channel, 'language', c.language),
      'lastMessageAt', ${iso('c.last_inbound_at')},
      'lastMessage', CASE WHEN last.id IS NULL THEN NULL ELSE json_build_object(
        'author', last.author, 'preview', left(last.body, ${PREVIEW_CHARACTERS}::int), 'at', ${iso('last.created_at')}) END,
      'awaitingReplySince', ${iso(`CASE WHEN h.status = 'waiting' THEN h.requested_at WHEN h.status = 'active' THEN CASE WHEN replied.last_reply IS NULL THEN h.requested_at ELSE family.waiting_since END END`)},
      'unreadCount', CASE WHEN h.status = 'active' AND h.claimed_by = ${args.worker.id}::uuid THEN family.unread ELSE 0 END,
      'speaksLanguage', c.language = ANY(${args.worker.languages}::text[]),
      'offered', ${offeredTo(args)}
    ) ORDER BY h.position), '[]'::json)::text AS json
    FROM picked h JOIN contacts c ON c.id = h.contact_id LEFT JOIN workers w ON w.id = h.claimed_by
    LEFT JOIN LATERAL (
      SELECT m.id, m.author, m.body, m.created_at FROM messages m WHERE m.contact_id = h.contact_id ORDER BY m.id DESC LIMIT 1
    ) last ON true
    -- Only a conversation someone holds has replies to wait for and messages to read; the
    -- filters on h.status are checked once per row, so waiting families cost no scan.
    LEFT JOIN LATERAL (
      SELECT max(m.created_at) AS last_reply FROM messages m
      WHERE h.status = 'active' AND m.contact_id = h.contact_id AND m.author = 'worker' AND m.created_at >= h.requested_at
    ) replied ON true
    LEFT JOIN LATERAL (
      SELECT min(m.created_at) FILTER (WHERE m.created_at > replied.last_reply) AS waiting_since,
             count(*) FILTER (WHERE m.created_at > coalesce(h.agent_last_seen_at, h.claimed_at)) AS unread
      FROM messages m
      WHERE h.status = 'active' AND m.contact_id = h.contact_id AND m.direction = 'inbound'
        AND m.created_at > least(replied.last_reply, h.agent_last_seen_at, h.claimed_at)
    ) family ON true`;
  return rows[0]?.json ?? '[]';
}

/**
 * The queue's figures for `worker` over every open handoff, as JSON text `{waiting, mine,
 * matching, offeredIds}`: families waiting, conversations the worker holds, open handoffs that
 * `where` keeps (it may name `h` and `c`), and the ids of the waiting families offered to the
 * worker (the page sounds when one is new). Counted by the database, so the list itself can stop
 * at what a person reads.
 */
export async function queueFigures(db: Tx, args: { where: Prisma.Sql; worker: SessionWorker; now: Date; routingSeconds: number }): Promise<string> {
  const rows = await db.$queryRaw<{ json: string }[]>`
    WITH ${ONLINE_LANGUAGES}
    SELECT json_build_object(
      'waiting', count(*) FILTER (WHERE h.status = 'waiting'),
      'mine', count(*) FILTER (WHERE h.status = 'active' AND h.claimed_by = ${args.worker.id}::uuid),
      'matching', count(*) FILTER (WHERE ${args.where}),
      'offeredIds', coalesce(json_agg(h.id) FILTER (WHERE h.status = 'waiting' AND ${offeredTo(args)}), '[]'::json)
    )::text AS json
    FROM handoffs h JOIN contacts c ON c.id = h.contact_id
    WHERE h.status <> 'resolved'`;
  return rows[0]!.json;
}
