import type { Database } from '../db/Database.ts';
import { FORGET_PROFILE_SQL, PROFILE_HELD_SQL } from '../domain/family.ts';
import { Prisma } from '../generated/prisma/client.ts';

/** How long a family's messages and profile are kept: what the privacy notice promises. */
export const RETENTION_MONTHS = 12;

export interface PurgeReport {
  messages: number;
  events: number;
  profiles: number;
  /** Handoffs handed back more than 12 months ago, with their events and the team's notes. */
  handoffs: number;
}

/**
 * Deletes what is older than the retention period: messages (handled inbound ones and outbound
 * ones no longer waiting to be sent), events, and the profile and dialog state of families
 * silent for that long, and handoffs resolved that long ago (their events and internal notes go
 * with them; open ones stay until resolved). The number and its opt-out state stay, so a STOP is still honoured.
 */
export async function purgeExpiredData(db: Database, now: Date = new Date()): Promise<PurgeReport> {
  const cutoff = new Date(now);
  cutoff.setUTCMonth(cutoff.getUTCMonth() - RETENTION_MONTHS);
  // One statement, so all or nothing, and through `db.sql`: on PostgreSQL the processing thread's
  // Prisma client then makes no query at start, and does not instantiate its query compiler.
  const [report] = await db.sql.$queryRaw<PurgeReport[]>(Prisma.sql`
    WITH gone_messages AS (
      DELETE FROM messages m
      WHERE m.created_at < ${cutoff}
        AND NOT (m.direction = 'inbound' AND m.processed_at IS NULL)
        AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.message_id = m.id AND o.status IN ('pending', 'sending'))
      RETURNING 1
    ), gone_events AS (
      DELETE FROM contact_events WHERE created_at < ${cutoff} RETURNING 1
    ), gone_handoffs AS (
      DELETE FROM handoffs WHERE status = 'resolved' AND resolved_at < ${cutoff} RETURNING 1
    ), gone_dialogs AS (
      DELETE FROM dialog_state d USING contacts c
      WHERE d.contact_id = c.id AND coalesce(c.last_inbound_at, c.created_at) < ${cutoff}
      RETURNING 1
    ), forgotten_profiles AS (
      UPDATE contacts SET ${Prisma.raw(FORGET_PROFILE_SQL)}, updated_at = now()
      WHERE coalesce(last_inbound_at, created_at) < ${cutoff} AND ${Prisma.raw(PROFILE_HELD_SQL)}
      RETURNING 1
    )
    SELECT (SELECT count(*) FROM gone_messages)::int AS messages, (SELECT count(*) FROM gone_events)::int AS events,
      (SELECT count(*) FROM forgotten_profiles)::int AS profiles, (SELECT count(*) FROM gone_handoffs)::int AS handoffs`);
  return report!;
}
