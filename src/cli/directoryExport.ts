import { ConfigError, loadConfig, loadDotEnv } from '../config.ts';
import { Database } from '../db/Database.ts';
import { migrate, migrationStatus } from '../db/migrate.ts';
import { directoryJson, exportDirectory, writeDirectoryExport } from '../directory/exportDirectory.ts';
import type { ExportFormat } from '../directory/exportDirectory.ts';
import { checkDirectory, formatRejection } from '../directory/importDirectory.ts';
import { exitWithUsage, readCommandLine } from './commandLine.ts';

// `npm run directory:export [-- <path>] [--format json|csv]` writes the directory out as HSDS:
// JSON on stdout without a path, a JSON file for a path ending in .json, a folder of CSV tables
// otherwise. `npm run directory:import` reads any of them back, changing nothing.
const USAGE = 'usage: npm run directory:export [-- <file.json | folder>] [--format json|csv]';

const { path, format } = commandLine();

try {
  loadDotEnv();
  const config = loadConfig();
  const db = await Database.open({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    if (config.autoMigrate) await migrate(db);
    const pending = (await migrationStatus(db)).pending;
    if (pending.length > 0) throw new Error(`migrations pending (${pending.join(', ')}): run npm run db:migrate first`);
    const directory = await exportDirectory(db.prisma);
    if (path === undefined) process.stdout.write(directoryJson(directory));
    else {
      const files = await writeDirectoryExport(directory, path, format);
      console.log(`Wrote ${files.join(', ')}`);
      console.log(
        `${directory.organizations.length} organizations, ${directory.services.length} services, ${directory.locations.length} locations, ${directory.schedules.length} schedules`,
      );
    }
    const problems = checkDirectory(directory, path ?? 'stdout');
    for (const problem of problems) console.error(`warning: ${formatRejection(problem)}`);
    if (problems.length > 0) console.error(`${problems.length} record(s) above are incomplete: complete them in the file before importing it again.`);
  } finally {
    await db.close();
  }
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : `directory:export failed: ${(error as Error).message}`);
  process.exitCode = 1;
}

function commandLine(): { path: string | undefined; format: ExportFormat | undefined } {
  const { values, positionals } = readCommandLine(USAGE, { allowPositionals: true, options: { format: { type: 'string' } } });
  const { format } = values;
  if (format !== undefined && format !== 'json' && format !== 'csv') exitWithUsage(USAGE, '--format is json or csv');
  if (positionals.length > 1) exitWithUsage(USAGE, 'one file or folder at a time');
  const path = positionals[0];
  if (path === undefined && format === 'csv') exitWithUsage(USAGE, 'CSV is a folder of five tables: give the folder to write');
  return { path, format };
}
