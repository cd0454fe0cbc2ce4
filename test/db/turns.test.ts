import { describe, expect, it } from 'vitest';
import type { TurnContext } from 'botbuilder';
import type { Database } from '../../src/db/Database.ts';
import { TwilioAdapter } from '../../src/channels/twilio/TwilioAdapter.ts';
import { OutboundComposer } from '../../src/outbox/OutboundComposer.ts';
import { recordInbound } from '../../src/channels/twilio/recordInbound.ts';
import { loadTurn } from '../../src/bot/loadTurn.ts';
import { commitTurn } from '../../src/bot/commitTurn.ts';
import { TurnRunner } from '../../src/bot/TurnRunner.ts';
import { TurnStorage, StaleETagError } from '../../src/turn/TurnStorage.ts';
import { createLogger } from '../../src/log.ts';
import { useTestDatabase } from '../support/testDatabase.ts';
import { messageSid } from '../support/signedWebhook.ts';

let db: Database;
const log = createLogger('silent');

useTestDatabase((opened) => {
  db = opened;
});

let n = 0;
async function inbound(body: string, from = `+1819555${String(n++).padStart(4, '0')}`) {
  const stored = await recordInbound(db, { messageSid: messageSid(), accountSid: 'AC' + '0'.repeat(32), from, to: '+15145550100', body, channel: 'sms', optOutType: null, messageType: null, location: null, buttonPayload: null, media: [] });
  return { ...stored, from };
}

