import { createWorker } from '../src/auth/workers.ts';
import { ConsoleClient } from '../test/support/ConsoleClient.ts';
import { startTestService } from '../test/support/startTestService.ts';
import { createTestDatabase } from '../test/support/testDatabase.ts';
import { seedHandoffs } from '../test/support/seedHandoffs.ts';

const CONVERSATIONS = Number(process.env.BENCH_QUEUE_CONVERSATIONS ?? 10_000);
const WAITING = Number(process.env.BENCH_QUEUE_WAITING ?? 1_000);
const REQUESTS = Number(process.env.BENCH_QUEUE_REQUESTS ?? 500);

export interface QueueBench {
  /** GET /api/handoffs (the queue: waiting and active), milliseconds; `rows` listed of `open`. */
  list: { p50: number; p95: number; p99: number; samples: number; rows: number; open: number };
  /** GET /api/handoffs/:id (one conversation with its transcript), milliseconds. */
  detail: { p50: number; p95: number; p99: number; samples: number };
}

/**
 * The console's queue API over real HTTP against the app, with 10,000 families who each had a
 * handoff: 1,000 waiting, 200 held by a worker, the rest resolved, and a short transcript each.
 * On the embedded database, and on a scratch PostgreSQL database when DATABASE_URL is set.
 * Target: the queue's p99 < 50 ms.
 */
export async function benchHandoffQueue(): Promise<Partial<QueueBench> & { postgres?: QueueBench }> {
  // BENCH_QUEUE_EMBEDDED=false: PostgreSQL only, to try a change to the query quickly.
  const embedded = process.env.BENCH_QUEUE_EMBEDDED === 'false' && process.env.DATABASE_URL ? {} : await timeQueue(undefined);
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
    await createWorker(service.db, { input: { ...credentials, name: 'Bench', languages: ['fr', 'es'] }, actor: { via: 'bench' }, passwordCost: service.config.passwordCost });
    const worker = await ConsoleClient.login(baseUrl, credentials);

    const listTimings: number[] = [];
    let rows = 0;
    let open = 0;
    for (let i = 0; i < REQUESTS + 50; i++) {
      const start = performance.now();
      // As the page asks it every 30 s and at every change: no filter, the server's default limit.
      const { status, body } = await worker.get<{ handoffs: unknown[]; counts: { matching: number } }>('/api/handoffs');
      if (i >= 50) listTimings.push(performance.now() - start);
      if (status !== 200) throw new Error(`queue: ${status}`);
      rows = body.handoffs.length;
      open = body.counts.matching;
    }
    const ids = (await worker.queue('waiting')).map((item) => item.id);
    const detailTimings: number[] = [];
    for (let i = 0; i < REQUESTS + 50; i++) {
      const start = performance.now();
      await worker.detail(ids[i % ids.length]!);
      if (i >= 50) detailTimings.push(performance.now() - start);
    }
    return { list: { ...percentiles(listTimings), rows, open }, detail: percentiles(detailTimings) };
  } finally {
    await app.stop();
  }
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
