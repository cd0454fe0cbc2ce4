import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/freePort.ts';
import { TEMPLATE_VARIABLE } from '../support/pgliteTemplate.ts';
import { createTestDatabase } from '../support/testDatabase.ts';

// The compiled app (dist/), what `npm start` runs. Both checks share one file so that only one
// of them builds dist/ when src/ is newer (a build starts by removing dist/).

// The generated client compiles Prisma's query compiler from query_compiler.wasm
// (scripts/prismaQueryCompilerFile.mjs), never from the base64 module Prisma ships, which stayed
// loaded in every thread that held a client: 4.4 MiB of heap each (README, Memory). Checked on the
// compiled app (dist/, what `npm start` runs), in a process of its own: a module hook refuses to
// load any `*.wasm-base64.*` module, and the client still runs queries.
const root = fileURLToPath(new URL('../..', import.meta.url));
const run = promisify(execFile);

const REFUSE_BASE64 = `export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  if (resolved.url.includes('.wasm-base64.')) throw new Error('imported ' + resolved.url);
  return resolved;
}`;

const dist = (file: string) => pathToFileURL(`${root}dist/${file}`).href;
const CHILD = `
import { register } from 'node:module';
register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(REFUSE_BASE64)}`)});
// The hook is on: the module the client used to import is refused.
const refused = await import('@prisma/client/runtime/query_compiler_small_bg.postgresql.wasm-base64.mjs').then(() => false, () => true);
const { Database } = await import(${JSON.stringify(dist('db/Database.js'))});
const { migrate } = await import(${JSON.stringify(dist('db/migrate.js'))});
// Embedded: a copy of the db project's migrated template (test/support/pgliteTemplate.ts).
const template = process.env.${TEMPLATE_VARIABLE};
const initialData = template ? new Blob([(await import('node:fs')).readFileSync(template)]) : undefined;
const db = await Database.open({ databaseUrl: process.env.DATABASE_URL || undefined, dataDir: ':memory:', initialData });
try {
  await migrate(db);
  const contact = await db.prisma.contact.create({ data: { address: '+15145550123', phone: '+15145550123', channel: 'sms' } });
  const found = await db.prisma.contact.findUnique({ where: { address: contact.address }, select: { id: true } });
  console.log(JSON.stringify({ refused, found: found?.id === contact.id }));
} finally {
  await db.close();
}
`;

let database: Awaited<ReturnType<typeof createTestDatabase>>;

beforeAll(async () => {
  // What `npm start` does first: compiles src/ to dist/ unless dist/ is newer.
  await run(process.execPath, ['scripts/build.mjs', '--if-stale'], { cwd: root });
  database = await createTestDatabase();
}, 120_000);

afterAll(async () => {
  await database?.drop();
});

describe("Prisma's query compiler", () => {
  it('is loaded from its .wasm file by the compiled client, which runs queries without the base64 module', async () => {
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', CHILD], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: database.url ?? '' },
    });
    expect(JSON.parse(stdout.trim().split('\n').at(-1)!)).toEqual({ refused: true, found: true });
  });
});


// `npm start` as an organisation runs it: the start script's own command line (a POSIX shell's
// `exec env GLIBC_TUNABLES=… node …`) must leave npm with the app as its direct child, with glibc's
// malloc settings in the app's environment (README, Memory), and npm's SIGTERM must stop it cleanly.
describe('npm start', () => {
  it.runIf(process.platform === 'linux')('runs the compiled app as npm’s own child, with the malloc settings, and stops on SIGTERM', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'bienvenue-npm-start-'));
    const port = await freePort();
    const npm = spawn('npm', ['start', '--silent'], {
      cwd: root,
      // The embedded database, whatever the suite's DATABASE_URL: the script is the subject here.
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? os.tmpdir(), PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    npm.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    npm.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => npm.once('exit', resolve));
    let stopped: number | null = null;
    try {
      const deadline = Date.now() + 60_000;
      for (;;) {
        if (npm.exitCode !== null) throw new Error(`npm start exited with ${npm.exitCode}:\n${output}`);
        if (Date.now() > deadline) throw new Error(`npm start was not ready within 60 s:\n${output}`);
        const ready = await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => undefined);
        if (ready?.status === 200 && ((await ready.json()) as { processing?: string }).processing === 'running') break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }

      const children = readFileSync(`/proc/${npm.pid}/task/${npm.pid}/children`, 'utf8').trim().split(/\s+/);
      expect(children).toHaveLength(1);
      const app = children[0]!;
      const command = readFileSync(`/proc/${app}/cmdline`, 'utf8').split('\0').filter(Boolean);
      expect(path.basename(command[0]!)).toBe('node');
      expect(command.at(-1)).toBe('dist/main.js');
      // Embedded, the main thread runs the bot: the young generation the processing thread has.
      expect(command).toContain('--max-semi-space-size=4');
      const environment = readFileSync(`/proc/${app}/environ`, 'utf8').split('\0');
      // glibc 2.36 rewrites the variable in place as it reads it (arena_max is what is left here); the
      // thresholds still apply: node freeing twenty 1 MiB buffers made 70 munmap calls with them, 50
      // without (`strace -f -e trace=munmap -c`).
      expect(environment.find((entry) => entry.startsWith('GLIBC_TUNABLES='))).toMatch(/^GLIBC_TUNABLES=glibc\.malloc\.arena_max=2(:|$)/);
    } finally {
      npm.kill('SIGTERM');
      stopped = await exited;
      rmSync(dataDir, { recursive: true, force: true });
    }
    // After the checks above, so that a failed one is what the test reports.
    expect(stopped, output).toBe(0);
  }, 120_000);
});

// The `twilio` package's REST client requires its default HTTP client (axios and its
// dependencies, 5 MiB of heap) at load; TwilioSender gives its own, so that module is deferred
// (src/channels/twilio/deferTwilioRequestClient.ts) and loaded only for the agent of a proxy or a
// CA bundle, which the package's own client builds. Checked on the compiled sender in a process
// of its own, sending to a test double of Twilio's API.
const SEND = `
import http from 'node:http';
import { createRequire } from 'node:module';
const require = createRequire(${JSON.stringify(`${root}dist/`)});
const received = [];
const api = http.createServer((req, res) => {
  let body = '';
  req.on('data', (chunk) => (body += chunk));
  req.on('end', () => {
    received.push({ url: req.url, body, authorization: req.headers.authorization });
    res.writeHead(201, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ sid: 'SM' + '1'.repeat(32), status: 'queued' }));
  });
}).listen(0, '127.0.0.1');
await new Promise((resolve) => api.once('listening', resolve));
const { TwilioSender } = await import(${JSON.stringify(dist('channels/twilio/TwilioSender.js'))});
const sender = new TwilioSender({ accountSid: 'AC' + '0'.repeat(32), authToken: 'secret', apiBaseUrl: 'http://127.0.0.1:' + api.address().port });
const sent = await sender.send({ to: '+15145550123', from: '+15005550006', body: 'Bonjour' });
const loaded = (part) => Object.values(require.cache).some((module) => module?.loaded && module.filename.replaceAll('\\\\', '/').includes(part));
console.log(JSON.stringify({ sent, received, axios: loaded('/node_modules/axios/'), requestClient: loaded('/twilio/lib/base/RequestClient.js') }));
api.close();
`;

describe("Twilio's default HTTP client", () => {
  const account = 'AC' + '0'.repeat(32);
  const expected = {
    sent: { sid: 'SM' + '1'.repeat(32), status: 'queued' },
    received: [{ url: `/2010-04-01/Accounts/${account}/Messages.json`, body: 'To=%2B15145550123&From=%2B15005550006&Body=Bonjour', authorization: `Basic ${Buffer.from(`${account}:secret`).toString('base64')}` }],
  };
  /** Sends once from a process of its own, with this machine's environment but for the two settings and `env`. */
  const send = async (env: Record<string, string> = {}) => {
    const { HTTP_PROXY: _proxy, TWILIO_CA_BUNDLE: _bundle, ...inherited } = process.env;
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', SEND], { cwd: root, env: { ...inherited, ...env } });
    return JSON.parse(stdout.trim().split('\n').at(-1)!) as unknown;
  };

  it('is never loaded by a sender that sends', async () => {
    expect(await send()).toEqual({ ...expected, axios: false, requestClient: false });
  });

  it('builds the agent when the environment names a CA bundle, and the sender sends the same', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'bienvenue-ca-'));
    const bundle = path.join(dir, 'ca.pem');
    writeFileSync(bundle, tls.rootCertificates[0]!);
    try {
      expect(await send({ TWILIO_CA_BUNDLE: bundle })).toEqual({ ...expected, axios: true, requestClient: true });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

// `npm start` sizes the main thread's young generation for the mode before node starts it
// (scripts/semiSpaceSize.mjs): 1 MB when the bot runs in its own thread, 4 when the main thread runs it.
describe("npm start's young generation", () => {
  it('is 1 MB on PostgreSQL with the processing thread, 4 embedded or on one thread, 4 with a configuration the app refuses', async () => {
    const size = async (env: Record<string, string>) => (await run(process.execPath, ['scripts/semiSpaceSize.mjs'], { cwd: root, env: { PATH: process.env.PATH ?? '', ...env } })).stdout;
    expect(await size({ DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/bienvenue' })).toBe('1');
    expect(await size({ DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/bienvenue', WORKER_THREAD: 'false' })).toBe('4');
    expect(await size({})).toBe('4');
    expect(await size({ DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/bienvenue', PORT: 'not a port' })).toBe('4');
  });
});
