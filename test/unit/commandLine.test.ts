import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseCommandLine } from '../../src/cli/commandLine.ts';

// Every `npm run` command answers --help with its usage and does nothing else, and a wrong command
// line with what was wrong and the usage (exit 2), never with a stack trace or by running anyway.
const root = fileURLToPath(new URL('../..', import.meta.url));

describe('parseCommandLine', () => {
  const config = { allowPositionals: true, options: { lang: { type: 'string' }, summary: { type: 'boolean', default: false } } } as const;

  it('reads options and positionals', () => {
    const line = parseCommandLine(config, ['--lang', 'ht', 'bonjou', '--summary']);
    expect(line).toEqual({ kind: 'run', parsed: { values: { lang: 'ht', summary: true }, positionals: ['bonjou'] } });
  });

  it('takes --help and -h as a request for the usage, whatever else is there', () => {
    expect(parseCommandLine(config, ['--help'])).toEqual({ kind: 'help' });
    expect(parseCommandLine(config, ['-h'])).toEqual({ kind: 'help' });
    expect(parseCommandLine(config, ['--bogus', '--help'])).toEqual({ kind: 'help' });
    expect(parseCommandLine({ options: { email: { type: 'string' } } }, ['--email', 'a@b.org', '--help'])).toEqual({ kind: 'help' });
  });

  it('after --, --help is a message like any other', () => {
    expect(parseCommandLine(config, ['--', '--help'])).toEqual({ kind: 'run', parsed: { values: { summary: false }, positionals: ['--help'] } });
  });

  it('says what was wrong instead of throwing', () => {
    expect(parseCommandLine(config, ['--bogus'])).toEqual({ kind: 'wrong', message: expect.stringContaining("Unknown option '--bogus'") });
    expect(parseCommandLine(config, ['--lang'])).toEqual({ kind: 'wrong', message: expect.stringContaining("'--lang <value>' argument missing") });
    expect(parseCommandLine({ options: { email: { type: 'string' } } }, ['stray'])).toEqual({ kind: 'wrong', message: expect.stringContaining("Unexpected argument 'stray'") });
  });
});

describe('the commands', () => {
  // The commands that open the database are the ones where running anyway did harm: `db:seed --help` seeded it.
  const commands = ['dbSeed', 'dbMigrate', 'chat', 'directoryImport', 'nlu'] as const;

  it.each(commands)('%s --help prints its usage, exits 0 and touches no database', async (script) => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'bienvenue-cli-'));
    try {
      const result = await runCli(script, ['--help'], path.join(dataDir, 'data'));
      expect(result).toMatchObject({ code: 0, stderr: '' });
      expect(result.stdout).toMatch(/^usage: npm run \S+/);
      expect(existsSync(path.join(dataDir, 'data'))).toBe(false);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it.each(commands)('%s with an unknown option says so, shows the usage and exits 2', async (script) => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'bienvenue-cli-'));
    try {
      const result = await runCli(script, ['--frobnicate'], path.join(dataDir, 'data'));
      expect(result).toMatchObject({ code: 2, stdout: '' });
      expect(result.stderr).toMatch(/^Unknown option '--frobnicate'.*\nusage: npm run \S+/s);
      expect(result.stderr).not.toMatch(/\n\s+at /);
      expect(existsSync(path.join(dataDir, 'data'))).toBe(false);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('audit:search', () => {
  it('says which date it cannot read, before opening anything', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'bienvenue-cli-'));
    try {
      const result = await runCli('auditSearch', ['--from', 'yesterday'], path.join(dataDir, 'data'));
      expect(result).toMatchObject({ code: 2, stdout: '' });
      expect(result.stderr).toMatch(/^--from must be a date such as 2026-11-01 .*\(got "yesterday"\)\nusage: npm run audit:search/);
      expect(existsSync(path.join(dataDir, 'data'))).toBe(false);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

function runCli(script: string, args: string[], dataDir: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env = { PATH: process.env.PATH ?? '', DATA_DIR: dataDir, LOG_LEVEL: 'error' };
  const child = spawn(process.execPath, ['--import', 'tsx', `src/cli/${script}.ts`, ...args], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })));
}
