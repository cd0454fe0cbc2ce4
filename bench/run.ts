import type { ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { TEST_AUTH_TOKEN } from '../test/support/signedWebhook.ts';
import { runBurst, WARM_UP_MESSAGES, type BurstResult } from './burst.ts';
import { memoryBreakdown, type MemoryStep } from './memoryBreakdown.ts';
import { benchProcessEnv, benchTwilioEnv, driveLoad, freePort, peakRssMb, startFakeTwilio, startNpm, startProcess, stopNpm, treeCpuSeconds, treeMemory, type LoadResult, type Percentiles } from './webhookLoad.ts';
import type { QueueBench } from './handoffQueue.ts';

// `npm run bench`: the app on the embedded database and on PostgreSQL, next to a bare express
// handler answering the same signed webhook, on this machine, in one run.
const RATE = Number(process.env.BENCH_RATE ?? 200);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const PEAK_SECONDS = Number(process.env.BENCH_PEAK_SECONDS ?? 10);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 64);
const PG_URL = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
// This machine is shared and noisy: every scenario runs several times, in turn, and the report
// gives the median of each figure with every run's key figures beside it.
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
// BENCH_ONLY=bare,embedded,postgres,burst runs only those load scenarios, skips the other measures
// and writes no RESULTS.md: for trying a change quickly.
const ONLY = process.env.BENCH_ONLY?.split(',').map((name) => name.trim());
const wanted = (scenario: 'bare' | 'embedded' | 'postgres' | 'burst') => !ONLY || ONLY.includes(scenario);
// The burst of issue 12: families × messages each within BURST_SPREAD seconds, on PostgreSQL.
const BURST_FAMILIES = Number(process.env.BENCH_BURST_FAMILIES ?? 400);
const BURST_MESSAGES = Number(process.env.BENCH_BURST_MESSAGES ?? 32);
const BURST_SPREAD = Number(process.env.BENCH_BURST_SECONDS ?? 10);
const BURST_RUNS = Number(process.env.BENCH_BURST_RUNS ?? 1);

const runs = new Map<string, LoadResult[]>();
const record = (name: string, result: LoadResult) => runs.set(name, [...(runs.get(name) ?? []), result]);
const postgres = await reachable(PG_URL);
const postgresReachable = postgres;
if (!postgres) console.log(`PostgreSQL not reachable at ${PG_URL}: skipped`);
for (let run = 1; run <= RUNS; run++) {
  console.log(`run ${run} of ${RUNS}…`);
  if (wanted('bare')) record('bare express (static TwiML)', await runBare());
  if (wanted('embedded')) record('Bienvenue, embedded PGlite', await runApp({ databaseUrl: undefined, prefix: '438' }));
  if (postgres && wanted('postgres')) {
    const { url, drop } = await scratchDatabase(PG_URL);
    try {
      record('Bienvenue, PostgreSQL', await runApp({ databaseUrl: url, prefix: '514' }));
    } finally {
      await drop();
    }
  }
}
const rows = [...runs].map(([name, results]) => ({ name, result: median(results), runs: results }));

const bursts: BurstResult[] = [];
if (postgres && wanted('burst')) {
  for (let run = 1; run <= BURST_RUNS; run++) {
    console.log(`burst ${run} of ${BURST_RUNS}: ${BURST_FAMILIES} families × ${BURST_MESSAGES} messages in ${BURST_SPREAD} s…`);
    const { url, drop } = await scratchDatabase(PG_URL);
    try {
      const burst = await runBurst({ databaseUrl: url, families: BURST_FAMILIES, messagesPerFamily: BURST_MESSAGES, spreadSeconds: BURST_SPREAD });
      console.log(JSON.stringify(burst));
      bursts.push(burst);
    } finally {
      await drop();
    }
  }
}

