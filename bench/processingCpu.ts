import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { loadConfig } from '../src/config.ts';
import { Database } from '../src/db/Database.ts';
import { migrate } from '../src/db/migrate.ts';
import { seedDirectoryIfEmpty } from '../src/directory/seedDirectory.ts';
import { createLogger } from '../src/log.ts';
import { Processor } from '../src/processing/Processor.ts';
import { loadFlows } from '../src/conversation/loadFlows.ts';
import { recordInbounds } from '../src/channels/twilio/InboundRecorder.ts';
import { BOT_NUMBER, messageSid, TEST_ACCOUNT_SID, TEST_AUTH_TOKEN } from '../test/support/signedWebhook.ts';
// The burst's conversation and app settings: processingCpu runs the same load without HTTP.
import { burstAppEnv, SCRIPT } from './burst.ts';


/**
 * The processing side's CPU per message, without HTTP and without the clock deciding how turns
 * batch: `npx tsx bench/processingCpu.ts <postgresql://… of a database it may empty>`. The
 * burst's 400 families × 32 messages are stored 16 rounds at a time (each family then has 16
 * messages waiting, as in the burst, where turns lag behind arrivals), then handled by the app's
 * Processor on this thread — turns, outbox, sends to a fake Twilio API in a child process —
 * until nothing is left to send. Prints this thread's CPU (user + system, from /proc) and the
 * process's (with V8's helper threads) per message, in ms, its PostgreSQL backends' (when the server
 * runs on this machine), and commits per message. A first pass
 * of 8 rounds with other families warms the code up and is not counted.
 */
async function main(): Promise<void> {
  const url = process.argv[2] ?? process.env.DATABASE_URL;
  if (!url) throw new Error('usage: npx tsx bench/processingCpu.ts postgresql://…');
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query('DROP SCHEMA public CASCADE; CREATE SCHEMA public');
  const fake = await startFakeTwilioProcess();
  process.once('exit', () => fake.stop());
  const config = loadConfig({
    DATABASE_URL: url,
    ...burstAppEnv(fake.apiBaseUrl),
    PUBLIC_BASE_URL: 'http://127.0.0.1:1',
    LOG_LEVEL: 'warn',
  });
  const log = createLogger('warn');
  const db = await Database.open({ databaseUrl: url });
  await migrate(db);
  await seedDirectoryIfEmpty(db);
  const processor = new Processor(config, db, log, loadFlows());
  await processor.start();

  const families = 400;
  const run = async (prefix: string, rounds: number, perBatch: number) => {
    let cpu = { thread: 0, process: 0, backends: 0, commits: 0, messages: 0 };
    for (let first = 0; first < rounds; first += perBatch) {
      const messages = [];
      for (let round = first; round < Math.min(rounds, first + perBatch); round++) {
        for (let family = 0; family < families; family++) {
          const from = `+1${prefix}${String(family).padStart(7, '0')}`;
          messages.push({ messageSid: messageSid(), accountSid: TEST_ACCOUNT_SID, from, to: BOT_NUMBER, body: SCRIPT[round % SCRIPT.length]!, channel: 'sms' as const, optOutType: null, messageType: null, location: null, buttonPayload: null, media: [] });
        }
      }
      const stored = [];
      for (let at = 0; at < messages.length; at += 200) stored.push(...(await recordInbounds(db.sql, messages.slice(at, at + 200))));
      const commitsBefore = await commits(admin);
      const threadBefore = threadCpuMs();
      const processBefore = process.cpuUsage();
      const backendsBefore = await backendCpuMs(admin);
      for (const contactId of new Set(stored.map((row) => row.contactId))) processor.schedule(contactId);
      await processor.runner.idle();
      // Polled on the bench's own connection, so that its CPU is not counted as the app's backends'.
      while (Number((await admin.query(`SELECT count(*) AS n FROM outbox WHERE status IN ('pending', 'sending')`)).rows[0].n) > 0) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const used = process.cpuUsage(processBefore);
      const backendsAfter = await backendCpuMs(admin);
      let backends = 0;
      for (const [pid, ms] of backendsAfter) backends += ms - (backendsBefore.get(pid) ?? 0);
      cpu = {
        thread: cpu.thread + threadCpuMs() - threadBefore,
        process: cpu.process + (used.user + used.system) / 1000,
        backends: cpu.backends + backends,
        commits: cpu.commits + (await commits(admin)) - commitsBefore,
        messages: cpu.messages + messages.length,
      };
    }
    return cpu;
  };
  await run('514', 8, 8);
  const measured = await run('819', 32, 16);
  const replies = Number((await admin.query(`SELECT count(*) AS n FROM outbox o JOIN contacts c ON c.id = o.contact_id WHERE c.address LIKE '+1819%' AND o.status = 'sent'`)).rows[0].n);
  console.log(
    JSON.stringify({
      messages: measured.messages,
      replies,
      threadCpuMsPerMessage: round(measured.thread / measured.messages),
      processCpuMsPerMessage: round(measured.process / measured.messages),
      postgresCpuMsPerMessage: round(measured.backends / measured.messages),
      commitsPerMessage: round(measured.commits / measured.messages),
    }),
  );
  await processor.stop({ flushMs: 1000 });
  await db.close();
  await admin.end();
  fake.stop();
}

const round = (value: number) => Math.round(value * 1000) / 1000;

/** This thread's CPU so far (user + system), in ms; Linux counts it in ticks of 10 ms. */
function threadCpuMs(): number {
  const fields = readFileSync('/proc/thread-self/stat', 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/**
 * CPU so far of the app's PostgreSQL backends on this machine (application_name "bienvenue"), in ms,
 * by pid; a backend born later counts from 0. Needs the server on this machine (reads /proc).
 */
async function backendCpuMs(db: pg.Client): Promise<Map<number, number>> {
  const { rows } = await db.query<{ pid: number }>(`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'bienvenue'`);
  const cpu = new Map<number, number>();
  for (const { pid } of rows) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      cpu.set(pid, (Number(fields[11]) + Number(fields[12])) * 10);
    } catch {
      // ended meanwhile
    }
  }
  return cpu;
}

/** Transactions committed in the database so far; an idle backend reports them within a second. */
async function commits(db: pg.Client): Promise<number> {
  await new Promise((resolve) => setTimeout(resolve, 1200));
  return Number((await db.query('SELECT xact_commit AS n FROM pg_stat_database WHERE datname = current_database()')).rows[0].n);
}

/** The fake Twilio API in a process of its own, so its CPU is not counted. */
async function startFakeTwilioProcess(): Promise<{ apiBaseUrl: string; stop: () => void }> {
  const code = `import { FakeTwilio } from './test/support/FakeTwilio.ts';
    const fake = new FakeTwilio(${JSON.stringify(TEST_ACCOUNT_SID)}, ${JSON.stringify(TEST_AUTH_TOKEN)});
    console.log(await fake.start());`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { cwd: new URL('..', import.meta.url).pathname, stdio: ['ignore', 'pipe', 'inherit'] });
  const apiBaseUrl = await new Promise<string>((resolve, reject) => {
    child.stdout.once('data', (chunk: Buffer) => resolve(chunk.toString().trim()));
    child.once('exit', (code) => reject(new Error(`fake Twilio exited with ${code}`)));
  });
  return { apiBaseUrl, stop: () => child.kill() };
}

await main();
