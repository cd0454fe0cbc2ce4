import { describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/Database.ts';
import { InboundRecorder } from '../../src/channels/twilio/InboundRecorder.ts';
import type { InboundMessage } from '../../src/channels/twilio/webhookSchemas.ts';
import { useTestDatabase } from '../support/testDatabase.ts';
import { messageSid } from '../support/signedWebhook.ts';

let db: Database;

useTestDatabase((opened) => {
  db = opened;
});

function message(from: string, body: string, extra: Partial<InboundMessage> = {}): InboundMessage {
  return { messageSid: messageSid(), accountSid: 'AC' + '0'.repeat(32), from, to: '+15145550100', body, channel: 'sms', optOutType: null, messageType: null, location: null, buttonPayload: null, media: [], ...extra };
}

describe('InboundRecorder (webhooks stored together when they arrive together)', () => {
  it('stores a burst in arrival order, one contact per family, a redelivery once', async () => {
    const recorder = new InboundRecorder(db);
    const first = message('+18195570001', 'bonjour');
    const burst = [
      first,
      message('+18195570001', 'oui'),
      message('whatsapp:+18195570002', 'hola', {
        channel: 'whatsapp',
        messageType: 'location',
        location: { latitude: 45.533, longitude: -73.616, label: 'Parc Jarry' },
        media: [{ url: 'https://example.org/a.jpg', contentType: 'image/jpeg' }],
      }),
      // Twilio redelivers a message it thinks was not acknowledged: stored once.
      { ...first },
      message('+18195570001', '1'),
    ];
    const stored = await Promise.all(burst.map((each) => recorder.record(each)));
    expect(stored.map((each) => each.isNew)).toEqual([true, true, true, false, true]);
    expect(stored[3]!.messageId).toBeNull();
    expect(stored[0]!.contactId).toBe(stored[1]!.contactId);
    expect(stored[3]!.contactId).toBe(stored[0]!.contactId);
    expect(stored[2]!.contactId).not.toBe(stored[0]!.contactId);

    const family = await db.prisma.message.findMany({ where: { contactId: stored[0]!.contactId }, orderBy: { id: 'asc' } });
    expect(family.map((row) => row.body)).toEqual(['bonjour', 'oui', '1']);
    expect(family.map((row) => row.id)).toEqual([stored[0]!.messageId, stored[1]!.messageId, stored[4]!.messageId]);
    const whatsapp = await db.prisma.message.findFirstOrThrow({ where: { contactId: stored[2]!.contactId }, include: { contact: true } });
    expect(whatsapp.contact).toMatchObject({ address: 'whatsapp:+18195570002', phone: '+18195570002', channel: 'whatsapp' });
    expect(whatsapp).toMatchObject({ latitude: 45.533, longitude: -73.616, locationLabel: 'Parc Jarry', numMedia: 1, messageType: 'location', media: [{ url: 'https://example.org/a.jpg', contentType: 'image/jpeg' }] });
    expect(await db.prisma.contact.count({ where: { address: { in: ['+18195570001', 'whatsapp:+18195570002'] } } })).toBe(2);

    // Later webhooks of a known family find it.
    const later = await recorder.record(message('+18195570001', 'merci'));
    expect(later).toMatchObject({ contactId: stored[0]!.contactId, isNew: true });
  });
});

describe('InboundRecorder on a thread shared with turns (embedded database)', () => {
  it('while turns wait, stores what arrives in one statement per interval; with none waiting, at once', async () => {
    let statements = 0;
    const counted = {
      sql: {
        $queryRaw: <T>(query: Parameters<Database['sql']['$queryRaw']>[0]) => (statements++, db.sql.$queryRaw<T>(query)),
        $executeRaw: (query: Parameters<Database['sql']['$executeRaw']>[0]) => (statements++, db.sql.$executeRaw(query)),
      },
    };
    let turnsWaiting = true;
    const intervalMs = 2000;
    const recorder = new InboundRecorder(counted, { sharedThread: { turnsWaiting: () => turnsWaiting, busyIntervalMs: intervalMs } });

    // The first batch goes at once; the webhooks after it, turns waiting, together one interval later.
    const started = performance.now();
    await recorder.record(message('+18195570101', 'bonjour'));
    expect(statements).toBe(1);
    const second = recorder.record(message('+18195570102', 'allo'));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(statements).toBe(1);
    const third = recorder.record(message('+18195570102', 'encore'));
    const [a, b] = await Promise.all([second, third]);
    expect(performance.now() - started).toBeGreaterThanOrEqual(intervalMs);
    expect(statements).toBe(2);
    expect(a.contactId).toBe(b.contactId);
    const family = await db.prisma.message.findMany({ where: { contactId: a.contactId }, orderBy: { id: 'asc' } });
    expect(family.map((row) => row.body)).toEqual(['allo', 'encore']);

    // No turn waiting: stored on the next turn of the event loop, not an interval later.
    turnsWaiting = false;
    const idleStart = performance.now();
    await recorder.record(message('+18195570103', 'salut'));
    expect(performance.now() - idleStart).toBeLessThan(intervalMs / 2);
    expect(statements).toBe(3);
  });
});

describe('InboundRecorder when the service stops, or a batch fails', () => {
  it('drain stores what waits for the busy interval at once, and resolves once it is committed', async () => {
    const intervalMs = 60_000;
    const recorder = new InboundRecorder(db, { sharedThread: { turnsWaiting: () => true, busyIntervalMs: intervalMs } });
    await recorder.record(message('+18195570201', 'bonjour'));
    // Turns wait: this one would wait a minute for its batch.
    let stored = false;
    const late = recorder.record(message('+18195570202', 'allo')).then((result) => ((stored = true), result));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(stored).toBe(false);

    const started = performance.now();
    await recorder.drain();
    expect(stored).toBe(true);
    expect(performance.now() - started).toBeLessThan(intervalMs / 10);
    const { contactId } = await late;
    expect(await db.prisma.message.count({ where: { contactId, body: 'allo' } })).toBe(1);
    // Draining, a webhook read afterwards does not wait for the interval either.
    const after = performance.now();
    await recorder.record(message('+18195570202', 'encore'));
    expect(performance.now() - after).toBeLessThan(intervalMs / 10);
    // Nothing waits: resolves at once.
    await recorder.drain();
  });

  it('a batch whose statement fails is stored again message by message: one bad message refuses only its own webhook', async () => {
    let failNext = 0;
    const flaky = {
      sql: {
        $queryRaw: <T>(query: Parameters<Database['sql']['$queryRaw']>[0]) => (failNext-- > 0 ? Promise.reject(new Error('the moment failed')) : db.sql.$queryRaw<T>(query)),
        $executeRaw: (query: Parameters<Database['sql']['$executeRaw']>[0]) => db.sql.$executeRaw(query),
      },
    };
    const recorder = new InboundRecorder(flaky, { sharedThread: { turnsWaiting: () => true, busyIntervalMs: 1 } });
    await recorder.record(message('+18195570301', 'premier'));
    // The next batch (three messages, two families) fails once, then the first message alone fails again.
    failNext = 2;
    const results = await Promise.allSettled([
      recorder.record(message('+18195570302', 'un')),
      recorder.record(message('+18195570302', 'deux')),
      recorder.record(message('+18195570303', 'trois')),
    ]);
    expect(results.map((result) => result.status)).toEqual(['rejected', 'fulfilled', 'fulfilled']);
    const bodies = await db.prisma.message.findMany({ where: { contact: { address: { in: ['+18195570302', '+18195570303'] } } }, orderBy: { id: 'asc' }, select: { body: true } });
    expect(bodies.map((row) => row.body)).toEqual(['deux', 'trois']);
  });
});