const nlu = ONLY ? [] : [await nluFigures(), ...(await directoryFigures()), ...(await queueFigures())].filter((row): row is string => row !== undefined);
const breakdown = ONLY ? undefined : await breakdowns();
const report = render(rows, nlu, breakdown, bursts);
console.log(report);
const resultsFile = new URL('./RESULTS.md', import.meta.url);
if (process.env.BENCH_WRITE !== 'false' && !ONLY) writeFileSync(resultsFile, report);
// BENCH_ONLY=burst replaces only the burst's section of RESULTS.md (dated), keeping the rest.
if (process.env.BENCH_WRITE !== 'false' && ONLY?.length === 1 && ONLY[0] === 'burst' && bursts.length > 0 && existsSync(resultsFile)) {
  const section = burstSection(bursts).join('\n');
  const previous = readFileSync(resultsFile, 'utf8').replace(/## Burst:[\s\S]*?(?=\n## |\nTargets)/, '').trimEnd();
  const at = previous.indexOf('\n## Understanding');
  writeFileSync(resultsFile, at < 0 ? `${previous}\n\n${section}` : `${previous.slice(0, at).trimEnd()}\n\n${section}${previous.slice(at)}\n`);
}

async function runBare(): Promise<LoadResult> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const child = await startProcess({
    script: 'bench/bareWebhook.ts',
    env: { PORT: String(port), TWILIO_AUTH_TOKEN: TEST_AUTH_TOKEN, PUBLIC_BASE_URL: baseUrl },
    readyUrl: `${baseUrl}/healthz`,
  });
  try {
    const load = await driveLoad({ baseUrl, fakeTwilio: undefined, rate: RATE, seconds: SECONDS, peakSeconds: PEAK_SECONDS, concurrency: CONCURRENCY, phonePrefix: '450' });
    return { ...load, peakRssMb: peakRssMb(child.pid!) };
  } finally {
    child.kill('SIGTERM');
  }
}

