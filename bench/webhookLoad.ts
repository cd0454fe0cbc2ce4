import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import http from 'node:http';
export { freePort } from '../test/support/freePort.ts';
import { FakeTwilio } from '../test/support/FakeTwilio.ts';
import { BOT_NUMBER, inboundForm, TEST_ACCOUNT_SID, TEST_AUTH_TOKEN } from '../test/support/signedWebhook.ts';
import twilio from 'twilio';

const root = fileURLToPath(new URL('..', import.meta.url));
// What each simulated parent writes: a real first question, read by the NLU like any other.
const MESSAGE = 'Bonjour, avez-vous des ateliers prénatals dans Villeray?';

/**
 * The app's Twilio settings under load: Twilio's test account through the fake API at `apiBaseUrl`,
 * and a messaging service with enough numbers for the load (a lone long code takes 1 per second).
 */
export function benchTwilioEnv(apiBaseUrl: string): Record<string, string> {
  return {
    TWILIO_ACCOUNT_SID: TEST_ACCOUNT_SID,
    TWILIO_AUTH_TOKEN: TEST_AUTH_TOKEN,
    TWILIO_MESSAGING_SERVICE_SID: 'MG' + '0'.repeat(32),
    TWILIO_SMS_FROM: BOT_NUMBER,
    TWILIO_SMS_MPS: '2000',
    TWILIO_API_BASE_URL: apiBaseUrl,
  };
}

/** What the bench's own environment sets for an app it starts: its log level (BENCH_APP_LOG) and node options (BENCH_NODE_ARGS). */
export function benchProcessEnv(): Record<string, string> {
  return {
    LOG_LEVEL: process.env.BENCH_APP_LOG ?? 'warn',
    ...(process.env.BENCH_NODE_ARGS ? { NODE_OPTIONS: process.env.BENCH_NODE_ARGS } : {}),
  };
}

/** Latency figures in milliseconds. */
export interface Percentiles {
  p50: number;
  p95: number;
  p99: number;
  max: number;
  count: number;
}

export interface LoadResult {
  sustained: { targetRate: number; achievedRate: number; ack: Percentiles; endToEnd: Percentiles | undefined; errors: number };
  peak: { acksPerSecond: number; repliesPerSecond: number | undefined; ack: Percentiles; errors: number };
  peakRssMb: number;
  /** The app started by `npm start`: its whole process tree (npm, and node, which the start script `exec`s). */
  footprint?: {
    /** From spawning `npm start` to the first 200 of /readyz, on a database a previous start created (ms). */
    readyMs: number;
    /** 5 s after /readyz, nothing to do. */
    idle: TreeMemory;
    /** Right after the load phases. */
    afterLoad: TreeMemory;
    /** CPU time the app used per message of the load (warm-up, sustained and peak), in ms: unlike latency, barely moved by other work on the machine. */
    cpuMsPerMessage: number;
  };
}

/** CPU time (user + system) a process and its descendants have used so far (s). */
export function treeCpuSeconds(pid: number): number {
  let ticks = 0;
  for (const each of descendants(pid)) {
    try {
      const fields = readFileSync(`/proc/${each}/stat`, 'utf8').split(') ')[1]!.split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // exited meanwhile
    }
  }
  // Clock ticks: 100 per second on Linux.
  return ticks / 100;
}

/** Memory of a process and its descendants (MiB). */
export interface TreeMemory {
  /** Sum of every process's resident set: pages shared between them (node's own code) count once per process. */
  rssMb: number;
  /** Sum of proportional set sizes: each shared page split between its processes, so the tree's real cost. */
  pssMb: number;
}

