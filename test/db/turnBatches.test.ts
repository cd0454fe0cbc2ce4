import type { TurnContext } from 'botbuilder';
import { afterAll, describe, expect, it } from 'vitest';
import { TurnRunner } from '../../src/bot/TurnRunner.ts';
import { TwilioAdapter } from '../../src/channels/twilio/TwilioAdapter.ts';
import { turnOf } from '../../src/turn/TurnUnit.ts';
import { recordInbounds } from '../../src/channels/twilio/InboundRecorder.ts';
import { TURNS_PER_COMMIT } from '../../src/bot/loadTurn.ts';
import { loadConfig } from '../../src/config.ts';
import { loadFlows } from '../../src/conversation/loadFlows.ts';
import type { Database } from '../../src/db/Database.ts';
import { Prisma } from '../../src/generated/prisma/client.ts';
import { seedDirectoryIfEmpty } from '../../src/directory/seedDirectory.ts';
import { createLogger } from '../../src/log.ts';
import { Processor } from '../../src/processing/Processor.ts';
import { BOT_NUMBER, messageSid, TEST_ACCOUNT_SID } from '../support/signedWebhook.ts';
import { createTestDatabase } from '../support/testDatabase.ts';

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
});

// Conversations through consent, a search and its results, a program, the menu, thanks, help, a
// change of language, a person asked for (which ends a batch), an opt-out and an opt-in, in four
// languages: each family's messages all wait before any is handled.
const CONVERSATIONS: Record<string, string[]> = {
  fr: ['bonjour', 'oui', '1', '15 mars', 'H4C 1A1', '1', 'oui', 'menu', '2', 'merci', 'aide', '3', 'je veux parler a quelqu un', 'allo?'],
  en: ['hi', 'yes', '3', '4 years old', 'Saint-Michel', '2', 'no', 'MORE', 'menu', 'STOP', 'START', 'thanks', '5'],
  es: ['hola', 'sí', 'necesito ayuda con la vivienda', 'vivo en Villeray', '1', 'gracias', 'IDIOMA', 'menu', '7', 'PARA', 'hola otra vez'],
  ht: ['bonjou', 'wi', 'mwen ansent', 'an mas', 'mwen rete Sen Michel', '1', 'mèsi', 'MENI', '8', 'ÈD', 'mwen vle pale ak yon moun'],
};

/** A new, migrated database for one test, closed and dropped after the file. */
async function freshDatabase(): Promise<{ database: Awaited<ReturnType<typeof createTestDatabase>>; db: Database }> {
  const database = await createTestDatabase();
  cleanups.push(database.drop);
  const db = await database.open();
  cleanups.push(() => db.close());
  return { database, db };
}

async function startProcessor(db: Database, url: string | undefined, loopGuard: boolean) {
  const config = loadConfig({ ...(url ? { DATABASE_URL: url } : {}), PUBLIC_BASE_URL: 'http://127.0.0.1:1', LOG_LEVEL: 'silent', LOOP_GUARD: String(loopGuard) });
  const processor = new Processor(config, db, createLogger('silent'), loadFlows());
  await processor.start();
  cleanups.push(() => processor.stop({ flushMs: 0 }));
  return processor;
}

function inbound(from: string, body: string) {
  return { messageSid: messageSid(), accountSid: TEST_ACCOUNT_SID, from, to: BOT_NUMBER, body, channel: 'sms' as const, optOutType: null, messageType: null, location: null, buttonPayload: null, media: [] };
}

