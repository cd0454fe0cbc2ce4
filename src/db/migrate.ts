import { createHash, randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database, SqlSession } from './Database.ts';

/** Where the SQL migrations live: prisma/migrations/<timestamp>_<name>/migration.sql. */
export const MIGRATIONS_DIR = fileURLToPath(new URL('../../prisma/migrations', import.meta.url));

// Prisma's own table, so `prisma migrate status` agrees wherever its engine is available.
const MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

// The key Prisma Migrate takes, so our runner and Prisma's never migrate at the same time.
const ADVISORY_LOCK_KEY = 72707369;

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export interface MigrationStatus {
  applied: string[];
  pending: string[];
  /** Applied migrations whose file changed since (checksum mismatch). */
  modified: string[];
  failed: string[];
}

/** Reads the migration files in order. */
export async function readMigrations(dir: string = MIGRATIONS_DIR): Promise<Migration[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(path.join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    }),
  );
}

/** Compares the files with what `_prisma_migrations` records. */
export async function migrationStatus(db: Database, dir?: string): Promise<MigrationStatus> {
  const migrations = await readMigrations(dir);
  return db.withSqlSession(async (session) => statusIn(session, migrations));
}

/**
 * Applies pending migrations, each in its own transaction, under Prisma's advisory lock so
 * several instances starting together apply each migration once. Returns the names applied.
 */
export async function migrate(db: Database, dir?: string): Promise<string[]> {
  const migrations = await readMigrations(dir);
  return db.withSqlSession(async (session) => {
    if (db.kind === 'postgres') await session.query('SELECT pg_advisory_lock($1)', [ADVISORY_LOCK_KEY]);
    try {
      const status = await statusIn(session, migrations);
      if (status.failed.length > 0) {
        throw new Error(`Migration ${status.failed[0]} failed earlier; fix the database by hand, then delete its row in _prisma_migrations.`);
      }
      if (status.modified.length > 0) {
        throw new Error(`Migration ${status.modified[0]} was changed after it was applied; add a new migration instead.`);
      }
      const applied: string[] = [];
      for (const migration of migrations.filter((m) => status.pending.includes(m.name))) {
        await applyOne(session, migration, db.kind === 'postgres');
        applied.push(migration.name);
      }
      return applied;
    } finally {
      if (db.kind === 'postgres') await session.query('SELECT pg_advisory_unlock($1)', [ADVISORY_LOCK_KEY]);
    }
  });
}

async function statusIn(session: SqlSession, migrations: Migration[]): Promise<MigrationStatus> {
  await session.exec(MIGRATIONS_TABLE);
  const rows = await session.query<{ migration_name: string; checksum: string; finished_at: Date | null; rolled_back_at: Date | null }>(
    'SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL',
  );
  const byName = new Map(rows.map((row) => [row.migration_name, row]));
  const status: MigrationStatus = { applied: [], pending: [], modified: [], failed: [] };
  for (const migration of migrations) {
    const row = byName.get(migration.name);
    if (!row) status.pending.push(migration.name);
    else if (!row.finished_at) status.failed.push(migration.name);
    else if (row.checksum !== migration.checksum) status.modified.push(migration.name);
    else status.applied.push(migration.name);
  }
  return status;
}

async function applyOne(session: SqlSession, migration: Migration, ownTransaction: boolean): Promise<void> {
  const id = randomUUID();
  // PGlite sessions already run inside one transaction (withSqlSession); PostgreSQL gets its own.
  if (ownTransaction) await session.exec('BEGIN');
  try {
    await session.exec(migration.sql);
    await session.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
       VALUES ($1, $2, $3, now(), now(), 1)`,
      [id, migration.checksum, migration.name],
    );
    if (ownTransaction) await session.exec('COMMIT');
  } catch (error) {
    if (ownTransaction) await session.exec('ROLLBACK');
    throw new Error(`Migration ${migration.name} failed: ${(error as Error).message}`, { cause: error });
  }
}