async function runApp(args: { databaseUrl: string | undefined; prefix: string }): Promise<LoadResult> {
  const fake = await startFakeTwilio();
  const apiBaseUrl = fake.apiBaseUrl;
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const dataDir = `${os.tmpdir()}/bienvenue-bench-${randomBytes(4).toString('hex')}`;
  const env = {
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_BASE_URL: baseUrl,
    DATA_DIR: dataDir,
    DATABASE_URL: args.databaseUrl ?? '',
    ...benchTwilioEnv(apiBaseUrl),
    ...benchProcessEnv(),
    // WORKER_THREAD=false|true compares the app on one thread with the app and its processing thread.
    ...(process.env.WORKER_THREAD ? { WORKER_THREAD: process.env.WORKER_THREAD } : {}),
  };
  const readyUrl = `${baseUrl}/readyz`;
  let child: ChildProcess | undefined;
  try {
    // As an organisation runs it: `npm start`. The first start creates the database (migrations,
    // seed); the one measured opens the existing database, as every later start does.
    await stopNpm((await startNpm({ env, readyUrl })).child);
    const started = await startNpm({ env, readyUrl });
    child = started.child;
    await new Promise((resolve) => setTimeout(resolve, 5000));
    const idle = treeMemory(child.pid!);
    const cpuBefore = treeCpuSeconds(child.pid!);
    const load = await driveLoad({ baseUrl, fakeTwilio: fake, rate: RATE, seconds: SECONDS, peakSeconds: PEAK_SECONDS, concurrency: CONCURRENCY, phonePrefix: args.prefix });
    const afterLoad = treeMemory(child.pid!);
    // Every message posted (50 warm-up, sustained, peak) is handled by the app.
    const messages = 50 + load.sustained.ack.count + load.peak.ack.count;
    const cpuMsPerMessage = ((treeCpuSeconds(child.pid!) - cpuBefore) * 1000) / messages;
    return { ...load, peakRssMb: peakRssMb(child.pid!), footprint: { readyMs: started.readyMs, idle, afterLoad, cpuMsPerMessage } };
  } finally {
    if (child) await stopNpm(child);
    await fake.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** What each part of the app adds to a thread, on an existing embedded database and on PostgreSQL. */
async function breakdowns(): Promise<{ embedded: MemoryStep[]; postgres: MemoryStep[] | undefined }> {
  const dataDir = `${os.tmpdir()}/bienvenue-bench-${randomBytes(4).toString('hex')}`;
  try {
    // The first run creates the database; the second measures opening it, as every later start does.
    await memoryBreakdown({ databaseUrl: undefined, dataDir });
    const embedded = await memoryBreakdown({ databaseUrl: undefined, dataDir });
    let postgres: MemoryStep[] | undefined;
    if (postgresReachable) {
      const { url, drop } = await scratchDatabase(PG_URL);
      try {
        postgres = await memoryBreakdown({ databaseUrl: url, dataDir });
      } finally {
        await drop();
      }
    }
    return { embedded, postgres };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function directoryFigures(): Promise<string[]> {
  if (postgres) process.env.DATABASE_URL ??= PG_URL;
  const { benchDirectorySearch } = await import('./directorySearch.ts');
  const r = await benchDirectorySearch();
  const row = (label: string, f: { p50: number; p95: number; p99: number; samples: number; services: number }) =>
    `| directory search over ${f.services.toLocaleString('en')} services, ${label} | ${f.samples} | ${ms(f.p50)} | ${ms(f.p95)} | ${ms(f.p99)} | — |`;
  return [row('embedded PGlite', r), ...(r.postgres ? [row('PostgreSQL', r.postgres)] : [])];
}

async function queueFigures(): Promise<string[]> {
  if (postgres) process.env.DATABASE_URL ??= PG_URL;
  const { benchHandoffQueue } = await import('./handoffQueue.ts');
  const r = await benchHandoffQueue();
  const rows = (label: string, f: Partial<QueueBench>) => !f.list || !f.detail ? [] : [
    `| console queue (GET /api/handoffs: ${f.list.rows} listed, counts of ${f.list.open} open among 10,000 handoffs), ${label} | ${f.list.samples} | ${ms(f.list.p50)} | ${ms(f.list.p95)} | ${ms(f.list.p99)} | — |`,
    `| console conversation (GET /api/handoffs/:id), ${label} | ${f.detail.samples} | ${ms(f.detail.p50)} | ${ms(f.detail.p95)} | ${ms(f.detail.p99)} | — |`,
  ];
  return [...rows('embedded PGlite', r), ...(r.postgres ? rows('PostgreSQL', { ...r.postgres }) : [])];
}

async function nluFigures(): Promise<string | undefined> {
  const nluBench = new URL('./nlu.ts', import.meta.url);
  if (!existsSync(nluBench)) return undefined;
  const { benchNlu } = (await import(nluBench.href)) as { benchNlu: () => Promise<{ p50: number; p95: number; p99: number; perSecond: number; samples: number }> };
  const r = await benchNlu();
  return `| NLU of one message (no date expected) | ${r.samples} | ${ms(r.p50)} | ${ms(r.p95)} | ${ms(r.p99)} | ${Math.round(r.perSecond)}/s |`;
}

function render(
  results: { name: string; result: LoadResult; runs: LoadResult[] }[],
  otherRows: string[],
  breakdown: { embedded: MemoryStep[]; postgres: MemoryStep[] | undefined } | undefined,
  bursts: BurstResult[],
): string {
  const ceiling = results.find(({ name }) => name.startsWith('bare'))?.result.peak.acksPerSecond ?? NaN;
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const lines = [
    '# Benchmark results',
    '',
    `Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC by \`npm run bench\` on ${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}.`,
    `Each figure is the median of ${RUNS} runs (scenarios in turn); every run's key figures are listed at the end. Load generator and fake Twilio API (one process), app and database all share this machine. Each message is a new parent's first question, answered with a greeting and an introduction; latency is to the first reply. Sustained phase: ${RATE} messages/s for ${SECONDS} s. Peak phase: ${CONCURRENCY} parents texting back to back for ${PEAK_SECONDS} s; "parents answered/s" counts first replies until every parent has one.`,
    '',
    '## Webhook acknowledgement and end-to-end latency (ms)',
    '',
    '| server | sustained rate | ack p50 | ack p95 | ack p99 | inbound→outbound p50 | p95 | p99 | errors |',
    '|---|---|---|---|---|---|---|---|---|',
    ...results.map(({ name, result }) => {
      const s = result.sustained;
      const e = s.endToEnd;
      return `| ${name} | ${Math.round(s.achievedRate)}/s | ${ms(s.ack.p50)} | ${ms(s.ack.p95)} | ${ms(s.ack.p99)} | ${e ? ms(e.p50) : '—'} | ${e ? ms(e.p95) : '—'} | ${e ? ms(e.p99) : '—'} | ${s.errors} |`;
    }),
    '',
    '## Peak throughput',
    '',
    '| server | acks/s | parents answered/s | ack p99 (ms) | ratio to bare express | peak RSS (MiB) | errors |',
    '|---|---|---|---|---|---|---|',
    ...results.map(({ name, result }) => {
      const p = result.peak;
      return `| ${name} | ${Math.round(p.acksPerSecond)} | ${p.repliesPerSecond === undefined ? '—' : Math.round(p.repliesPerSecond)} | ${ms(p.ack.p99)} | ${(p.acksPerSecond / ceiling).toFixed(2)} | ${result.peakRssMb} | ${p.errors} |`;
    }),
    '',
  ];
  const measured = results.filter(({ result }) => result.footprint);
  if (measured.length > 0) {
    lines.push(
      '## Memory and start-up of `npm start`',
      '',
      'The whole process tree `npm start` runs (npm and the app, which the start script `exec`s), started as an organisation starts it, on a database a previous start created. RSS sums every process\'s resident set, so the code of node that npm and the app share counts twice; PSS splits shared pages between the processes that share them (what the tree really takes from the machine).',
      '',
      '| server | start to /readyz (s) | idle RSS (MiB) | idle PSS (MiB) | after load RSS (MiB) | after load PSS (MiB) | app peak RSS (MiB) | app CPU per message (ms) |',
      '|---|---|---|---|---|---|---|---|',
      ...measured.map(({ name, result }) => {
        const f = result.footprint!;
        return `| ${name} | ${(f.readyMs / 1000).toFixed(2)} | ${f.idle.rssMb} | ${f.idle.pssMb} | ${f.afterLoad.rssMb} | ${f.afterLoad.pssMb} | ${result.peakRssMb} | ${f.cpuMsPerMessage.toFixed(1)} |`;
      }),
      '',
      'Targets (issue 15): idle ≤ 200 MiB on PostgreSQL, ≤ 300 MiB embedded; after the load ≤ 300 MiB PostgreSQL, ≤ 400 MiB embedded; start to /readyz ≤ 2 s on an existing database.',
      '',
    );
  }
  if (breakdown) {
    const pg = new Map(breakdown.postgres?.map((step) => [step.step.replace(/^Prisma client over pg.*|^PGlite.*/, 'database'), step]) ?? []);
    lines.push(
      '## Where the memory goes',
      '',
      '`bench/memoryProbe.mjs` loads the compiled app part by part in one fresh `node` process, in the order a thread loads it, and reports what each part adds after a full garbage collection (MiB: resident set, live V8 heap, memory outside the heap such as buffers and WebAssembly memories). On PostgreSQL the web thread stops after "web side"; the processing worker thread is an empty thread plus its own database client and query compiler, plus every row below "web side" (modules both threads import count in each). Embedded, one thread holds everything. recognizers-text loads on the first compound number or the first date a conversation expects, not at start.',
      '',
      '| part | embedded RSS | heap | outside heap | PostgreSQL RSS | heap | outside heap |',
      '|---|---|---|---|---|---|---|',
      ...breakdown.embedded.map((step) => {
        const other = pg.get(step.step.replace(/^Prisma client over pg.*|^PGlite.*/, 'database'));
        const label = step.step.startsWith('PGlite') ? `database: ${step.step} / PostgreSQL: ${other?.step ?? '—'}` : step.step;
        return `| ${label} | ${step.rssMb} | ${step.heapMb} | ${step.externalMb} | ${other?.rssMb ?? '—'} | ${other?.heapMb ?? '—'} | ${other?.externalMb ?? '—'} |`;
      }),
      '',
    );
  }
  lines.push(
    '## Every run',
    '',
    '| server | ack p99 (ms) | inbound→outbound p99 (ms) | peak acks/s | parents answered/s | start to /readyz (s) | idle RSS (MiB) | after load RSS (MiB) | CPU per message (ms) |',
    '|---|---|---|---|---|---|---|---|---|',
    ...results.map(({ name, runs: each }) => {
      const list = (pick: (r: LoadResult) => number | undefined, digits: number) => each.map((r) => { const v = pick(r); return v === undefined ? '—' : v.toFixed(digits); }).join(' · ');
      return `| ${name} | ${list((r) => r.sustained.ack.p99, 1)} | ${list((r) => r.sustained.endToEnd?.p99, 1)} | ${list((r) => r.peak.acksPerSecond, 0)} | ${list((r) => r.peak.repliesPerSecond, 0)} | ${list((r) => (r.footprint ? r.footprint.readyMs / 1000 : undefined), 2)} | ${list((r) => r.footprint?.idle.rssMb, 0)} | ${list((r) => r.footprint?.afterLoad.rssMb, 0)} | ${list((r) => r.footprint?.cpuMsPerMessage, 1)} |`;
    }),
    '',
  );
  if (bursts.length > 0) lines.push(...burstSection(bursts));
  if (otherRows.length > 0) {
    lines.push('## Understanding, search and the console', '', '| measure | samples | p50 (ms) | p95 (ms) | p99 (ms) | throughput |', '|---|---|---|---|---|---|', ...otherRows, '');
  }
  lines.push(
    'Targets on this 2-core machine with PostgreSQL: ack p99 < 20 ms; inbound→outbound p99 < 150 ms at 200 messages/s; peak ≥ 500 messages/s; embedded ≥ 100 messages/s; the burst ≥ 300 replies/s with no due reply waiting more than 2 s. NLU of one message p99 < 5 ms. Directory search over 10,000 services p99 < 10 ms. Console queue with 1,000 families waiting among 10,000 conversations p99 < 50 ms.',
    '',
  );
  return lines.join('\n');
}

/** The burst's section of the report: one row per run. */
function burstSection(bursts: BurstResult[]): string[] {
  const b = bursts[0]!;
  return [
    `## Burst: ${b.families} families × ${b.messagesPerFamily} messages in ${BURST_SPREAD} s (PostgreSQL)`,
    '',
    `Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${os.cpus().length} cores; each run's 1-minute load average before and after is in the table. Each family texts ${b.messagesPerFamily} messages (a short conversation, over and over) within ${BURST_SPREAD} s: ${(b.families * b.messagesPerFamily).toLocaleString('en')} messages, ${Math.round((b.families * b.messagesPerFamily) / BURST_SPREAD)}/s offered. The app runs as in production (started by \`npm start\`: compiled, worker thread), once it has answered a warm-up of other families that is not counted (${WARM_UP_MESSAGES.toLocaleString('en')} messages, BENCH_BURST_WARMUP), with the loop guard off (${b.messagesPerFamily} messages in ${BURST_SPREAD} s is what it exists to stop). Replies/s counts from the first message posted to the last reply received; a reply is due once its family's previous reply is sent, and "due wait" runs from then (or its creation, or the end of its backoff) to its own send. CPU per message is the CPU time the app's process (both its threads), its PostgreSQL backends and the benchmark's own process (the client posting the webhooks, a family's messages in order, and the fake Twilio API) used during the burst, divided by the messages posted: unlike replies/s, it barely depends on what else the machine runs.`,
    '',
    '| run | seconds | replies | replies/s | messages handled/s | longest due wait (ms) | due wait p99 (ms) | left unsent | left unhandled | errors | app CPU per message (ms) | PostgreSQL CPU per message (ms) | bench client CPU per message (ms) | load before → after |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|',
    ...bursts.map((r, i) => `| ${i + 1} | ${r.seconds.toFixed(1)} | ${r.replies} | ${Math.round(r.repliesPerSecond)} | ${Math.round(r.turnsPerSecond)} | ${ms(r.longestDueWaitMs)} | ${ms(r.dueWaitP99Ms)} | ${r.unsent} | ${r.unhandled} | ${r.errors} | ${r.appCpuMsPerMessage.toFixed(2)} | ${r.dbCpuMsPerMessage.toFixed(2)} | ${r.clientCpuMsPerMessage.toFixed(2)} | ${r.loadBefore.toFixed(1)} → ${r.loadAfter.toFixed(1)} |`),
    '',
  ];
}

/** The median of every number in the results, field by field. */
function median(results: LoadResult[]): LoadResult {
  const merge = (values: unknown[]): unknown => {
    const first = values[0];
    if (typeof first === 'number') {
      const sorted = (values as number[]).filter(Number.isFinite).sort((a, b) => a - b);
      return sorted.length === 0 ? NaN : sorted[Math.floor((sorted.length - 1) / 2)];
    }
    if (first && typeof first === 'object') {
      return Object.fromEntries(Object.keys(first).map((key) => [key, merge(values.map((value) => (value as Record<string, unknown>)[key]))]));
    }
    return first;
  };
  return merge(results) as LoadResult;
}

function ms(value: number): string {
  return Number.isFinite(value) ? value.toFixed(1) : '—';
}

async function reachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

async function scratchDatabase(url: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `bienvenue_bench_${randomBytes(4).toString('hex')}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(sql);
    await client.end();
  };
  await admin(`CREATE DATABASE "${name}"`);
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return { url: parsed.toString(), drop: () => admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}

export type { Percentiles };
