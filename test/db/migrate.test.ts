import { cpSync, mkdtempSync, writeFileSync, appendFileSync, mkdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../src/db/Database.ts';
import { migrate, migrationStatus, MIGRATIONS_DIR, readMigrations } from '../../src/db/migrate.ts';
import { createTestDatabase } from '../support/testDatabase.ts';

// Every folder a test makes is removed after it.
const made: string[] = [];
const temporaryDir = (prefix: string): string => {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

let db: Database;
let drop: () => Promise<void>;

beforeAll(async () => {
  const database = await createTestDatabase();
  drop = database.drop;
  db = await Database.open({ databaseUrl: database.url, dataDir: ':memory:' });
});

afterAll(async () => {
  await db?.close();
  await drop?.();
});

describe('migrations', () => {
  it('applies every migration once and records it the way Prisma does', async () => {
    const files = await readMigrations();
    expect(await migrate(db)).toEqual(files.map((file) => file.name));
    expect(await migrate(db)).toEqual([]);
    const rows = await db.prisma.$queryRaw<{ migration_name: string; checksum: string; finished_at: Date | null; applied_steps_count: number }[]>`
      SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name`;
    expect(rows.map((row) => [row.migration_name, row.checksum, row.applied_steps_count])).toEqual(files.map((file) => [file.name, file.checksum, 1]));
    expect(rows.every((row) => row.finished_at instanceof Date)).toBe(true);
    expect(await migrationStatus(db)).toMatchObject({ pending: [], modified: [], failed: [] });
  });

  it('refuses to run when an applied migration file was edited, and applies a new one', async () => {
    const dir = temporaryDir('migrations-');
    cpSync(MIGRATIONS_DIR, dir, { recursive: true });
    const [first] = await readMigrations(dir);
    mkdirSync(path.join(dir, '29990101000000_add_note'));
    writeFileSync(path.join(dir, '29990101000000_add_note', 'migration.sql'), 'ALTER TABLE "contacts" ADD COLUMN "note" TEXT;\n');
    expect(await migrationStatus(db, dir)).toMatchObject({ pending: ['29990101000000_add_note'] });
    expect(await migrate(db, dir)).toEqual(['29990101000000_add_note']);
    appendFileSync(path.join(dir, first!.name, 'migration.sql'), '\n-- edited\n');
    await expect(migrate(db, dir)).rejects.toThrow(/was changed after it was applied/);
  });

  it('rolls back a failing migration and reports it', async () => {
    const dir = temporaryDir('migrations-');
    cpSync(MIGRATIONS_DIR, dir, { recursive: true });
    mkdirSync(path.join(dir, '29990101000000_add_note'));
    writeFileSync(path.join(dir, '29990101000000_add_note', 'migration.sql'), 'ALTER TABLE "contacts" ADD COLUMN "note" TEXT;\n');
    mkdirSync(path.join(dir, '29990202000000_broken'));
    writeFileSync(path.join(dir, '29990202000000_broken', 'migration.sql'), 'CREATE TABLE "x" (id int);\nSELECT no_such_function();\n');
    await expect(migrate(db, dir)).rejects.toThrow(/29990202000000_broken failed/);
    const tables = await db.prisma.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_name = 'x'`;
    expect(tables[0]!.n).toBe(0);
    expect((await migrationStatus(db, dir)).pending).toEqual(['29990202000000_broken']);
  });

  it('keeps every message’s time when received_at becomes created_at', async () => {
    const database = await createTestDatabase();
    const fresh = await Database.open({ databaseUrl: database.url, dataDir: ':memory:' });
    try {
      const dir = temporaryDir('migrations-');
      cpSync(MIGRATIONS_DIR, dir, { recursive: true });
      const rename = '20261202100000_messages_created_at';
      const later = (await readMigrations(dir)).filter((file) => file.name >= rename);
      const aside = temporaryDir('migrations-later-');
      for (const file of later) cpSync(path.join(dir, file.name), path.join(aside, file.name), { recursive: true });
      for (const file of later) rmSync(path.join(dir, file.name), { recursive: true });
      await migrate(fresh, dir);
      const at = new Date('2026-03-15T14:30:00.000Z');
      await fresh.prisma.$executeRaw`INSERT INTO contacts (id, address, phone, channel, updated_at) VALUES ('00000000-0000-4000-8000-000000000001', '+15145550123', '+15145550123', 'sms', now())`;
      await fresh.prisma.$executeRaw`
        INSERT INTO messages (contact_id, direction, author, body, status, received_at)
        VALUES ('00000000-0000-4000-8000-000000000001', 'outbound', 'bot', 'Bonjour', 'sent', ${at})`;
      for (const file of later) cpSync(path.join(aside, file.name), path.join(dir, file.name), { recursive: true });
      expect(await migrate(fresh, dir)).toEqual(later.map((file) => file.name));
      expect((await fresh.prisma.message.findFirstOrThrow()).createdAt).toEqual(at);
    } finally {
      await fresh.close();
      await database.drop();
    }
  });
});

