import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Database, DataFolderInUseError } from '../../src/db/Database.ts';

// Two processes on one PGlite folder write over each other's pages: the second opening is refused
// while the first holds it, and the folder is free again once the first closes it.
const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

describe('the embedded database folder', () => {
  it('is held by one opening at a time, and freed by close', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'bienvenue-lock-'));
    folders.push(dataDir);
    const first = await Database.open({ dataDir });
    await expect(Database.open({ dataDir, lockWaitMs: 0 })).rejects.toThrow(DataFolderInUseError);
    await expect(Database.open({ dataDir, lockWaitMs: 0 })).rejects.toThrow(/is open in another process/);
    await first.close();
    const second = await Database.open({ dataDir, lockWaitMs: 0 });
    expect(await second.prisma.$queryRawUnsafe<{ one: number }[]>('SELECT 1 AS one')).toEqual([{ one: 1 }]);
    await second.close();
  });

  it('refuses at once a folder a live process holds, and takes at once the one a dead process held', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'bienvenue-lock-'));
    folders.push(dataDir);
    const lock = path.join(dataDir, 'pglite.lock');
    mkdirSync(path.join(dataDir, 'pglite'), { recursive: true });
    // Held by a live process (pid 1 always runs), its lock fresh: no waiting for it to lapse.
    mkdirSync(lock);
    writeFileSync(`${lock}.pid`, '1\n');
    const started = Date.now();
    await expect(Database.open({ dataDir, lockWaitMs: 30_000 })).rejects.toThrow(DataFolderInUseError);
    expect(Date.now() - started).toBeLessThan(5_000);
    // Held by a process that is gone (a crash): its lock is removed and the folder opens.
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
    writeFileSync(`${lock}.pid`, `${gone}\n`);
    const db = await Database.open({ dataDir, lockWaitMs: 0 });
    expect(readFileSync(`${lock}.pid`, 'utf8').trim()).toBe(String(process.pid));
    await db.close();
    expect(existsSync(lock)).toBe(false);
    expect(existsSync(`${lock}.pid`)).toBe(false);
  });

  it('in memory takes no lock', async () => {
    const first = await Database.open({ dataDir: ':memory:' });
    const second = await Database.open({ dataDir: ':memory:' });
    for (const db of [first, second]) expect(await db.prisma.$queryRawUnsafe<{ one: number }[]>('SELECT 1 AS one')).toEqual([{ one: 1 }]);
    await Promise.all([first.close(), second.close()]);
  });
});
