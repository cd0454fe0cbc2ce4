import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { freePort } from '../support/freePort.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

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
      // glibc rewrites the variable in place as it reads it (2.36 puts a NUL after each setting it
      // applied), so /proc shows the first setting as the variable and the others after it.
      const environment = readFileSync(`/proc/${app}/environ`, 'utf8').split('\0');
      const at = environment.findIndex((entry) => entry.startsWith('GLIBC_TUNABLES='));
      const rest = environment.slice(at + 1);
      const applied = [environment[at], ...rest.slice(0, Math.max(0, rest.findIndex((entry) => !entry.startsWith('glibc.'))))];
      expect(applied.join(':')).toBe('GLIBC_TUNABLES=glibc.malloc.arena_max=2:glibc.malloc.trim_threshold=131072:glibc.malloc.mmap_threshold=131072');
    } finally {
      npm.kill('SIGTERM');
      const code = await exited;
      rmSync(dataDir, { recursive: true, force: true });
      expect(code, output).toBe(0);
    }
  });
});