/** Every family's replies in order (by phone), and the turns' commit statements run. */
async function converse(db: Database, processor: Awaited<ReturnType<typeof startProcessor>>, phones: Record<string, string>, allAtOnce: boolean) {
  const commits = countCommits(db);
  if (allAtOnce) {
    const stored = await recordInbounds(db.sql, Object.entries(phones).flatMap(([language, phone]) => CONVERSATIONS[language]!.map((body) => inbound(phone, body))));
    for (const contactId of new Set(stored.map((row) => row.contactId))) processor.schedule(contactId);
    await processor.runner.idle();
  } else {
    const longest = Math.max(...Object.values(CONVERSATIONS).map((lines) => lines.length));
    for (let i = 0; i < longest; i++) {
      const batch = Object.entries(phones).flatMap(([language, phone]) => (CONVERSATIONS[language]![i] === undefined ? [] : [inbound(phone, CONVERSATIONS[language]![i]!)]));
      const stored = await recordInbounds(db.sql, batch);
      for (const contactId of new Set(stored.map((row) => row.contactId))) processor.schedule(contactId);
      await processor.runner.idle();
    }
  }
  const rows = await db.sql.$queryRaw<{ phone: string; body: string; handled: number }[]>(Prisma.sql`
    SELECT c.phone, m.body, (SELECT count(*)::int FROM messages i WHERE i.contact_id = c.id AND i.direction = 'inbound' AND i.processed_at IS NOT NULL) AS handled
    FROM messages m JOIN contacts c ON c.id = m.contact_id
    WHERE m.direction = 'outbound' AND c.phone = ANY(${Object.values(phones)}::text[]) ORDER BY m.id`);
  const replies: Record<string, string[]> = {};
  for (const [language, phone] of Object.entries(phones)) replies[language] = rows.filter((row) => row.phone === phone).map((row) => row.body);
  return { replies, commits: commits.count() };
}