describe('a turn', () => {
  it('commits once: a second instance that raced on the same message writes nothing', async () => {
    const { contactId } = await inbound('bonjour');
    const first = (await loadTurn(db.prisma, contactId))!;
    const second = (await loadTurn(db.prisma, contactId))!;
    expect(second.message.id).toBe(first.message.id);
    for (const turn of [first, second]) {
      turn.unit.replies.push({ to: turn.unit.contact.address, from: '+15145550100', body: `reply ${turn === first ? 1 : 2}`, transactional: false, author: 'bot' });
      turn.unit.updateContact({ language: turn === first ? 'es' : 'ht' });
    }
    expect((await commitTurn(db.prisma, first.unit, first.message.createdAt)).committed).toBe(true);
    expect((await commitTurn(db.prisma, second.unit, second.message.createdAt)).committed).toBe(false);
    const replies = await db.prisma.message.findMany({ where: { contactId, direction: 'outbound' } });
    expect(replies.map((reply) => reply.body)).toEqual(['reply 1']);
    expect((await db.prisma.contact.findUniqueOrThrow({ where: { id: contactId } })).language).toBe('es');
    expect(await loadTurn(db.prisma, contactId)).toBeUndefined();
  });

  it('commits a turn without waiting for its flush, and leaves the connection waiting for the next statements', async (ctx) => {
    // PGlite's session is one transaction, so only PostgreSQL shows the connection after the turn.
    if (db.kind !== 'postgres') ctx.skip();
    const { contactId } = await inbound('bonjour');
    const turn = (await loadTurn(db.prisma, contactId))!;
    turn.unit.replies.push({ to: turn.unit.contact.address, from: '+15145550100', body: 'reply', transactional: false, author: 'bot' });
    const settings = await db.withSqlSession(async (session) => {
      const runner = {
        $queryRaw: async <T>(query: { text: string; values: unknown[] }) => (await session.query(query.text, query.values)) as T,
        $executeRaw: async (query: { text: string; values: unknown[] }) => (await session.query(query.text, query.values)).length,
      };
      expect((await commitTurn(runner, turn.unit, turn.message.createdAt)).committed).toBe(true);
      return session.query<{ synchronous_commit: string }>('SHOW synchronous_commit');
    });
    // A webhook stored next on this pooled connection is acknowledged only once on disk.
    expect(settings).toEqual([{ synchronous_commit: 'on' }]);
    expect((await db.prisma.outbox.findMany({ where: { contactId } })).map((row) => row.body)).toEqual(['reply']);
  });

  it('keeps replies in the order the bot wrote them', async () => {
    const { contactId } = await inbound('bonjour');
    const turn = (await loadTurn(db.prisma, contactId))!;
    for (const body of ['one', 'two', 'three', 'four']) turn.unit.replies.push({ to: turn.unit.contact.address, from: '+1', body, transactional: false, author: 'bot' });
    await commitTurn(db.prisma, turn.unit, turn.message.createdAt);
    const outbox = await db.prisma.outbox.findMany({ where: { contactId }, orderBy: { id: 'asc' }, include: { message: true } });
    expect(outbox.map((row) => [row.body, row.message.body])).toEqual([['one', 'one'], ['two', 'two'], ['three', 'three'], ['four', 'four']]);
    expect(outbox.map((row) => row.messageId)).toEqual([...outbox.map((row) => row.messageId)].sort((a, b) => a - b));
  });

  it('reserves the replies for this instance to send at once, only when nothing older is unsent', async () => {
    const { contactId, from } = await inbound('bonjour');
    const turn = (await loadTurn(db.prisma, contactId))!;
    for (const body of ['one', 'two']) turn.unit.replies.push({ to: turn.unit.contact.address, from: '+1', body, transactional: false, author: 'bot' });
    expect((await commitTurn(db.prisma, turn.unit, turn.message.createdAt, { startSending: { leaseSeconds: 30 } })).committed).toBe(true);
    const outbox = await db.prisma.outbox.findMany({ where: { contactId }, orderBy: { id: 'asc' } });
    expect(outbox.map((row) => [row.body, row.status, row.attempts])).toEqual([['one', 'sending', 1], ['two', 'sending', 1]]);
    expect(outbox[0]!.leaseUntil!.getTime()).toBeGreaterThan(Date.now() + 20_000);
    expect(turn.unit.startedSends).toEqual(
      outbox.map((row) => ({ id: row.id, messageId: row.messageId, contactId, to: from, from: '+1', body: row.body, createdAt: row.createdAt, optedOut: false })),
    );

    // Those are still unsent: the next turn's reply waits its turn in the outbox.
    await inbound('encore', from);
    const next = (await loadTurn(db.prisma, contactId))!;
    next.unit.replies.push({ to: from, from: '+1', body: 'three', transactional: false, author: 'bot' });
    await commitTurn(db.prisma, next.unit, next.message.createdAt, { startSending: { leaseSeconds: 30 } });
    expect(next.unit.startedSends).toEqual([]);
    expect((await db.prisma.outbox.findFirstOrThrow({ where: { contactId, body: 'three' } })).status).toBe('pending');
  });

  it('refuses dialog state changed since it was loaded, and writes nothing of that turn', async () => {
    const { contactId } = await inbound('bonjour');
    const storage = new TurnStorage();
    const key = 'sms/conversations/x';
    const first = (await loadTurn(db.prisma, contactId))!;
    await storage.holding(key, first.unit, () => storage.write({ [key]: { step: 1 } }));
    expect((await commitTurn(db.prisma, first.unit, first.message.createdAt)).committed).toBe(true);

    await inbound('encore', first.unit.contact.address);
    const loaded = (await loadTurn(db.prisma, contactId))!;
    const state = await storage.holding(key, loaded.unit, () => storage.read([key]));
    // Meanwhile something else (a worker's action) changes the state.
    const rows = await db.prisma.dialogState.findMany({ where: { contactId } });
    await db.prisma.dialogState.update({ where: { key: rows[0]!.key }, data: { etag: 'changed-elsewhere' } });
    loaded.unit.replies.push({ to: loaded.unit.contact.address, from: '+1', body: 'should not exist', transactional: false, author: 'bot' });
    await storage.holding(key, loaded.unit, () => storage.write({ [key]: { ...state[key], step: 2 } }));
    await expect(commitTurn(db.prisma, loaded.unit, loaded.message.createdAt)).rejects.toBeInstanceOf(StaleETagError);
    expect(await db.prisma.message.count({ where: { contactId, body: 'should not exist' } })).toBe(0);
    expect((await loadTurn(db.prisma, contactId))?.message.id).toBe(loaded.message.id);
  });

  it('loads the family’s next turn with its commit, as a load after the commit would see it', async () => {
    const { contactId, from } = await inbound('bonjour');
    await inbound('oui', from);
    await inbound('1', from);
    const storage = new TurnStorage();
    const key = `sms/conversations/${from}`;
    const first = (await loadTurn(db.sql, contactId))!;
    expect(first.unit.conversationIsNew).toBe(true);
    await storage.holding(key, first.unit, () => storage.write({ [key]: { step: 1 } }));
    first.unit.updateContact({ language: 'es' });
    first.unit.requestHandoff({ reason: 'asked', priority: 0 });
    const { committed, next } = await commitTurn(db.sql, first.unit, first.message.createdAt, { loadNext: true });
    expect(committed).toBe(true);
    // What this commit wrote is invisible to its own statement: the next turn carries it anyway.
    const fresh = (await loadTurn(db.sql, contactId))!;
    expect(next!.message).toEqual(fresh.message);
    expect(next!.message.body).toBe('oui');
    expect(next!.hasMore).toBe(true);
    expect(next!.unit.contact).toEqual({ ...fresh.unit.contact, updatedAt: next!.unit.contact.updatedAt });
    expect(next!.unit.contact.language).toBe('es');
    expect(next!.unit.conversationId).toBe(fresh.unit.conversationId);
    expect(next!.unit.conversationIsNew).toBe(false);
    expect(next!.unit.openHandoff).toEqual(fresh.unit.openHandoff);
    expect(next!.unit.openHandoff?.status).toBe('waiting');
    const parsed = (state: Map<string, { json: string; etag: string }>) => [...state].map(([key, { json, etag }]) => [key, JSON.parse(json) as unknown, etag]);
    expect(parsed(next!.unit.state)).toEqual(parsed(fresh.unit.state));

    // The carried eTag is the one committed: the next turn commits, and loads the last message.
    await storage.holding(key, next!.unit, () => storage.write({ [key]: { ...(JSON.parse(next!.unit.state.get(key)!.json) as object), eTag: next!.unit.state.get(key)!.etag, step: 2 } }));
    const second = await commitTurn(db.sql, next!.unit, next!.message.createdAt, { loadNext: true });
    expect(second.committed).toBe(true);
    expect(second.next?.message.body).toBe('1');
    expect(second.next?.hasMore).toBe(false);
    expect(JSON.parse(second.next!.unit.state.get(key)!.json)).toEqual({ step: 2 });
    const third = await commitTurn(db.sql, second.next!.unit, second.next!.message.createdAt, { loadNext: true });
    expect(third).toEqual({ committed: true, next: undefined });
    expect(await loadTurn(db.sql, contactId)).toBeUndefined();
  });

  it('sees the handoff as a return to the bot, then a new request, left it', async () => {
    const { contactId, from } = await inbound('au secours');
    for (const body of ['MENU', 'PERSONNE', 'allo']) await inbound(body, from);
    const first = (await loadTurn(db.sql, contactId))!;
    first.unit.requestHandoff({ reason: 'crisis', priority: 2 });
    const urgent = (await commitTurn(db.sql, first.unit, first.message.createdAt, { loadNext: true })).next!;
    expect(urgent.unit.openHandoff).toMatchObject({ status: 'waiting', priority: 2, botAnswers: false });
    // MENU, the urgent request kept: the next turn is not loaded with this commit, which cannot see the change.
    urgent.unit.backToBot = { handoffId: urgent.unit.openHandoff!.id, outcome: 'kept' };
    expect(await commitTurn(db.sql, urgent.unit, urgent.message.createdAt, { loadNext: true })).toEqual({ committed: true, next: undefined });
    const answered = (await loadTurn(db.sql, contactId))!;
    expect(answered.message.body).toBe('PERSONNE');
    expect(answered.unit.openHandoff).toMatchObject({ status: 'waiting', priority: 2, botAnswers: true });
    // A person asked for again: the next turn, loaded with this commit, is held by the team again.
    answered.unit.requestHandoff({ reason: 'asked', priority: 0 });
    const held = (await commitTurn(db.sql, answered.unit, answered.message.createdAt, { loadNext: true })).next!;
    expect(held.message.body).toBe('allo');
    expect(held.unit.openHandoff).toEqual((await loadTurn(db.sql, contactId))!.unit.openHandoff);
    expect(held.unit.openHandoff).toMatchObject({ status: 'waiting', priority: 2, botAnswers: false });
  });
});

