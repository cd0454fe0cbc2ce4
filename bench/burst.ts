import http from 'node:http';
import os from 'node:os';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import twilio from 'twilio';
import { inboundForm, TEST_AUTH_TOKEN } from '../test/support/signedWebhook.ts';
import { readdirSync, readFileSync } from 'node:fs';
import { benchProcessEnv, benchTwilioEnv, freePort, startFakeTwilio, startNpm, stopNpm, treeCpuSeconds } from './webhookLoad.ts';

/** What one burst measured. */
export interface BurstResult {
  families: number;
  messagesPerFamily: number;
  /** Seconds from the first message posted to the last reply received by the fake Twilio API. */
  seconds: number;
  replies: number;
  repliesPerSecond: number;
  /** Messages handled (turns committed) per second, from the first message to the last one handled. */
  turnsPerSecond: number;
  /** The longest any reply waited, once it was due (its family's earlier reply sent), before it was sent; ms. */
  longestDueWaitMs: number;
  /** The same, 99th percentile over every reply; ms. */
  dueWaitP99Ms: number;
  /** Replies never sent when the run gave up (a stalled outbox), and inbound messages never handled. */
  unsent: number;
  unhandled: number;
  errors: number;
  /** CPU time per message posted, in ms: the app's process (both threads), and its PostgreSQL backends. */
  appCpuMsPerMessage: number;
  dbCpuMsPerMessage: number;
  /** The same for the benchmark's own process (the client posting the webhooks and the fake Twilio API), in ms. */
  clientCpuMsPerMessage: number;
  /**
   * The app's CPU per message split by thread, in ms: its main thread (webhooks), the busiest other
   * thread (the processing thread: bot turns and the outbox; node names every thread "node", so it is
   * told apart by its CPU), and the rest (V8's GC helpers, libuv's pool).
   */
  threadCpuMsPerMessage: { web: number; processing: number; rest: number };
  /** Transactions committed in the database during the burst, per message (each statement outside a transaction is one; from pg_stat_database). */
  commitsPerMessage: number;
  /** The machine's 1-minute load average when the first message was posted, and after the drain. */
  loadBefore: number;
  loadAfter: number;
}

// Messages from 100 other families before the burst (BENCH_BURST_WARMUP; 0 for none), at 400/s.
export const WARM_UP_MESSAGES = Number(process.env.BENCH_BURST_WARMUP ?? 1600);

// What each family writes, in turn: replies to a broadcast, each read and answered by the bot.
export const SCRIPT = ['bonjour', 'oui', '1', 'menu', '2', 'merci', 'aide', '3'];

/**
 * The app's settings for the burst, whichever way it runs (its own process here, the Processor alone
 * in bench/processingCpu.ts): Twilio's test account through the fake API at `apiBaseUrl`, a messaging
 * service with enough numbers for the load, and the loop guard off (32 messages in 10 s is what it
 * exists to stop: this measures the outbox).
 */
export function burstAppEnv(apiBaseUrl: string): Record<string, string> {
  return { ...benchTwilioEnv(apiBaseUrl), LOOP_GUARD: 'false' };
}

/**
 * The burst of issue 12: `families` families each texting `messagesPerFamily` messages within
 * `spreadSeconds` (400 × 32 in 10 s is 1,280 messages/s), to the app on PostgreSQL started by
 * `npm start` (compiled, worker thread, as in production), once it has answered a warm-up of other
 * families (WARM_UP_MESSAGES, not counted). Reports replies/s from the first message to the
 * last reply and, from the outbox afterwards, how long each reply waited once it was due.
 */
