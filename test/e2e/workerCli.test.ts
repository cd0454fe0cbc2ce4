import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/freePort.ts';
import { createTestDatabase, onPostgres } from '../support/testDatabase.ts';

// `npm run worker:add` / `worker:disable` while the app runs. On the embedded database the app owns
// the data folder, so the commands must go through its loopback endpoint; on PostgreSQL they write
// directly. Either way the running app sees the change at once.
const root = fileURLToPath(new URL('../..', import.meta.url));

let env: Record<string, string>;
let dataDir: string;
let baseUrl: string;
let drop: () => Promise<void>;
let app: ChildProcess | undefined;

beforeAll(async () => {
  const database = await createTestDatabase();
  drop = database.drop;
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'bienvenue-workers-'));
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  env = {
    PATH: process.env.PATH ?? '',
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    DATABASE_URL: database.url ?? '',
    LOG_LEVEL: 'info',
    // The app and the commands read it like any setting: cheap hashes, as in the in-process tests.
    PASSWORD_SCRYPT_LOG2N: '10',
  };
});

afterAll(async () => {
  if (app) await stopApp(app);
  await drop?.();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('worker:add, worker:disable and worker:reset-second-factor', () => {
  it('add and disable accounts of the running app, and work with the app stopped', async () => {
    app = await startApp();
    const tokenFile = path.join(dataDir, 'admin-token');
    if (!onPostgres) {
      expect(statSync(tokenFile).mode & 0o777).toBe(0o600);
      expect(JSON.parse(readFileSync(tokenFile, 'utf8'))).toMatchObject({ url: baseUrl, pid: app.pid });
    }
    const through = onPostgres ? '' : ' through the running app';

    const added = await runCli('workerAdd', ['--email', 'Marie@Example.org', '--password', 'une phrase de passe', '--name', 'Marie Joseph', '--languages', 'fr,ht']);
    expect(added).toMatchObject({ code: 0, stdout: `Added Marie Joseph <marie@example.org> (worker; fr, ht)${through}.\n` });
    const session = await login('marie@example.org', 'une phrase de passe');
    expect(session.status).toBe(200);
    expect(session.body.worker).toMatchObject({ name: 'Marie Joseph', role: 'worker', languages: ['fr', 'ht'] });

    const duplicate = await runCli('workerAdd', ['--email', 'marie@example.org', '--password', 'une autre phrase', '--name', 'Marie', '--languages', 'fr']);
    expect(duplicate.code).toBe(1);
    expect(duplicate.stderr).toContain('already exists');
    const invalid = await runCli('workerAdd', ['--email', 'paul@example.org', '--password', 'too short', '--name', 'Paul', '--languages', 'fr,de']);
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toMatch(/password: at least 12 characters; languages\.1: one of fr, en, es, ht/);
    expect((await runCli('workerAdd', ['--email', 'paul@example.org'])).code).toBe(2);

    if (!onPostgres) {
      // The endpoint takes nothing without the token, nor anything relayed by a proxy.
      const { token } = JSON.parse(readFileSync(tokenFile, 'utf8')) as { token: string };
      const body = JSON.stringify({ email: 'marie@example.org' });
      const post = (headers: Record<string, string>) => fetch(`${baseUrl}/internal/workers/disable`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body });
      expect((await post({})).status).toBe(401);
      expect((await post({ Authorization: `Bearer ${'x'.repeat(43)}` })).status).toBe(401);
      expect((await post({ Authorization: `Bearer ${token}`, 'X-Forwarded-For': '203.0.113.5' })).status).toBe(403);
      expect((await me(session.cookie)).status).toBe(200);
    }

    // A worker who lost their phone: the reset turns the second factor off, and the
    // next sign-in takes them through the set-up again instead of asking a code.
    const enrolment = session.body.secondFactorEnrolment as { secret: string };
    const enabled = await fetch(`${baseUrl}/api/auth/second-factor/enable`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Cookie: session.cookie, 'X-CSRF-Token': session.body.csrfToken as string },
      body: JSON.stringify({ code: await generate({ secret: enrolment.secret }) }),
    });
    expect(enabled.status).toBe(200);
    session.cookie = enabled.headers.getSetCookie()[0]!.split(';')[0]!;
    expect(await login('marie@example.org', 'une phrase de passe')).toMatchObject({ status: 200, body: { secondFactorRequired: true } });
    const reset = await runCli('workerResetSecondFactor', ['--email', 'marie@example.org']);
    expect(reset).toMatchObject({
      code: 0,
      stdout: `Two-step sign-in turned off for Marie Joseph <marie@example.org>${onPostgres ? '' : ' (through the running app)'}: they sign in with their password and set it up again.\n`,
    });
    expect((await login('marie@example.org', 'une phrase de passe')).body).toMatchObject({ secondFactorEnrolmentRequired: true, secondFactorEnrolment: { secret: expect.any(String) } });
    expect((await runCli('workerResetSecondFactor', ['--email', 'nobody@example.org'])).stderr).toContain('no worker with the email nobody@example.org');
    expect((await runCli('workerResetSecondFactor', [])).code).toBe(2);
    if (!onPostgres) {
      const { token } = JSON.parse(readFileSync(tokenFile, 'utf8')) as { token: string };
      const proxied = await fetch(`${baseUrl}/internal/workers/reset-second-factor`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}`, 'X-Forwarded-For': '203.0.113.5' },
        body: JSON.stringify({ email: 'marie@example.org' }),
      });
      expect(proxied.status).toBe(403);
    }

    const disabled = await runCli('workerDisable', ['--email', 'marie@example.org']);
    expect(disabled).toMatchObject({ code: 0, stdout: `Disabled Marie Joseph <marie@example.org>; 2 sessions signed out${through}.\n` });
    expect((await me(session.cookie)).status).toBe(401);
    expect((await login('marie@example.org', 'une phrase de passe')).status).toBe(401);
    expect((await runCli('workerDisable', ['--email', 'nobody@example.org'])).stderr).toContain('no worker with the email nobody@example.org');

    await stopApp(app);
    app = undefined;
    expect(existsSync(tokenFile)).toBe(false);

    // App stopped: the command opens the database itself. The password comes on standard input.
    const offline = await runCli('workerAdd', ['--email', 'jean@example.org', '--name', 'Jean', '--languages', 'en', '--role', 'admin'], 'another long passphrase\n');
    expect(offline).toMatchObject({ code: 0, stdout: 'Added Jean <jean@example.org> (admin; en).\n' });
    app = await startApp();
    const jean = await login('jean@example.org', 'another long passphrase');
    expect(jean.status).toBe(200);
    expect(jean.body.worker.role).toBe('admin');
  }, 180_000);
});

async function login(email: string, password: string) {
  const response = await fetch(`${baseUrl}/api/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email, password }) });
  const body = (await response.json()) as { worker: Record<string, unknown> } & Record<string, unknown>;
  return { status: response.status, body, cookie: response.headers.getSetCookie()[0]?.split(';')[0] ?? '' };
}

function me(cookie: string) {
  return fetch(`${baseUrl}/api/auth/me`, { headers: { Cookie: cookie } });
}

function runCli(script: 'workerAdd' | 'workerDisable' | 'workerResetSecondFactor', args: string[], stdin?: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', `src/cli/${script}.ts`, ...args], { cwd: root, env, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdin.end(stdin ?? '');
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })));
}

async function startApp(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`app did not start:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('bienvenue: listening')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`app exited with ${code}:\n${output}`));
    });
  });
  child.removeAllListeners('exit');
  return child;
}

async function stopApp(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}
