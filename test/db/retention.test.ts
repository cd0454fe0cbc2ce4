import { describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/Database.ts';
import { purgeExpiredData } from '../../src/privacy/purgeExpiredData.ts';
import { useTestDatabase } from '../support/testDatabase.ts';

let db: Database;

useTestDatabase((opened) => {
  db = opened;
});

describe('retention', () => {
  it('deletes messages, events and profiles older than 12 months, keeps the rest and the opt-out', async () => {
    const now = new Date('2027-06-01T12:00:00Z');
    const old = new Date('2026-05-01T12:00:00Z');
    const recent = new Date('2027-05-01T12:00:00Z');
    const silent = await db.prisma.contact.create({
      data: { address: '+15145550901', phone: '+15145550901', channel: 'sms', optedOut: true, optedOutAt: old, consentGiven: true, consentAt: old, neighbourhood: 'Saint-Michel', childrenAgesMonths: [30], lastInboundAt: old, createdAt: old },
    });
    const active = await db.prisma.contact.create({
      data: { address: '+15145550902', phone: '+15145550902', channel: 'sms', consentGiven: true, consentAt: old, neighbourhood: 'Saint-Henri', lastInboundAt: recent, createdAt: old },
    });
    for (const contact of [silent, active]) {
      await db.prisma.message.create({ data: { contactId: contact.id, direction: 'inbound', body: 'vieux message', status: 'processed', createdAt: old, processedAt: old } });
      await db.prisma.message.create({ data: { contactId: contact.id, direction: 'inbound', body: 'récent', status: 'processed', createdAt: recent, processedAt: recent } });
      await db.prisma.contactEvent.create({ data: { contactId: contact.id, type: 'referral', data: {}, createdAt: old } });
      await db.prisma.dialogState.create({ data: { key: `sms/${contact.phone}`, contactId: contact.id, data: { step: 'menu' }, etag: '1' } });
    }
    // A handoff handed back long ago goes with its notes; a recent one and an open one stay.
    const handoff = (status: 'resolved' | 'waiting', resolvedAt: Date | null, contactId: string) =>
      db.prisma.handoff.create({ data: { contactId, status, reason: 'asked', requestedAt: old, resolvedAt, events: { create: [{ type: 'note', data: { text: 'note' } }] } } });
    await handoff('resolved', old, silent.id);
    await handoff('resolved', recent, active.id);
    await handoff('waiting', null, silent.id);
    // An old message not handled yet (a long outage) is kept for its turn.
    await db.prisma.message.create({ data: { contactId: active.id, direction: 'inbound', body: 'en attente', status: 'received', createdAt: old } });

    expect(await purgeExpiredData(db, now)).toEqual({ messages: 2, events: 2, profiles: 1, handoffs: 1 });
    expect((await db.prisma.handoff.findMany({ orderBy: { requestedAt: 'asc' } })).map((h) => [h.status, h.resolvedAt])).toEqual(
      expect.arrayContaining([['resolved', recent], ['waiting', null]]),
    );
    expect(await db.prisma.handoffEvent.count()).toBe(2);
    // Where a conversation stood goes with the profile of a family silent for 12 months.
    expect((await db.prisma.dialogState.findMany()).map((state) => state.contactId)).toEqual([active.id]);
    expect((await db.prisma.message.findMany({ orderBy: { id: 'asc' } })).map((message) => message.body)).toEqual(['récent', 'récent', 'en attente']);
    expect(await db.prisma.contact.findUniqueOrThrow({ where: { id: silent.id } })).toMatchObject({ optedOut: true, consentGiven: false, neighbourhood: null, childrenAgesMonths: [] });
    expect(await db.prisma.contact.findUniqueOrThrow({ where: { id: active.id } })).toMatchObject({ consentGiven: true, neighbourhood: 'Saint-Henri' });
    expect(await purgeExpiredData(db, now)).toEqual({ messages: 0, events: 0, profiles: 0, handoffs: 0 });
  });
});
