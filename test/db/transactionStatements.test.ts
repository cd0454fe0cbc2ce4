import { describe, expect, it } from 'vitest';
import { commitTurn } from '../../src/bot/commitTurn.ts';
import { loadTurn } from '../../src/bot/loadTurn.ts';
import { recordInbound } from '../../src/channels/twilio/recordInbound.ts';
import type { Database, SqlRunner } from '../../src/db/Database.ts';
import { Prisma } from '../../src/generated/prisma/client.ts';
import { messageSid } from '../support/signedWebhook.ts';
import { useTestDatabase } from '../support/testDatabase.ts';

let db: Database;

useTestDatabase((opened) => {
  db = opened;
});

describe('a turn committed in a transaction (the loop guard’s silent turn, an erasure)', () => {
  // Embedded, the turn's commit once left its transaction through such a wrapper and waited for the
  // lock of that very transaction: the turn hung until the transaction timed out (30 s).
  it('stays in it while db.sql is wrapped (as a test counting statements does) and queried meanwhile', async () => {
    const stored = await recordInbound(db, { messageSid: messageSid(), accountSid: 'AC' + '0'.repeat(32), from: '+18195550101', to: '+15145550100', body: 'bonjour', channel: 'sms', optOutType: null, messageType: null, location: null, buttonPayload: null, media: [] });
    const { message, unit } = (await loadTurn(db.sql, stored.contactId))!;
    const seen = recordStatements(db.sql);
    const unhandled = async () => (await db.sql.$queryRaw<{ count: number }[]>(Prisma.sql`SELECT count(*)::int AS count FROM messages WHERE id = ${message.id} AND processed_at IS NULL`))[0]!.count;
    const rolledBack = new Error('rolled back');
    let committed = false;

    const [transaction, ...meanwhile] = await Promise.allSettled([
      db.transaction(async (tx) => {
        committed = (await commitTurn(tx, unit, message.createdAt)).committed;
        throw rolledBack;
      }),
      unhandled(),
      unhandled(),
    ]);

    expect(transaction).toEqual({ status: 'rejected', reason: rolledBack });
    expect(committed).toBe(true);
    expect(meanwhile).toEqual([{ status: 'fulfilled', value: 1 }, { status: 'fulfilled', value: 1 }]);
    // Rolled back with its transaction: the message waits to be handled again.
    expect(await unhandled()).toBe(1);
    expect(seen.filter((sql) => sql.includes('claimed AS ('))).toEqual([]);
  }, 10_000);
});

/** Wraps `sql.$queryRaw` as a test counting statements would; returns the texts it sees. */
function recordStatements(sql: SqlRunner): string[] {
  const seen: string[] = [];
  const original = sql.$queryRaw.bind(sql);
  sql.$queryRaw = <T>(query: Prisma.Sql) => {
    seen.push(query.sql);
    return original<T>(query);
  };
  return seen;
}
