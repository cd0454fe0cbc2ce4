import { afterAll, describe, expect, it } from 'vitest';
import { recordInbounds } from '../../src/channels/twilio/InboundRecorder.ts';
import { loadConfig } from '../../src/config.ts';
import { loadFlows } from '../../src/conversation/loadFlows.ts';
import type { Database } from '../../src/db/Database.ts';
import { Prisma } from '../../src/generated/prisma/client.ts';
import { seedDirectoryIfEmpty } from '../../src/directory/seedDirectory.ts';
import { createLogger } from '../../src/log.ts';
import { Processor } from '../../src/processing/Processor.ts';
import { BOT_NUMBER, messageSid, TEST_ACCOUNT_SID } from '../support/signedWebhook.ts';
import { createTestDatabase, onPostgres } from '../support/testDatabase.ts';

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
});

// On PostgreSQL the processing side's statements go through `db.sql`, the pool itself: Prisma's
// raw-query layer cost twice the CPU per call (src/db/Database.ts), and a thread whose client
// makes no query never instantiates its query compiler (1.9 MiB of WebAssembly memory). Starting,
// looking for dead instances, the retention purge, turns, directory searches, the crisis answer
// and sends must not touch the client.
describe.skipIf(!onPostgres)('the processing side on PostgreSQL', () => {
  it('starts, answers families and sends their replies without a query through the Prisma client', async () => {
    const database = await createTestDatabase();
    cleanups.push(database.drop);
    const db = await database.open();
    cleanups.push(() => db.close());
    await seedDirectoryIfEmpty(db);
    const used = watchPrismaClient(db);

    const config = loadConfig({ DATABASE_URL: database.url!, PUBLIC_BASE_URL: 'http://127.0.0.1:1', LOG_LEVEL: 'silent' });
    const processor = new Processor(config, db, createLogger('silent'), loadFlows());
    const sent: string[] = [];
    processor.simulator!.on('reply', (reply: { to: string }) => sent.push(reply.to));
    await processor.start();
    cleanups.push(() => processor.stop({ flushMs: 0 }));
    // Through a directory search to its results, then a crisis answer (its lines read from the directory).
    const conversation = ['bonjour', 'oui', '1', '15 mars', 'H4C 1A1', '1', 'menu', 'mon conjoint me frappe'];
    for (const body of conversation) {
      const stored = await recordInbounds(
        db.sql,
        ['+15145550311', '+15145550312'].map((from) => ({ messageSid: messageSid(), accountSid: TEST_ACCOUNT_SID, from, to: BOT_NUMBER, body, channel: 'sms' as const, optOutType: null, messageType: null, location: null, buttonPayload: null, media: [] })),
      );
      for (const contactId of new Set(stored.map((row) => row.contactId))) processor.schedule(contactId);
      await processor.runner.idle();
    }
    // Every reply sent and marked so.
    await expect.poll(() => processor.dispatcher.readyCount(), { timeout: 10_000 }).toBe(0);
    const [counted] = await db.sql.$queryRaw<{ n: number }[]>(Prisma.sql`SELECT count(*)::int AS n FROM outbox WHERE status = 'sent'`);
    expect(sent).toHaveLength(counted!.n);
    expect(new Set(sent)).toEqual(new Set(['+15145550311', '+15145550312']));
    // The conversation reached the directory's results, a program's details and the crisis lines.
    const bodies: { body: string }[] = await db.sql.$queryRaw<{ body: string }[]>(Prisma.sql`SELECT body FROM messages WHERE direction = 'outbound'`);
    expect(bodies.some(({ body }) => /^1\) .*Saint-Henri/.test(body))).toBe(true);
    expect(bodies.some(({ body }) => /\nInscription: /.test(body))).toBe(true);
    expect(bodies.some(({ body }) => /911.*\nSOS violence conjugale: 1-800-363-9010/s.test(body))).toBe(true);
    // Periodic work too: the sweeper and the look for dead instances.
    await processor.runner.recover();
    await processor.liveness!.reap();

    expect(used).toEqual([]);
  });
});

/** Records every use of `db.prisma` (a model, `$queryRaw`, `$transaction`…) from now on. */
function watchPrismaClient(db: Database): string[] {
  const used: string[] = [];
  const client = db.prisma;
  Object.defineProperty(db, 'prisma', {
    get: () => {
      used.push(new Error().stack?.split('\n')[2]?.trim() ?? 'unknown');
      return client;
    },
  });
  return used;
}
