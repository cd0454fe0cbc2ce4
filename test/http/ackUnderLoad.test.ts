import { describe, expect, it } from 'vitest';
import { recordInbound } from '../../src/channels/twilio/recordInbound.ts';
import { inboundMessageFormSchema } from '../../src/channels/twilio/webhookSchemas.ts';
import { useTestService } from '../support/startTestService.ts';
import { inboundForm, postSigned } from '../support/signedWebhook.ts';

// Issue 15: on the embedded database, turns and webhooks share one thread and one connection, and
// a burst once left webhooks unread (so unacknowledged, then retried by Twilio after 15 s) until
// every turn queued before them had run. A webhook is acknowledged once its row is committed,
// while the turns queued before it still wait; they are all answered afterwards, once each.

const t = useTestService();

/** Families whose messages wait for their turn when the webhook arrives: seconds of turns. */
const QUEUED = 120;

describe('a webhook during a backlog of turns', () => {
  it('is stored and acknowledged before the turns queued ahead of it have run, and every family is answered once', async () => {
    const { db } = t.service;
    const processor = t.service.processor!;
    const phones = Array.from({ length: QUEUED }, (_, i) => `+1514666${String(i).padStart(4, '0')}`);
    const stored = [];
    for (const phone of phones) stored.push(await recordInbound(db, inboundMessageFormSchema.parse(inboundForm({ from: phone, body: 'Bonjour' }))));
    for (const each of stored) processor.schedule(each.contactId);

    const late = '+15146669999';
    const form = inboundForm({ from: late, body: 'Bonjour' });
    const response = await postSigned(t.baseUrl, '/webhooks/twilio/messages', form);
    expect(response.status).toBe(200);
    // At the acknowledgement its row is committed, and most of the turns queued before it still wait.
    const ackedRow = await db.prisma.message.findUnique({ where: { twilioSid: form.MessageSid! } });
    expect(ackedRow).toMatchObject({ direction: 'inbound', processedAt: null });
    const handledAtAck = await db.prisma.message.count({ where: { direction: 'inbound', processedAt: { not: null }, contact: { phone: { in: phones } } } });
    expect(handledAtAck).toBeLessThan(QUEUED / 2);

    await processor.runner.idle();
    const inbound = await db.prisma.message.findMany({ where: { direction: 'inbound', contact: { phone: { in: [...phones, late] } } }, select: { processedAt: true } });
    expect(inbound).toHaveLength(QUEUED + 1);
    expect(inbound.every((row) => row.processedAt !== null)).toBe(true);
    // Each family's first message is answered with its own replies, once: no turn ran twice.
    const replies = await db.prisma.outbox.groupBy({ by: ['contactId'], where: { contact: { phone: { in: [...phones, late] } } }, _count: true });
    expect(replies).toHaveLength(QUEUED + 1);
    expect(new Set(replies.map((row) => row._count)).size).toBe(1);
  });
});
