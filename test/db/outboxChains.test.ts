import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Database } from '../../src/db/Database.ts';
import { recordInbound } from '../../src/channels/twilio/recordInbound.ts';
import { loadTurn } from '../../src/bot/loadTurn.ts';
import { commitTurn } from '../../src/bot/commitTurn.ts';
import { createLogger } from '../../src/log.ts';
import { OutboxDispatcher } from '../../src/outbox/OutboxDispatcher.ts';
import { SendError, type MessageSender, type OutgoingMessage } from '../../src/outbox/MessageSender.ts';
import { SenderPacer } from '../../src/outbox/SenderPacer.ts';
import { useTestDatabase } from '../support/testDatabase.ts';
import { messageSid } from '../support/signedWebhook.ts';

// A family's later replies reserved behind its earlier ones this instance is still sending.
let db: Database;
let dispatcher: OutboxDispatcher | undefined;

useTestDatabase((opened) => {
  db = opened;
});

afterEach(async () => {
  await dispatcher?.stop();
  dispatcher = undefined;
});

/** Holds each send until the test lets it go; `failFirst` answers the first with a retryable error. */
class GatedSender implements MessageSender {
  readonly sent: string[] = [];
  private gates: (() => void)[] = [];
  private calls = 0;
  constructor(private readonly failFirst = false) {}
  async send(message: OutgoingMessage): Promise<{ sid: string; status: string }> {
    await new Promise<void>((resolve) => this.gates.push(resolve));
    if (this.failFirst && this.calls++ === 0) throw new SendError({ message: 'Twilio 503', retryable: true, httpStatus: 503 });
    this.sent.push(message.body);
    // Twilio's ids are unique across the database (messages.twilio_sid).
    return { sid: messageSid(), status: 'queued' };
  }
  get waiting(): number {
    return this.gates.length;
  }
  release(): void {
    for (const gate of this.gates.splice(0)) gate();
  }
}

let n = 0;
/** One family's message handled by a turn that writes `bodies`, committed as the TurnRunner does. */
async function turn(from: string, bodies: string[]) {
  const stored = await recordInbound(db, { messageSid: messageSid(), accountSid: 'AC' + '0'.repeat(32), from, to: '+15145550100', body: 'x', channel: 'sms', optOutType: null, messageType: null, location: null, buttonPayload: null, media: [] });
  const input = (await loadTurn(db.sql, stored.contactId))!;
  for (const body of bodies) input.unit.replies.push({ to: from, from: '+15145550100', body, transactional: false, author: 'bot' });
  await commitTurn(db.sql, input.unit, input.message.createdAt, { startSending: { leaseSeconds: 30, afterOwn: true } });
  return input.unit;
}

function start(sender: MessageSender): OutboxDispatcher {
  dispatcher = new OutboxDispatcher({ db, sender, pacer: new SenderPacer(() => Infinity), log: createLogger('silent'), pollMs: 50 });
  dispatcher.start();
  return dispatcher;
}

describe('replies reserved behind the family’s replies still being sent', () => {
  it('follow them in order, without waiting in the queue', async () => {
    const sender = new GatedSender();
    const outbox = start(sender);
    const from = `+1819558${String(n++).padStart(4, '0')}`;
    const first = await turn(from, ['one', 'two']);
    expect(first.startedBehind).toBe(false);
    outbox.sendReserved(first.startedSends, { behind: first.startedBehind });
    await expect.poll(() => sender.waiting).toBe(1);

    // "one" is still being sent: the next turn's replies are reserved too, to go after "two".
    const second = await turn(from, ['three']);
    expect(second.startedSends.map((send) => send.body)).toEqual(['three']);
    expect(second.startedBehind).toBe(true);
    outbox.sendReserved(second.startedSends, { behind: second.startedBehind });
    for (let i = 0; i < 3; i++) {
      await expect.poll(() => sender.waiting).toBe(1);
      sender.release();
    }
    await expect.poll(() => sender.sent).toEqual(['one', 'two', 'three']);
    await expect.poll(() => db.prisma.outbox.count({ where: { to: from, status: 'sent' } })).toBe(3);
  });

  it('are handed back with the earlier ones when one of those must be retried, and keep their order', async () => {
    const sender = new GatedSender(true);
    const outbox = start(sender);
    const from = `+1819558${String(n++).padStart(4, '0')}`;
    const first = await turn(from, ['one', 'two']);
    outbox.sendReserved(first.startedSends, { behind: first.startedBehind });
    await expect.poll(() => sender.waiting).toBe(1);
    const second = await turn(from, ['three']);
    expect(second.startedBehind).toBe(true);
    outbox.sendReserved(second.startedSends, { behind: second.startedBehind });
    // "one" fails (retryable): everything after it goes back to the queue, and out again in order.
    const deadline = Date.now() + 10_000;
    while (sender.sent.length < 3 && Date.now() < deadline) {
      sender.release();
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(sender.sent).toEqual(['one', 'two', 'three']);
  });

  it('end their chain when a send’s database write fails, so the family’s next replies are not left behind it', async () => {
    const sender = new GatedSender();
    const outbox = start(sender);
    const from = `+1819558${String(n++).padStart(4, '0')}`;
    // The database is lost while "one" is being sent (a restart, a dropped connection): deliver throws,
    // and "one" keeps its lease, since it may have left.
    const deliver = vi.spyOn(outbox as unknown as { deliver: () => Promise<string> }, 'deliver').mockRejectedValueOnce(new Error('Connection terminated'));
    const first = await turn(from, ['one']);
    outbox.sendReserved(first.startedSends, { behind: first.startedBehind });
    await expect.poll(() => deliver.mock.results.length).toBe(1);
    // The next turn's reply is reserved behind "one" (still this instance's): with the chain ended it is
    // handed back to the queue, where it waits behind "one", instead of joining a chain that will never send.
    const second = await turn(from, ['two']);
    expect(second.startedBehind).toBe(true);
    outbox.sendReserved(second.startedSends, { behind: second.startedBehind });
    await expect.poll(() => db.prisma.outbox.findFirstOrThrow({ where: { to: from, body: 'two' } }).then((row) => row.status)).toBe('pending');
    expect((await db.prisma.outbox.findFirstOrThrow({ where: { to: from, body: 'one' } })).status).toBe('sending');
    expect(sender.sent).toEqual([]);
  });

  it('are handed back when the chain they were to follow has ended', async () => {
    const sender = new GatedSender();
    const outbox = start(sender);
    const from = `+1819558${String(n++).padStart(4, '0')}`;
    const first = await turn(from, ['one']);
    // Not handed to the outbox: "one" stays reserved, as if its chain had just given up on it.
    const second = await turn(from, ['two']);
    expect(second.startedBehind).toBe(true);
    outbox.sendReserved(second.startedSends, { behind: second.startedBehind });
    await expect.poll(() => db.prisma.outbox.findFirstOrThrow({ where: { to: from, body: 'two' } }).then((row) => row.status)).toBe('pending');
    expect(first.startedSends).toHaveLength(1);
    expect(sender.sent).toEqual([]);
  });
});