export async function runBurst(args: { databaseUrl: string; families: number; messagesPerFamily: number; spreadSeconds: number; drainTimeoutMs?: number }): Promise<BurstResult> {
  const fake = await startFakeTwilio();
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  // As an organisation runs it: `npm start` (the compiled app, with the start script's flags and
  // environment). `app` is the node process npm runs.
  const { child } = await startNpm({
    env: {
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_BASE_URL: baseUrl,
      DATA_DIR: `${os.tmpdir()}/bienvenue-burst-${randomBytes(4).toString('hex')}`,
      DATABASE_URL: args.databaseUrl,
      ...burstAppEnv(fake.apiBaseUrl),
      ...benchProcessEnv(),
    },
    readyUrl: `${baseUrl}/readyz`,
  }).catch(async (error: unknown) => {
    await fake.stop();
    throw error;
  });
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const db = new pg.Client({ connectionString: args.databaseUrl });
  let sampler: NodeJS.Timeout | undefined;
  try {
    const app = appProcess(child.pid!);
    const url = `${baseUrl}/webhooks/twilio/messages`;
    let lastReplyAt = 0;
    let replies = 0;
    fake.onMessage((message) => {
      replies++;
      lastReplyAt = message.at;
    });
    let errors = 0;
    await db.connect();
    const drain = async (timeoutMs: number) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const { rows } = await db.query<{ unhandled: number; unsent: number }>(`
          SELECT (SELECT count(*)::int FROM messages WHERE direction = 'inbound' AND processed_at IS NULL) AS unhandled,
                 (SELECT count(*)::int FROM outbox WHERE status IN ('pending', 'sending')) AS unsent`);
        if ((rows[0]!.unhandled === 0 && rows[0]!.unsent === 0) || Date.now() > deadline) return rows[0]!;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    };
    // `messages` messages from `families` families (phones `+1<prefix>…`) within `spreadSeconds`, the
    // families in turn. A family's messages reach the app in order, as Twilio posts them: each waits
    // for the acknowledgement of the family's previous one (a slow acknowledgement delays it, never
    // reorders it).
    const converse = async (prefix: string, families: number, messages: number, spreadSeconds: number) => {
      const startedAt = performance.timeOrigin + performance.now();
      const lastPost = new Map<number, Promise<void>>();
      for (let i = 0; i < messages; i++) {
        const due = startedAt + (i * spreadSeconds * 1000) / messages;
        const wait = due - (performance.timeOrigin + performance.now());
        if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
        const family = i % families;
        const turn = Math.floor(i / families);
        const phone = `+1${prefix}${String(family).padStart(7, '0')}`;
        const previous = lastPost.get(family) ?? Promise.resolve();
        lastPost.set(family, previous.then(() => post(agent, url, phone, SCRIPT[turn % SCRIPT.length]!).catch(() => void errors++)));
      }
      await Promise.all(lastPost.values());
    };
    // A service that has been running, not one just started: V8 compiles the hot paths with its
    // optimising compiler during the first few thousand turns (a fifth of the app's CPU when the
    // burst started cold). Other families (+1820…), not counted; the burst starts once they are
    // answered and PostgreSQL has published their commits (a backend reports within a second).
    if (WARM_UP_MESSAGES > 0) {
      await converse('820', 100, WARM_UP_MESSAGES, WARM_UP_MESSAGES / 400);
      const warm = await drain(60_000);
      if (warm.unhandled > 0 || warm.unsent > 0 || errors > 0) {
        throw new Error(`the warm-up did not finish: ${warm.unhandled} messages unhandled, ${warm.unsent} replies unsent, ${errors} webhooks refused`);
      }
      await new Promise((resolve) => setTimeout(resolve, 1500));
      replies = 0;
      lastReplyAt = 0;
    }
    // The app's PostgreSQL backends come and go with its pool: sampled while the burst runs.
    const backends = new BackendCpu(db);
    const appCpuBefore = treeCpuSeconds(child.pid!);
    const threadsBefore = threadCpuTicks(app);
    const commitsBefore = await committedTransactions(db);
    const clientCpuBefore = process.cpuUsage();
    const loadBefore = os.loadavg()[0]!;
    await backends.sample();
    sampler = setInterval(() => void backends.sample(), 250);
    const total = args.families * args.messagesPerFamily;
    const startedAt = performance.timeOrigin + performance.now();
    await converse('819', args.families, total, args.spreadSeconds);
    // Done when every message is handled and nothing is left to send, or when it stops moving.
    const left = await drain(args.drainTimeoutMs ?? 120_000);
    // How long each of the burst's replies waited once it was due: from its creation or its
    // family's previous reply's send, whichever is later, to its own send (or to now, if it never went).
    const { rows } = await db.query<{ waited_ms: number }>(`
      SELECT extract(epoch FROM coalesce(sent_at, now()) - greatest(created_at, next_attempt_at, previous_sent)) * 1000 AS waited_ms
      FROM (SELECT sent_at, created_at, next_attempt_at,
              lag(sent_at) OVER (PARTITION BY contact_id ORDER BY id) AS previous_sent
            FROM outbox WHERE status <> 'failed' AND "to" LIKE '+1819%') o`);
    const { rows: turns } = await db.query<{ handled: number; seconds: number }>(`
      SELECT count(*)::int AS handled, extract(epoch FROM max(processed_at) - min(created_at))::float AS seconds
      FROM messages WHERE direction = 'inbound' AND processed_at IS NOT NULL
        AND contact_id IN (SELECT id FROM contacts WHERE phone LIKE '+1819%')`);
    clearInterval(sampler);
    await backends.sample();
    const appCpuSeconds = treeCpuSeconds(child.pid!) - appCpuBefore;
    const threads = threadCpuMs(app, threadsBefore, total);
    // An idle backend reports its statistics within a second of its last transaction.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const commits = (await committedTransactions(db)) - commitsBefore;
    const clientCpu = process.cpuUsage(clientCpuBefore);
    const waits = rows.map((row) => Number(row.waited_ms)).sort((a, b) => a - b);
    const seconds = (lastReplyAt - startedAt) / 1000;
    return {
      families: args.families,
      messagesPerFamily: args.messagesPerFamily,
      seconds,
      replies,
      repliesPerSecond: replies / seconds,
      turnsPerSecond: turns[0]!.handled / turns[0]!.seconds,
      longestDueWaitMs: waits[waits.length - 1] ?? NaN,
      dueWaitP99Ms: waits[Math.floor(waits.length * 0.99)] ?? NaN,
      unsent: left.unsent,
      unhandled: left.unhandled,
      errors,
      appCpuMsPerMessage: (appCpuSeconds * 1000) / total,
      dbCpuMsPerMessage: (backends.seconds() * 1000) / total,
      clientCpuMsPerMessage: (clientCpu.user + clientCpu.system) / 1000 / total,
      threadCpuMsPerMessage: threads,
      commitsPerMessage: commits / total,
      loadBefore,
      loadAfter: os.loadavg()[0]!,
    };
  } finally {
    clearInterval(sampler);
    await db.end().catch(() => undefined);
    agent.destroy();
    await stopNpm(child);
    await fake.stop();
  }
}

