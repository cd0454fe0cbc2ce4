import { mkdtempSync, rmSync } from 'node:fs';
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

  it('in memory takes no lock', async () => {
    const first = await Database.open({ dataDir: ':memory:' });
    const second = await Database.open({ dataDir: ':memory:' });
    for (const db of [first, second]) expect(await db.prisma.$queryRawUnsafe<{ one: number }[]>('SELECT 1 AS one')).toEqual([{ one: 1 }]);
    await Promise.all([first.close(), second.close()]);
  });
});
