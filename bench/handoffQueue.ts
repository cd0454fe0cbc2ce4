import type { Database } from '../src/db/Database.ts';
import { createWorker } from '../src/auth/workers.ts';
import { ConsoleClient } from '../test/support/ConsoleClient.ts';
import { startTestService } from '../test/support/startTestService.ts';
import { createTestDatabase } from '../test/support/testDatabase.ts';

const CONVERSATIONS = Number(process.env.BENCH_QUEUE_CONVERSATIONS ?? 10_000);
const WAITING = Number(process.env.BENCH_QUEUE_WAITING ?? 1_000);
const REQUESTS = Number(process.env.BENCH_QUEUE_REQUESTS ?? 500);

export interface QueueBench {
  /** GET /api/handoffs (the queue: waiting and active), milliseconds. */
  list: { p50: number; p95: number; p99: number; samples: number; rows: number };
  /** GET /api/handoffs/:id (one conversation with its transcript), milliseconds. */
  detail: { p50: number; p95: number; p99: number; samples: number };
}

/**
 * The console's queue API over real HTTP against the app, with 10,000 families who each had a
 * handoff: 1,000 waiting, 200 held by a worker, the rest resolved, and a short transcript each.
 * On the embedded database, and on a scratch PostgreSQL database when DATABASE_URL is set.
 * Target: the queue's p99 < 50 ms.
 */
export async function benchHandoffQueue(): Promise<QueueBench & { postgres?: QueueBench }> {
  const embedded = await timeQueue(undefined);
  if (!process.env.DATABASE_URL) return embedded;
  const scratch = await createTestDatabase();
  try {
    return { ...embedded, postgres: await timeQueue(scratch.url) };
  } finally {
    await scratch.drop();
  }
}

async function timeQueue(databaseUrl: string | undefined): Promise<QueueBench> {
  // The app as the tests start it: this database, an in-process turn runner, a fake Twilio API.
  // The scratch database is dropped with FORCE at the end: its last words are not news.
  const app = await startTestService({ databaseUrl, env: { LOG_LEVEL: process.env.BENCH_APP_LOG ?? 'error' } });
  const { service, baseUrl } = app;
  try {
    await seedHandoffs(service, CONVERSATIONS, WAITING);
    const credentials = { email: 'bench@bienvenue.test', password: 'a long benchmark passphrase' };
    await createWorker(service.db, { ...credentials, name: 'Bench', languages: ['fr', 'es'] }, { via: 'bench' });
    const worker = await ConsoleClient.login(baseUrl, credentials);

    const listTimings: number[] = [];
    let rows = 0;
    for (let i = 0; i < REQUESTS + 50; i++) {
      const start = performance.now();
      const queue = await worker.queue();
      if (i >= 50) listTimings.push(performance.now() - start);
      rows = queue.length;
    }
    const ids = (await worker.queue('waiting')).map((item) => item.id);
    const detailTimings: number[] = [];
    for (let i = 0; i < REQUESTS + 50; i++) {
      const start = performance.now();
      await worker.detail(ids[i % ids.length]!);
      if (i >= 50) detailTimings.push(performance.now() - start);
    }
    return { list: { ...percentiles(listTimings), rows }, detail: percentiles(detailTimings) };
  } finally {
    await app.stop();
  }
}

/** Families, conversations, handoffs in every state, and six messages each, in a few statements. */
export async function seedHandoffs(service: { db: Database }, conversations: number, waiting: number): Promise<void> {
  const db = service.db.prisma;
  const active = Math.min(200, conversations - waiting);
  await db.$executeRaw`
    INSERT INTO contacts (id, address, phone, channel, language, language_confirmed, consent_given, neighbourhood, children_ages_months, last_inbound_at, updated_at)
    SELECT gen_random_uuid(), CASE WHEN n % 3 = 0 THEN 'whatsapp:' ELSE '' END || '+1514' || lpad(n::text, 7, '0'), '+1514' || lpad(n::text, 7, '0'),
      CASE WHEN n % 3 = 0 THEN 'whatsapp' ELSE 'sms' END::channel, (ARRAY['fr','en','es','ht'])[1 + n % 4], true, true,
      (ARRAY['Saint-Michel','La Petite-Patrie','Saint-Henri'])[1 + n % 3], ARRAY[12 + n % 60], now() - make_interval(mins => n % 600), now()
    FROM generate_series(1, ${conversations}) AS n`;
  await db.$executeRaw`
    INSERT INTO conversations (id, contact_id, updated_at)
    SELECT gen_random_uuid(), id, now() FROM contacts`;
  await db.$executeRaw`
    WITH numbered AS (
      SELECT c.id AS contact_id, v.id AS conversation_id, row_number() OVER (ORDER BY c.id) AS n
      FROM contacts c JOIN conversations v ON v.contact_id = c.id)
    INSERT INTO handoffs (id, contact_id, conversation_id, status, reason, priority, requested_at, claimed_at, resolved_at, updated_at)
    SELECT gen_random_uuid(), contact_id, conversation_id,
      CASE WHEN n <= ${waiting} THEN 'waiting' WHEN n <= ${waiting + active} THEN 'active' ELSE 'resolved' END::handoff_status,
      (ARRAY['asked','not_understood','no_match','housing_emergency','crisis'])[1 + n % 5],
      CASE WHEN n % 50 = 0 THEN 2 WHEN n % 7 = 0 THEN 1 ELSE 0 END,
      now() - make_interval(mins => (n % 5000)::int),
      CASE WHEN n > ${waiting} THEN now() - make_interval(mins => (n % 4000)::int) END,
      CASE WHEN n > ${waiting + active} THEN now() - make_interval(mins => (n % 3000)::int) END,
      now()
    FROM numbered`;
  await db.$executeRaw`
    INSERT INTO messages (contact_id, conversation_id, direction, author, body, status, created_at, processed_at)
    SELECT v.contact_id, v.id, CASE WHEN k % 2 = 1 THEN 'inbound' ELSE 'outbound' END::direction,
      CASE WHEN k % 2 = 1 THEN 'parent' ELSE 'bot' END::message_author,
      'message ' || k || ' of a family asking about camps, food and housing near them', 'processed', now() - make_interval(mins => 60 - k), now()
    FROM conversations v, generate_series(1, 6) AS k`;
  await db.$executeRawUnsafe('ANALYZE');
}

function percentiles(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99), samples: sorted.length };
}

// `tsx bench/handoffQueue.ts`: this measure alone.
if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await benchHandoffQueue(), null, 2));
}
