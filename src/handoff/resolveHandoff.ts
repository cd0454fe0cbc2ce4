import type { SqlRunner } from '../db/Database.ts';
import { HANDOFF_CHANNEL } from '../db/handoffChannel.ts';
import { Prisma } from '../generated/prisma/client.ts';
import type { HandoffStatus } from './handoffTypes.ts';

/** Who hands a family back to the bot, as the `resolved` handoff event records it (its `data`, and its worker). */
export type HandoffResolver =
  /** "Rendre au bot" in the console. */
  | { by: 'worker'; workerId: string }
  /** The family wrote MENU while its request, not urgent, still waited: it withdrew it. */
  | { by: 'family'; via: 'menu' }
  /** The message loop the team was offered ended before anyone took it. */
  | { by: 'bot'; why: 'loop_ended' };

export interface HandoffResolution {
  handoffId: string;
  /** The statuses it may be resolved from: the change is skipped (and nothing recorded) when it is in none of them. */
  from: readonly HandoffStatus[];
  resolver: HandoffResolver;
  /** A further condition of the statement the resolution is part of (a turn's commit: that the turn applies). */
  when?: Prisma.Sql;
}

/**
 * The one way a handoff is resolved, whoever resolves it: the handoff turns `resolved` (with who
 * and when), a `resolved` handoff event records it, and HANDOFF_CHANNEL announces it to every
 * instance's console once the transaction commits. As common table expressions, for a statement
 * that does more (a turn's commit); `resolved` counts the handoffs resolved (0 or 1), and the
 * statement must select it, or PostgreSQL never runs the NOTIFY.
 */
export function resolveHandoffSql(resolution: HandoffResolution): { ctes: Prisma.Sql; resolved: Prisma.Sql } {
  const { resolver } = resolution;
  const workerId = resolver.by === 'worker' ? resolver.workerId : null;
  const data = resolver.by === 'worker' ? { by: resolver.by } : resolver;
  const ctes = Prisma.sql`resolved_handoff AS (
      UPDATE handoffs SET status = 'resolved', resolved_at = now(), resolved_by = ${workerId}::uuid, updated_at = now()
      WHERE id = ${resolution.handoffId}::uuid AND status::text = ANY(${[...resolution.from]}::text[]) AND ${resolution.when ?? Prisma.sql`true`}
      RETURNING id
    ), resolved_event AS (
      INSERT INTO handoff_events (handoff_id, type, worker_id, data)
      SELECT id, 'resolved', ${workerId}::uuid, ${JSON.stringify(data)}::jsonb FROM resolved_handoff
      RETURNING handoff_id
    ), resolved_notify AS (
      SELECT pg_notify(${HANDOFF_CHANNEL}, json_build_object('handoffId', handoff_id, 'type', 'resolved')::text) FROM resolved_event
    )`;
  return { ctes, resolved: Prisma.sql`(SELECT count(*) FROM resolved_notify)::int` };
}

/** Resolves a handoff in a statement of its own (resolveHandoffSql); true when it was resolved now. */
export async function resolveHandoff(db: SqlRunner, resolution: HandoffResolution): Promise<boolean> {
  const { ctes, resolved } = resolveHandoffSql(resolution);
  const rows = await db.$queryRaw<{ resolved: number }[]>(Prisma.sql`WITH ${ctes} SELECT ${resolved} AS resolved`);
  return rows[0]?.resolved === 1;
}