describe('the statements every message runs, on the pool (Database.sql) as through Prisma', () => {
  it('store, load and commit a turn with the same values: dates, arrays, locations, dialog state', async () => {
    const from = `+1819555${String(n++).padStart(4, '0')}`;
    const stored = await recordInbound(db, {
      messageSid: messageSid(), accountSid: 'AC' + '0'.repeat(32), from: `whatsapp:${from}`, to: 'whatsapp:+15145550100', body: 'ici', channel: 'whatsapp',
      optOutType: null, messageType: 'location', location: { latitude: 45.533, longitude: -73.616, label: 'Parc Jarry' }, buttonPayload: null,
      media: [{ url: 'https://example.org/a.jpg', contentType: 'image/jpeg' }],
    });
    await db.prisma.contact.update({
      where: { id: stored.contactId },
      data: { dueDate: new Date('2027-03-15T00:00:00Z'), childrenAgesMonths: [4, 48], consentGiven: true, consentAt: new Date('2026-11-01T12:34:56.789Z') },
    });
    await db.prisma.dialogState.create({ data: { key: `whatsapp/${from}/state`, contactId: stored.contactId, data: { step: 2, answers: ['oui'] }, etag: 'e1' } });
    const direct = (await loadTurn(db.sql, stored.contactId))!;
    const viaPrisma = (await loadTurn(db.prisma, stored.contactId))!;
    expect(direct.message).toEqual(viaPrisma.message);
    expect(direct.unit.contact).toEqual(viaPrisma.unit.contact);
    expect(direct.unit.contact.dueDate?.toISOString()).toBe('2027-03-15T00:00:00.000Z');
    expect([...direct.unit.state]).toEqual([...viaPrisma.unit.state]);
    // Read as one JSON object, the two rows are still what Prisma's own models give: times as Dates, arrays, JSON, floats.
    const { workerId, ...message } = await db.prisma.message.findUniqueOrThrow({ where: { id: direct.message.id } });
    expect(workerId).toBeNull();
    expect(direct.message).toEqual(message);
    expect(direct.unit.contact).toEqual(await db.prisma.contact.findUniqueOrThrow({ where: { id: stored.contactId } }));

    // A date is the family's date wherever the server runs: not shifted by the process's time zone.
    const zone = process.env.TZ;
    process.env.TZ = 'America/Montreal';
    try {
      direct.unit.updateContact({ dueDate: new Date('2027-04-01T00:00:00Z'), childrenAgesMonths: [5] });
      direct.unit.replies.push({ to: from, from: '+1', body: 'merci', transactional: false, author: 'bot' });
      expect((await commitTurn(db.sql, direct.unit, direct.message.createdAt, { startSending: { leaseSeconds: 30 } })).committed).toBe(true);
    } finally {
      // Assigning undefined would set the string "undefined" for every later file of this process.
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
    const contact = await db.prisma.contact.findUniqueOrThrow({ where: { id: stored.contactId } });
    expect(contact.dueDate?.toISOString()).toBe('2027-04-01T00:00:00.000Z');
    expect(contact.childrenAgesMonths).toEqual([5]);
    expect(contact.lastInboundAt?.getTime()).toBe(direct.message.createdAt.getTime());
    const row = await db.prisma.outbox.findFirstOrThrow({ where: { contactId: stored.contactId } });
    expect(direct.unit.startedSends).toEqual([{ id: row.id, messageId: row.messageId, contactId: stored.contactId, to: from, from: '+1', body: 'merci', createdAt: row.createdAt, optedOut: false }]);
  });
});

describe('TurnRunner', () => {
  it('retries a turn that throws, then apologises in the family’s language instead of staying silent', async () => {
    const adapter = new TwilioAdapter();
    let calls = 0;
    const runner = new TurnRunner({
      db,
      adapter,
      log,
      maxAttempts: 3,
      handleTurn: async (_context: TurnContext) => {
        calls++;
        throw new Error('a bug in a handler');
      },
    });
    const { contactId } = await inbound('hola necesito ayuda');
    await db.prisma.contact.update({ where: { id: contactId }, data: { language: 'es' } });
    runner.schedule(contactId);
    await runner.idle();
    expect(calls).toBe(3);
    const message = await db.prisma.message.findFirstOrThrow({ where: { contactId, direction: 'inbound' } });
    expect(message).toMatchObject({ status: 'error', attempts: 3, processedAt: expect.any(Date) });
    const apology = await db.prisma.outbox.findFirstOrThrow({ where: { contactId } });
    // By SMS, spelled in GSM-7 like every other SMS ("ó" is not in GSM-7, "é" is).
    expect(apology.body).toMatch(/^Perdon, un problema técnico/);
  });

  it('spells the apology in GSM-7 by SMS only (SMS_GSM7), in the family’s language', async () => {
    const runner = (adapter: TwilioAdapter) =>
      new TurnRunner({ db, adapter, log, maxAttempts: 1, handleTurn: async () => Promise.reject(new Error('a bug in a handler')) });
    const sms = await inbound('bonjour');
    const bySms = runner(new TwilioAdapter());
    bySms.schedule(sms.contactId);
    await bySms.idle();
    const whatsapp = await inbound('bonjour', 'whatsapp:+18195559999');
    await db.prisma.contact.update({ where: { id: whatsapp.contactId }, data: { channel: 'whatsapp' } });
    const first = runner(new TwilioAdapter());
    first.schedule(whatsapp.contactId);
    await first.idle();
    const plain = await inbound('bonjour');
    const unchanged = runner(new TwilioAdapter(new OutboundComposer({ gsm7ForSms: false })));
    unchanged.schedule(plain.contactId);
    await unchanged.idle();
    const bodyOf = async (contactId: string) => (await db.prisma.outbox.findFirstOrThrow({ where: { contactId } })).body;
    expect(await bodyOf(sms.contactId)).toBe('Désolé, un problème technique nous empeche de répondre. Réessayez dans quelques minutes.');
    expect(await bodyOf(whatsapp.contactId)).toBe('Désolé, un problème technique nous empêche de répondre. Réessayez dans quelques minutes.');
    expect(await bodyOf(plain.contactId)).toBe('Désolé, un problème technique nous empêche de répondre. Réessayez dans quelques minutes.');
  });

  it('abandons a turn that hangs, and handles the message on a later try', async () => {
    const adapter = new TwilioAdapter();
    let calls = 0;
    const runner = new TurnRunner({
      db,
      adapter,
      log,
      turnTimeoutMs: 100,
      handleTurn: async (context: TurnContext) => {
        calls++;
        if (calls === 1) await new Promise(() => {});
        await context.sendActivity('done');
      },
    });
    const { contactId } = await inbound('bonjour');
    runner.schedule(contactId);
    await runner.idle();
    expect(calls).toBe(2);
    expect((await db.prisma.outbox.findMany({ where: { contactId } })).map((row) => row.body)).toEqual(['done']);
  });
});
