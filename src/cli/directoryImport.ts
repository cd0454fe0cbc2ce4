import { ConfigError, loadConfig, loadDotEnv } from '../config.ts';
import { Database } from '../db/Database.ts';
import { migrate, migrationStatus } from '../db/migrate.ts';
import { RECORD_TABLES } from '../directory/directoryFile.ts';
import { formatRejection, importDirectory, readDirectoryInput } from '../directory/importDirectory.ts';
import { exitWithUsage, readCommandLine } from './commandLine.ts';

// `npm run directory:import -- <path> [--dry-run]` loads a directory file into the database, all or
// nothing: a JSON file shaped like prisma/seed/directory.json, a folder of HSDS CSV tables
// (organizations.csv, services.csv, locations.csv, service_at_location.csv, schedules.csv), or one
// of those .csv files. Every rejected row is printed with its line and reason; then nothing changes.
const USAGE = 'usage: npm run directory:import -- <file.json | folder of CSV tables | table.csv> [--dry-run]';

const { values, positionals: paths } = readCommandLine(USAGE, { allowPositionals: true, options: { 'dry-run': { type: 'boolean', default: false } } });
if (paths.length !== 1) exitWithUsage(USAGE, paths.length === 0 ? 'which file or folder?' : 'one file or folder at a time');
const dryRun = values['dry-run'];

try {
  loadDotEnv();
  const config = loadConfig();
  const input = await readDirectoryInput(paths[0]!);
  const db = await Database.open({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    if (config.autoMigrate) await migrate(db);
    const pending = (await migrationStatus(db)).pending;
    if (pending.length > 0) throw new Error(`migrations pending (${pending.join(', ')}): run npm run db:migrate first`);
    const result = await importDirectory(db, input, { dryRun });
    if (!result.ok) {
      for (const rejection of result.rejected) console.error(formatRejection(rejection));
      console.error(`${result.rejected.length} row${result.rejected.length === 1 ? '' : 's'} rejected: nothing was imported.`);
      process.exitCode = 1;
    } else {
      console.log(dryRun ? `${paths[0]} is valid (dry run: nothing was written).` : `Imported ${paths[0]}.`);
      for (const table of RECORD_TABLES) {
        const counts = result.counts[table];
        console.log(`${table}: ${counts.created} created, ${counts.updated} updated, ${counts.unchanged} unchanged`);
      }
    }
  } finally {
    await db.close();
  }
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : `directory:import failed: ${(error as Error).message}`);
  process.exitCode = 1;
}
