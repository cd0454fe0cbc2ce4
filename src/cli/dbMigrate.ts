import { ConfigError, loadConfig, loadDotEnv } from '../config.ts';
import { Database } from '../db/Database.ts';
import { migrate, migrationStatus } from '../db/migrate.ts';
import { readCommandLine } from './commandLine.ts';

// `npm run db:migrate` applies pending migrations; `npm run db:migrate -- --status` only reports.
const { values } = readCommandLine('usage: npm run db:migrate [-- --status]', { options: { status: { type: 'boolean', default: false } } });
try {
  loadDotEnv();
  const config = loadConfig();
  const db = await Database.open({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    if (values.status) {
      const status = await migrationStatus(db);
      console.log(JSON.stringify(status, null, 2));
      process.exitCode = status.pending.length + status.failed.length + status.modified.length > 0 ? 1 : 0;
    } else {
      const applied = await migrate(db);
      console.log(applied.length > 0 ? `Applied ${applied.length} migration(s): ${applied.join(', ')}` : 'Database is up to date.');
    }
  } finally {
    await db.close();
  }
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : `db:migrate failed: ${(error as Error).message}`);
  process.exitCode = 1;
}