/** Starts `npm start` as its own process group (so the whole tree can be stopped) and waits until `readyUrl` answers 200. */
export async function startNpm(args: { env: Record<string, string>; readyUrl: string }): Promise<{ child: ChildProcess; readyMs: number }> {
  const started = performance.now();
  const child = spawn('npm', ['start', '--silent'], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...args.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  let exited: number | null | undefined;
  child.stdout!.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
  child.stderr!.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
  child.once('exit', (code) => (exited = code));
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (exited !== undefined) throw new Error(`npm start exited with ${exited}:\n${output}`);
    if (Date.now() > deadline) {
      await stopNpm(child);
      throw new Error(`npm start did not become ready:\n${output}`);
    }
    try {
      if ((await fetch(args.readyUrl)).status === 200) {
        const readyMs = performance.now() - started;
        // Ready means webhooks are stored: what follows measures the app with its bot loaded too.
        await processingRunning(args.readyUrl);
        return { child, readyMs };
      }
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Stops a process group started by `startNpm` (SIGTERM: the app's graceful stop) and waits for npm to exit. */
export async function stopNpm(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  try {
    process.kill(-child.pid!, 'SIGTERM');
  } catch {
    return; // the group is gone already
  }
  await exited;
}

/** Resident and proportional memory of `pid` and all its descendants, from /proc. */
export function treeMemory(pid: number): TreeMemory {
  const pids = descendants(pid);
  let rssKb = 0;
  let pssKb = 0;
  for (const each of pids) {
    try {
      rssKb += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${each}/status`, 'utf8'))?.[1] ?? 0);
      pssKb += Number(/Pss:\s+(\d+)/.exec(readFileSync(`/proc/${each}/smaps_rollup`, 'utf8'))?.[1] ?? 0);
    } catch {
      // exited meanwhile
    }
  }
  return { rssMb: Math.round(rssKb / 1024), pssMb: Math.round(pssKb / 1024) };
}

function descendants(pid: number): number[] {
  const found = [pid];
  try {
    for (const task of readdirSync(`/proc/${pid}/task`)) {
      const children = readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim();
      for (const child of children ? children.split(' ') : []) found.push(...descendants(Number(child)));
    }
  } catch {
    // exited meanwhile
  }
  return found;
}

/** Starts a process (the app or the bare baseline) and waits until `readyUrl` answers. */
export async function startProcess(args: { script: string; env: Record<string, string>; readyUrl: string }): Promise<ChildProcess> {
  const child = spawn(process.execPath, [...(process.env.BENCH_NODE_ARGS?.split(" ").filter(Boolean) ?? []), "--import", "tsx", args.script], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', ...args.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let exited: number | null | undefined;
  child.stdout!.on('data', (chunk: Buffer) => { output = (output + chunk.toString()).slice(-4000); if (process.env.BENCH_ECHO) process.stderr.write(chunk); });
  child.stderr!.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
  child.once('exit', (code) => (exited = code));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited !== undefined) throw new Error(`exited with ${exited}:\n${output}`);
    if (Date.now() > deadline) throw new Error(`did not start:\n${output}`);
    try {
      if ((await fetch(args.readyUrl)).status < 500) {
        await processingRunning(args.readyUrl);
        return child;
      }
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Peak resident memory of a live process (the largest of its tree: the app under npm), from the kernel's own accounting. */
export function peakRssMb(pid: number): number {
  let kb = 0;
  for (const each of descendants(pid)) {
    try {
      kb = Math.max(kb, Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${each}/status`, 'utf8'))?.[1] ?? 0));
    } catch {
      // exited meanwhile
    }
  }
  return Math.round(kb / 1024);
}

/**
 * Drives signed webhooks at `baseUrl`: first a sustained open-loop rate (each parent texts once,
 * so every message gets exactly one reply to time), then a closed loop of `concurrency` senders
 * as fast as the app acknowledges (the peak).
 */
