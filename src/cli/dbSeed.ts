import { ConfigError, loadConfig, loadDotEnv } from '../config.ts';
import { Database } from '../db/Database.ts';
import { migrate, migrationStatus } from '../db/migrate.ts';
import { readDirectorySeed, seedDirectory } from '../directory/seedDirectory.ts';
import { exitWithUsage, readCommandLine } from './commandLine.ts';

// `npm run db:seed` loads prisma/seed/directory.json into the directory (or the file given:
// `npm run db:seed -- path/to/directory.json`). Running it again changes only what the file changed.
const USAGE = 'usage: npm run db:seed [-- <directory.json>]';
const { positionals } = readCommandLine(USAGE, { allowPositionals: true });
if (positionals.length > 1) exitWithUsage(USAGE, 'one file at most');
try {
  loadDotEnv();
  const config = loadConfig();
  const path = positionals[0];
  const data = await readDirectorySeed(path);
  const db = await Database.open({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    if (config.autoMigrate) await migrate(db);
    const pending = (await migrationStatus(db)).pending;
    if (pending.length > 0) throw new Error(`migrations pending (${pending.join(', ')}): run npm run db:migrate first`);
    const report = await seedDirectory(db, data);
    for (const [table, counts] of Object.entries(report)) {
      console.log(`${table}: ${counts.inserted} added, ${counts.updated} updated, ${counts.deleted} removed`);
    }
  } finally {
    await db.close();
  }
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : `db:seed failed: ${(error as Error).message}`);
  process.exitCode = 1;
}
