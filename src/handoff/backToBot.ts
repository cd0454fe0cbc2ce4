import { Prisma } from '../generated/prisma/client.ts';

/**
 * The handoff event of a family that went back to the bot (MENU) while its urgent request waits:
 * the request stays in the queue and the bot answers the family until a worker claims it or the
 * family asks for a person again (a new `requested` event).
 */
export const BACK_TO_BOT_EVENT = 'back_to_bot';

/**
 * Records BACK_TO_BOT_EVENT on the handoff, as a common table expression of the statement of
 * the turn that read MENU; only while nobody has claimed it, and only if `when` holds (the turn
 * applies). The statement's other NOTIFY (the family's message) tells the console.
 */
export function backToBotSql(args: { handoffId: string; when: Prisma.Sql }): Prisma.Sql {
  return Prisma.sql`back_to_bot AS (
      INSERT INTO handoff_events (handoff_id, type, data)
      SELECT id, ${BACK_TO_BOT_EVENT}, ${JSON.stringify({ by: 'family', via: 'menu' })}::jsonb FROM handoffs
      WHERE id = ${args.handoffId}::uuid AND status = 'waiting' AND ${args.when}
      RETURNING 1
    )`;
}

/**
 * Whether the bot answers a family whose handoff `alias` is open: it waits, and the family went
 * back to the bot after its last request (its latest BACK_TO_BOT_EVENT is newer than its latest
 * `requested`). SQL text, constants only, for the query text that loads a turn (`TURN_JSON`).
 */
export function botAnswersSql(alias: string): string {
  return `(${alias}.status = 'waiting' AND coalesce((
      SELECT e.type = '${BACK_TO_BOT_EVENT}' FROM handoff_events e
      WHERE e.handoff_id = ${alias}.id AND e.type IN ('requested', '${BACK_TO_BOT_EVENT}')
      ORDER BY e.id DESC LIMIT 1), false))`;
}
