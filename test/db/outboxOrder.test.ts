import { afterAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/Database.ts';
import { createLogger } from '../../src/log.ts';
import { OutboxDispatcher } from '../../src/outbox/OutboxDispatcher.ts';
import { SenderPacer } from '../../src/outbox/SenderPacer.ts';
import { useTestDatabase } from '../support/testDatabase.ts';
import { queueBacklog, RecordingSender } from '../support/outboxBacklog.ts';

// The documented exceptions to "no reply leaves before an earlier unsent one" (issue 12, item 2).
let db: Database;
const sender = new RecordingSender();
const dispatchers: OutboxDispatcher[] = [];

/** Starts a dispatcher once the test's rows are in place (no claim may see them half set up). */
function startDispatcher(): void {
  const dispatcher = new OutboxDispatcher({ db, sender, pacer: new SenderPacer(() => Infinity), log: createLogger('silent'), pollMs: 50 });
  dispatchers.push(dispatcher);
  dispatcher.start();
}

useTestDatabase((opened) => {
  db = opened;
});

afterAll(async () => {
  for (const dispatcher of dispatchers) await dispatcher.stop();
});

/** One family with three replies queued: the first stuck ("sending", reserved for a long time), the last `transactional`. */
async function familyWithStuckReply(prefix: string): Promise<{ phone: string; ids: number[] }> {
  await queueBacklog(db, 1, 3, prefix);
  const phone = `${prefix}0001`;
  const rows = await db.prisma.outbox.findMany({ where: { to: phone }, orderBy: { id: 'asc' } });
  await db.prisma.outbox.update({ where: { id: rows[0]!.id }, data: { status: 'sending', leaseUntil: new Date(Date.now() + 3600_000) } });
  await db.prisma.outbox.update({ where: { id: rows[2]!.id }, data: { transactional: true, body: 'transactional' } });
  return { phone, ids: rows.map((row) => row.id) };
}

describe('per-family order, and its exceptions', () => {
  it('holds a reply behind an earlier one still unsent, but never the crisis answer', async () => {
    const { phone, ids } = await familyWithStuckReply('+1438720');
    startDispatcher();
    await expect.poll(() => sender.sent.filter((message) => message.to === phone).map((message) => message.body), { timeout: 5000 }).toEqual(['transactional']);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(sender.sent.filter((message) => message.to === phone)).toHaveLength(1);
    expect((await db.prisma.outbox.findUniqueOrThrow({ where: { id: ids[1]! } })).status).toBe('pending');
  });

  it('sends the opt-out confirmation at once and drops what was pending', async () => {
    await Promise.all(dispatchers.map((dispatcher) => dispatcher.stop()));
    const { phone, ids } = await familyWithStuckReply('+1438721');
    await db.prisma.contact.updateMany({ where: { phone }, data: { optedOut: true, optedOutAt: new Date() } });
    startDispatcher();
    await expect.poll(() => db.prisma.outbox.findUniqueOrThrow({ where: { id: ids[1]! } }).then((row) => row.status), { timeout: 5000 }).toBe('failed');
    await expect.poll(() => sender.sent.filter((message) => message.to === phone).map((message) => message.body), { timeout: 5000 }).toEqual(['transactional']);
  });
});
