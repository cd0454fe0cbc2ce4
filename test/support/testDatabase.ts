import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll } from 'vitest';
import pg from 'pg';
import { Database } from '../../src/db/Database.ts';
import { migrate } from '../../src/db/migrate.ts';
import { TEMPLATE_VARIABLE } from './pgliteTemplate.ts';

/** True when the suite runs against a PostgreSQL server (DATABASE_URL set). */
export const onPostgres = Boolean(process.env.DATABASE_URL);

/**
 * A fresh, migrated database for one test file: an in-memory PGlite by default, or a new
 * database on the server named by DATABASE_URL (dropped by `drop`).
 */
export async function createTestDatabase(): Promise<{ url: string | undefined; open: () => Promise<Database>; drop: () => Promise<void> }> {
  const base = process.env.DATABASE_URL;
  if (!base) {
    return { url: undefined, open: () => openMigrated(undefined), drop: async () => {} };
  }
  const name = `bienvenue_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(base, `CREATE DATABASE "${name}"`);
  const url = withDatabase(base, name);
  return {
    url,
    open: () => openMigrated(url),
    drop: () => adminQuery(base, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}

/**
 * Opens the database at `url` (PostgreSQL), else a new in-memory PGlite one, and applies what
 * migrations it lacks. In memory, it starts as a copy of the migrated template of the `db`
 * project's global setup (pgliteTemplate.ts) when there is one, so `migrate` finds nothing to do.
 */
export async function openMigrated(url: string | undefined): Promise<Database> {
  const db = await Database.open({ databaseUrl: url, dataDir: ':memory:', initialData: url ? undefined : template() });
  await migrate(db);
  return db;
}

let templateData: Blob | undefined;

function template(): Blob | undefined {
  const file = process.env[TEMPLATE_VARIABLE];
  if (!file) return undefined;
  templateData ??= new Blob([readFileSync(file)]);
  return templateData;
}

function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * Registers hooks that open a fresh, migrated database before a test file's tests and close
 * (and on PostgreSQL drop) it after them. `opened` receives it first (keep it, seed it): in a
 * test file, `let db: Database; useTestDatabase((opened) => { db = opened; });`.
 * Returns `open`, which opens the database again, migrated (PostgreSQL: the same database;
 * embedded: a new in-memory one); the caller closes what it opens.
 */
export function useTestDatabase(opened: (db: Database) => unknown): { open: () => Promise<Database> } {
  let database: Awaited<ReturnType<typeof createTestDatabase>> | undefined;
  let db: Database | undefined;
  beforeAll(async () => {
    database = await createTestDatabase();
    db = await database.open();
    await opened(db);
  });
  afterAll(async () => {
    await db?.close();
    await database?.drop();
  });
  return {
    open: () => {
      if (!database) throw new Error('the test database is created before the first test');
      return database.open();
    },
  };
}