/** Counts the turn commits (`claimed` statements) run through `db.sql` from now on. */
function countCommits(db: Database): { count: () => number } {
  let count = 0;
  const sql = db.sql;
  const original = sql.$queryRaw.bind(sql);
  sql.$queryRaw = (async (query: Prisma.Sql) => {
    if (/\bclaimed AS \(/.test(query.sql)) count++;
    return original(query);
  }) as typeof sql.$queryRaw;
  return {
    count: () => {
      sql.$queryRaw = original;
      return count;
    },
  };
}

describe('a family whose messages wait', () => {
  it.each([false, true])('gets from turns committed together exactly the replies of turns committed one by one, in four languages (loop guard on: %s)', async (loopGuard) => {
    const { database, db } = await freshDatabase();
    await seedDirectoryIfEmpty(db);
    // With the loop guard, these conversations go over ten replies a minute: the same ones are silenced either way.
    const processor = await startProcessor(db, database.url, loopGuard);

    const calm = await converse(db, processor, { fr: '+15145550401', en: '+15145550402', es: '+15145550403', ht: '+15145550404' }, false);
    const waiting = await converse(db, processor, { fr: '+15145550411', en: '+15145550412', es: '+15145550413', ht: '+15145550414' }, true);

    for (const language of Object.keys(CONVERSATIONS)) {
      expect(waiting.replies[language], language).toEqual(calm.replies[language]);
      expect(calm.replies[language]!.length, language).toBeGreaterThan(CONVERSATIONS[language]!.length / 2);
    }
    if (loopGuard) return;
    const messages = Object.values(CONVERSATIONS).flat().length;
    // One commit per message when each arrives alone; far fewer when they wait.
    expect(calm.commits).toBe(messages);
    expect(waiting.commits).toBeLessThan(messages / 2);
    expect(waiting.commits).toBeGreaterThanOrEqual(Math.ceil(messages / TURNS_PER_COMMIT));
  }, 120_000);

  it('gets one reminder, not one per message, when several messages wait while the team has not answered', async () => {
    const { database, db } = await freshDatabase();
    const processor = await startProcessor(db, database.url, false);
    const families = { fr: ['+15145550421', 'bonjour', 'oui'], en: ['+15145550422', 'hello', 'yes'], es: ['+15145550423', 'hola', 'sí'], ht: ['+15145550424', 'bonjou', 'wi'] } as const;
    const handle = async (bodies: (phone: string, hello: string, yes: string) => string[]) => {
      const stored = await recordInbounds(db.sql, Object.values(families).flatMap(([phone, hello, yes]) => bodies(phone, hello, yes).map((body) => inbound(phone, body))));
      for (const contactId of new Set(stored.map((row) => row.contactId))) processor.schedule(contactId);
      await processor.runner.idle();
    };
    for (const step of [(_: string, hello: string) => [hello], (_: string, __: string, yes: string) => [yes], () => ['0']]) await handle(step);
    // The request (and its confirmation) eleven minutes ago; then three messages at once.
    await db.sql.$executeRaw(Prisma.sql`UPDATE handoffs SET requested_at = requested_at - interval '11 minutes'`);
    const before = await outboundCount(db);
    await handle(() => ['allo?', 'vous etes la', '??? svp']);
    expect(await outboundCount(db)).toBe(before + 4);
    const [reminders] = await db.sql.$queryRaw<{ n: number }[]>(Prisma.sql`SELECT count(*)::int AS n FROM contact_events WHERE type = 'handoff_reminder'`);
    expect(reminders!.n).toBe(4);
  }, 60_000);
});


describe('turns committed together, where one of them', () => {
  it('is STOP then START in the same burst: the family stays opted in, and its next message is answered', async () => {
    const { database, db } = await freshDatabase();
    const processor = await startProcessor(db, database.url, false);
    const phones = ['+14386660001', '+14386660002', '+14386660003', '+14386660004', '+14386660005', '+14386660006'];
    const languages = [['hello', 'yes', 'menu', 'STOP', 'START', 'thanks'], ['bonjour', 'oui', 'menu', 'ARRET', 'START', 'merci'], ['hola', 'sí', 'menú', 'PARA', 'START', 'gracias']];
    const handle = async (bodies: (index: number) => string[]) => {
      const stored = await recordInbounds(db.sql, phones.flatMap((phone, index) => bodies(index).map((body) => inbound(phone, body))));
      for (const contactId of new Set(stored.map((row) => row.contactId))) processor.schedule(contactId);
      await processor.runner.idle();
      return stored;
    };
    await handle((index) => languages[index % 3]!.slice(0, 1));
    // Yes, the menu, STOP, START and a thank-you wait together.
    await handle((index) => languages[index % 3]!.slice(1));
    await expect.poll(() => db.sql.$queryRaw<{ n: number }[]>(Prisma.sql`SELECT count(*)::int AS n FROM outbox WHERE status IN ('pending', 'sending')`).then((rows) => rows[0]!.n), { timeout: 15_000 }).toBe(0);
    const later = await handle(() => ['menu']);
    const [unanswered] = await db.sql.$queryRaw<{ n: number }[]>(Prisma.sql`
      SELECT count(*)::int AS n FROM messages i WHERE i.id = ANY(${later.map((row) => row.messageId)}::int[])
        AND NOT EXISTS (SELECT 1 FROM messages o WHERE o.contact_id = i.contact_id AND o.direction = 'outbound' AND o.id > i.id)`);
    expect(unanswered!.n).toBe(0);
    const optedOut = await db.sql.$queryRaw<{ phone: string }[]>(Prisma.sql`SELECT phone FROM contacts WHERE opted_out AND phone = ANY(${phones}::text[])`);
    expect(optedOut).toEqual([]);
    // The answers to "yes" and the menu, written before STOP, were not dropped for it.
    const [dropped] = await db.sql.$queryRaw<{ n: number }[]>(Prisma.sql`SELECT count(*)::int AS n FROM outbox WHERE status = 'failed'`);
    expect(dropped!.n).toBe(0);
  }, 60_000);

  it('cannot be committed: only its own message gets the apology, not those before it', async () => {
    const { db } = await freshDatabase();
    const runner = new TurnRunner({
      db,
      adapter: new TwilioAdapter(),
      log: createLogger('silent'),
      handleTurn: async (context: TurnContext) => {
        const text = context.activity.text ?? '';
        // A value its column refuses: this turn's writes fail the commit, every time.
        if (text === 'poison') turnOf(context).updateContact({ childrenAgesMonths: [1.5] });
        await context.sendActivity(`r:${text}`);
      },
    });
    const stored = await recordInbounds(db.sql, ['hello', 'a', 'b', 'poison', 'c'].map((body) => inbound('+14387770001', body)));
    runner.schedule(stored[0]!.contactId);
    await runner.idle();
    const rows = await db.prisma.message.findMany({ where: { contactId: stored[0]!.contactId }, orderBy: { id: 'asc' } });
    expect(rows.filter((m) => m.direction === 'inbound').map((m) => [m.body, m.status])).toEqual([['hello', 'processed'], ['a', 'processed'], ['b', 'processed'], ['poison', 'error'], ['c', 'processed']]);
    expect(rows.filter((m) => m.direction === 'outbound').map((m) => m.body.slice(0, 2))).toEqual(['r:', 'r:', 'r:', expect.not.stringMatching(/^r:/), 'r:']);
  }, 60_000);
});

async function outboundCount(db: Database): Promise<number> {
  const [row] = await db.sql.$queryRaw<{ n: number }[]>(Prisma.sql`SELECT count(*)::int AS n FROM messages WHERE direction = 'outbound'`);
  return row!.n;
}