export async function driveLoad(args: {
  baseUrl: string;
  fakeTwilio: BenchFakeTwilio | undefined;
  rate: number;
  seconds: number;
  peakSeconds: number;
  concurrency: number;
  phonePrefix: string;
}): Promise<Omit<LoadResult, 'peakRssMb'>> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 512 });
  const url = `${args.baseUrl}/webhooks/twilio/messages`;
  let phoneCounter = 0;
  const nextPhone = () => `+1${args.phonePrefix}${String(phoneCounter++).padStart(7, '0')}`;

  const sentAt = new Map<string, number>();
  const endToEnd: number[] = [];
  // A parent's first message gets a greeting and an introduction: time the first reply,
  // count each parent once.
  const answered = new Set<string>();
  args.fakeTwilio?.onMessage((message) => {
    answered.add(message.to);
    const start = sentAt.get(message.to);
    if (start !== undefined) {
      endToEnd.push(message.at - start);
      sentAt.delete(message.to);
    }
  });

  const post = async (phone: string, body: string, trackReply: boolean): Promise<number> => {
    const form = inboundForm({ from: phone, body });
    const signature = twilio.getExpectedTwilioSignature(TEST_AUTH_TOKEN, url, form);
    const start = performance.now();
    if (trackReply && args.fakeTwilio) sentAt.set(phone, performance.timeOrigin + start);
    const status = await postForm(agent, url, new URLSearchParams(form).toString(), signature);
    if (status !== 200) throw new Error(`HTTP ${status}`);
    return performance.now() - start;
  };

  // Warm-up: connections, JIT, database caches.
  await Promise.all(Array.from({ length: 50 }, () => post(nextPhone(), MESSAGE, false).catch(() => 0)));
  await new Promise((resolve) => setTimeout(resolve, 1000));

  // Sustained open loop at `rate` messages per second.
  const sustainedAcks: number[] = [];
  let sustainedErrors = 0;
  const total = args.rate * args.seconds;
  const started = performance.now();
  const inFlight: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / args.rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    inFlight.push(
      post(nextPhone(), MESSAGE, true).then(
        (ms) => void sustainedAcks.push(ms),
        () => void sustainedErrors++,
      ),
    );
  }
  await Promise.all(inFlight);
  const achievedRate = total / ((performance.now() - started) / 1000);
  // Let the last replies arrive: messages acknowledged faster than they are handled wait in the
  // database (embedded, under overload), so wait while replies keep coming, up to 10 s without one.
  let lastProgress = performance.now();
  let waiting = sentAt.size;
  while (args.fakeTwilio && sentAt.size > 0 && performance.now() - lastProgress < 10_000) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    if (sentAt.size < waiting) [waiting, lastProgress] = [sentAt.size, performance.now()];
  }
  const unanswered = sentAt.size;
  sentAt.clear();

  // Peak: closed loop, `concurrency` parents texting back to back.
  const peakAcks: number[] = [];
  let peakErrors = 0;
  const answeredBefore = answered.size;
  const peakStart = performance.now();
  const peakEnd = peakStart + args.peakSeconds * 1000;
  await Promise.all(
    Array.from({ length: args.concurrency }, async () => {
      while (performance.now() < peakEnd) {
        try {
          peakAcks.push(await post(nextPhone(), MESSAGE, false));
        } catch {
          peakErrors++;
        }
      }
    }),
  );
  const peakElapsed = (performance.now() - peakStart) / 1000;
  let repliesPerSecond: number | undefined;
  if (args.fakeTwilio) {
    // Answers keep coming after the last ack; count parents answered until all are, over the whole span.
    const expected = answeredBefore + peakAcks.length;
    const deadline = performance.now() + 30_000;
    while (answered.size < expected && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
    repliesPerSecond = (answered.size - answeredBefore) / ((performance.now() - peakStart) / 1000);
  }
  agent.destroy();
  return {
    sustained: {
      targetRate: args.rate,
      achievedRate,
      ack: percentiles(sustainedAcks),
      endToEnd: args.fakeTwilio ? { ...percentiles(endToEnd), count: endToEnd.length } : undefined,
      errors: sustainedErrors + unanswered,
    },
    peak: { acksPerSecond: peakAcks.length / peakElapsed, repliesPerSecond, ack: percentiles(peakAcks), errors: peakErrors },
  };
}

/** The fake Twilio API as the load generator sees it. */
export interface BenchFakeTwilio {
  apiBaseUrl: string;
  onMessage(listener: (message: { to: string; at: number }) => void): void;
  stop(): Promise<void>;
}

/**
 * The fake Twilio API, in the load generator's process: together they are confined to one
 * thread, as an outside load would be to other machines. (Run as a separate process, the two
 * took CPU from the app on this 2-core machine and measured the harness more than the app.)
 */
export async function startFakeTwilio(): Promise<BenchFakeTwilio> {
  const fake = new FakeTwilio(TEST_ACCOUNT_SID, TEST_AUTH_TOKEN);
  const apiBaseUrl = await fake.start();
  return {
    apiBaseUrl,
    onMessage: (listener) => fake.onMessage((message) => listener({ to: message.to, at: message.receivedAt })),
    stop: () => fake.stop(),
  };
}

export function percentiles(values: number[]): Percentiles {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99), max: sorted[sorted.length - 1] ?? NaN, count: sorted.length };
}

function postForm(agent: http.Agent, url: string, body: string, signature: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body), 'x-twilio-signature': signature },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * Waits until `readyUrl` (/readyz) reports the processing side running: the app is ready as soon
 * as it stores webhooks, while it still loads its bot and NLU. An answer without the field (the
 * bare baseline's /healthz) counts as running.
 */
async function processingRunning(readyUrl: string): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    const body = (await (await fetch(readyUrl)).json().catch(() => ({}))) as { processing?: string };
    if (body.processing === undefined || body.processing === 'running') return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`${readyUrl}: the processing side did not start within 120 s`);
}
