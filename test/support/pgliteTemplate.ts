import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Database } from '../../src/db/Database.ts';
import { migrate } from '../../src/db/migrate.ts';

/** The variable naming the migrated embedded database that test databases start from (testDatabase.ts). */
export const TEMPLATE_VARIABLE = 'BIENVENUE_TEST_PGLITE_TEMPLATE';

/**
 * The `db` project's global setup: migrates one in-memory PGlite database, writes its data folder
 * (a tar archive of about 40 MB) to a temporary file and names it in BIENVENUE_TEST_PGLITE_TEMPLATE,
 * which the test processes inherit. Starting from it costs about a quarter of the CPU time of
 * creating a database and running every migration. Nothing to do on PostgreSQL (DATABASE_URL set).
 * Returns the teardown, which deletes the file.
 */
export default async function setup(): Promise<(() => void) | undefined> {
  if (process.env.DATABASE_URL) return undefined;
  const db = await Database.open({ dataDir: ':memory:' });
  let archive: Blob;
  try {
    await migrate(db);
    archive = await db.dump();
  } finally {
    await db.close();
  }
  const folder = mkdtempSync(path.join(os.tmpdir(), 'bienvenue-template-'));
  const file = path.join(folder, 'pglite.tar');
  writeFileSync(file, Buffer.from(await archive.arrayBuffer()));
  process.env[TEMPLATE_VARIABLE] = file;
  return () => rmSync(folder, { recursive: true, force: true });
}
