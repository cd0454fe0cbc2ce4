import { afterAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/Database.ts';
import { createLogger } from '../../src/log.ts';
import { OutboxDispatcher } from '../../src/outbox/OutboxDispatcher.ts';
import { SenderPacer } from '../../src/outbox/SenderPacer.ts';
import { InstanceLiveness } from '../../src/processing/InstanceLiveness.ts';
import { createTestDatabase, onPostgres } from '../support/testDatabase.ts';
import { queueBacklog, RecordingSender } from '../support/outboxBacklog.ts';

const log = createLogger('silent');
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
});

// Item 3 of issue 12: a live instance must know another is gone and resume its reserved replies
// within 5 s, not after the 30 s lease.
describe.skipIf(!onPostgres)('an instance that dies with replies reserved', () => {
  it('has them sent by a live instance within 5 s, each family in order', async () => {
    const database = await createTestDatabase();
    cleanups.push(database.drop);
    const open = async () => {
      const db = await database.open();
      cleanups.push(() => db.close());
      return db;
    };
    const [a, b] = [await open(), await open()];
    const liveA = new InstanceLiveness(a, log);
    const liveB = new InstanceLiveness(b, log);
    const keyA = await liveA.join();
    await liveB.join();
    cleanups.push(() => liveB.stop());
    await queueBacklog(a, 5, 3, '+1438710');

    // A reserves each family's first reply and hangs in the send: then its process is killed.
    const hung = { send: () => new Promise<never>(() => undefined) };
    const dispatcherA = new OutboxDispatcher({ db: a, sender: hung, pacer: new SenderPacer(() => Infinity), log, owner: () => liveA.key, pollMs: 60_000 });
    dispatcherA.start();
    await expect.poll(() => reservedBy(a, keyA), { timeout: 5000 }).toBe(5);
    // What a SIGKILL does to PostgreSQL's side: A's connections end, its lock with them.
    const diedAt = Date.now();
    await b.prisma.$executeRaw`
      SELECT pg_terminate_backend(l.pid) FROM pg_locks l
      WHERE l.locktype = 'advisory' AND l.objid = ${keyA}::int::oid AND l.objsubid = 2`;

    const sender = new RecordingSender();
    const dispatcherB = new OutboxDispatcher({ db: b, sender, pacer: new SenderPacer(() => Infinity), log, owner: () => liveB.key });
    dispatcherB.start();
    cleanups.push(() => dispatcherB.stop());
    await liveB.start({ onDeath: () => dispatcherB.wake() });
    // B polls the outbox once a minute here: only the takeover can wake it in time.
    await expect.poll(() => sender.sent.length, { timeout: 10_000 }).toBe(15);
    const firstSends = [...new Set(sender.sent.map((message) => message.to))].map((to) => sender.sent.find((message) => message.to === to)!.at);
    expect(Math.max(...firstSends) - diedAt).toBeLessThan(5000);
    for (const to of new Set(sender.sent.map((message) => message.to))) {
      expect(sender.sent.filter((message) => message.to === to).map((message) => message.body)).toEqual(['reply 1', 'reply 2', 'reply 3']);
    }
  });
});

async function reservedBy(db: Database, key: number): Promise<number> {
  return db.prisma.outbox.count({ where: { status: 'sending', owner: key } });
}
