import { ConfigError, loadConfig, loadDotEnv } from '../config.ts';
import { Database } from '../db/Database.ts';
import { migrate, migrationStatus } from '../db/migrate.ts';
import { directoryJson, exportDirectory, writeDirectoryExport } from '../directory/exportDirectory.ts';
import type { ExportFormat } from '../directory/exportDirectory.ts';
import { checkDirectory, formatRejection } from '../directory/importDirectory.ts';

// `npm run directory:export [-- <path>] [--format json|csv]` writes the directory out as HSDS:
// JSON on stdout without a path, a JSON file for a path ending in .json, a folder of CSV tables
// otherwise. `npm run directory:import` reads any of them back, changing nothing.
const USAGE = 'usage: npm run directory:export [-- <file.json | folder>] [--format json|csv]';

/** A wrong command line: print the usage, exit 2. */
class UsageError extends Error {}

try {
  const { path, format } = parseArgs(process.argv.slice(2));
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
  console.error(error instanceof ConfigError || error instanceof UsageError ? error.message : `directory:export failed: ${(error as Error).message}`);
  process.exitCode = error instanceof UsageError ? 2 : 1;
}

function parseArgs(args: string[]): { path: string | undefined; format: ExportFormat | undefined } {
  let path: string | undefined;
  let format: ExportFormat | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const value = arg.startsWith('--format=') ? arg.slice('--format='.length) : arg === '--format' ? args[++i] : undefined;
    if (value !== undefined || arg === '--format') {
      if (value !== 'json' && value !== 'csv') throw new UsageError(`--format is json or csv\n${USAGE}`);
      format = value;
    } else if (arg.startsWith('-') || path !== undefined) throw new UsageError(USAGE);
    else path = arg;
  }
  if (path === undefined && format === 'csv') throw new UsageError(`CSV is a folder of five tables: give the folder to write\n${USAGE}`);
  return { path, format };
}