/** The app's process: npm's one child, which the start script's `exec` makes node running dist/main.js. */
function appProcess(npm: number): number {
  const children = readFileSync(`/proc/${npm}/task/${npm}/children`, 'utf8').trim().split(' ').filter(Boolean);
  const app = Number(children[0]);
  const command = children.length === 1 ? readFileSync(`/proc/${app}/cmdline`, 'utf8') : '';
  if (!command.includes('dist/main.js')) throw new Error(`npm start's child is not the app (children: ${children.join(', ') || 'none'}; command: ${command.split('\0').join(' ')})`);
  return app;
}

function post(agent: http.Agent, url: string, phone: string, text: string): Promise<void> {
  const form = inboundForm({ from: phone, body: text });
  const body = new URLSearchParams(form).toString();
  const signature = twilio.getExpectedTwilioSignature(TEST_AUTH_TOKEN, url, form);
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { method: 'POST', agent, headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body), 'x-twilio-signature': signature } },
      (res) => {
        res.resume();
        res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`HTTP ${res.statusCode}`))));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Each thread's CPU so far (user + system, clock ticks of 1/100 s), by thread id. */
function threadCpuTicks(pid: number): Map<number, number> {
  const ticks = new Map<number, number>();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      const fields = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      ticks.set(Number(tid), Number(fields[11]) + Number(fields[12]));
    } catch {
      // ended meanwhile
    }
  }
  return ticks;
}

/** CPU per message since `before` (ms): the main thread, the busiest other thread, and the rest. */
function threadCpuMs(pid: number, before: Map<number, number>, messages: number): { web: number; processing: number; rest: number } {
  const used = [...threadCpuTicks(pid)].map(([tid, ticks]) => ({ tid, ms: (ticks - (before.get(tid) ?? 0)) * 10 }));
  const web = used.find((thread) => thread.tid === pid)?.ms ?? 0;
  const others = used.filter((thread) => thread.tid !== pid).sort((a, b) => b.ms - a.ms);
  const processing = others[0]?.ms ?? 0;
  const rest = others.slice(1).reduce((sum, thread) => sum + thread.ms, 0);
  return { web: web / messages, processing: processing / messages, rest: rest / messages };
}

/** Transactions committed so far in the current database (PostgreSQL's statistics). */
async function committedTransactions(db: pg.Client): Promise<number> {
  const { rows } = await db.query<{ n: string }>('SELECT xact_commit AS n FROM pg_stat_database WHERE datname = current_database()');
  return Number(rows[0]!.n);
}

/**
 * CPU time used by the app's PostgreSQL backends (application_name bienvenue…, on this machine)
 * since the first sample: each backend's user + system ticks from /proc, its first reading taken
 * as its start (0 for a backend born after the first sample).
 */
class BackendCpu {
  private readonly first = new Map<number, number>();
  private readonly last = new Map<number, number>();
  private sampled = false;

  constructor(private readonly db: pg.Client) {}

  async sample(): Promise<void> {
    const { rows } = await this.db.query<{ pid: number }>(
      `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name LIKE 'bienvenue%'`,
    );
    for (const { pid } of rows) {
      let ticks: number;
      try {
        const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
        ticks = Number(fields[11]) + Number(fields[12]);
      } catch {
        continue;
      }
      if (!this.first.has(pid)) this.first.set(pid, this.sampled ? 0 : ticks);
      this.last.set(pid, ticks);
    }
    this.sampled = true;
  }

  /** Seconds of CPU (Linux clock ticks are 1/100 s). */
  seconds(): number {
    let ticks = 0;
    for (const [pid, last] of this.last) ticks += last - this.first.get(pid)!;
    return ticks / 100;
  }
}
