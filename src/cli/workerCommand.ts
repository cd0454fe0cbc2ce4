import { ZodError } from 'zod';
import { AdminTokenFile } from '../auth/AdminTokenFile.ts';
import type { Config } from '../config.ts';
import { Database } from '../db/Database.ts';
import { migrate, migrationStatus } from '../db/migrate.ts';
import { exitWithUsage, readCommandLine } from './commandLine.ts';
import { processAlive } from '../processAlive.ts';

/** A failure to show as is: the app refused, or the command line was wrong (exit code 2). */
export class CommandError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

/** The `--email` of a command that takes only that; otherwise prints `usage` and exits (`readCommandLine`). */
export function emailArgument(usage: string): string {
  const { email } = readCommandLine(usage, { options: { email: { type: 'string' } } }).values;
  return email || exitWithUsage(usage, '--email is required');
}

/**
 * Runs an account change of `worker:add` / `worker:disable` where it is safe. With PostgreSQL,
 * directly in the database. On the embedded database, the running app owns the data folder and a
 * second process must not open it: if the app's admin-token file is there, the change is sent to
 * its loopback endpoint; if not (the app is stopped), the command opens the database itself.
 */
export async function runWorkerCommand<T>(args: {
  config: Config;
  /** The same change through the running app: POST `path` with `body`, answered with T. */
  remote: { path: string; body: unknown };
  direct: (db: Database) => Promise<T>;
}): Promise<{ result: T; via: 'app' | 'database' }> {
  const { config } = args;
  if (!config.databaseUrl) {
    const file = new AdminTokenFile(config.dataDir);
    const handle = await file.read();
    if (handle) {
      const answer = await askApp(handle, args.remote);
      if (answer.reached) return { result: answer.body as T, via: 'app' };
      // A file left by a crash: nobody holds the folder. A live process that does not answer does.
      if (processAlive(handle.pid)) {
        throw new CommandError(`the app (process ${handle.pid}) holds the database in ${config.dataDir} but does not answer at ${handle.url}: try again once it is up (if no app runs, delete ${file.path})`);
      }
    }
  }
  const db = await Database.open({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    if (config.autoMigrate) await migrate(db);
    const pending = (await migrationStatus(db)).pending;
    if (pending.length > 0) throw new CommandError(`migrations pending (${pending.join(', ')}): run npm run db:migrate first`);
    return { result: await args.direct(db), via: 'database' };
  } finally {
    await db.close();
  }
}

/** One line for a failure: validation issues by field, refusals as the app worded them. */
export function describeFailure(error: unknown): string {
  if (error instanceof ZodError) return error.issues.map((issue) => `${issue.path.join('.') || 'input'}: ${issue.message}`).join('; ');
  return (error as Error).message;
}

async function askApp(handle: { url: string; token: string }, request: { path: string; body: unknown }): Promise<{ reached: false } | { reached: true; body: unknown }> {
  let response: Response;
  try {
    response = await fetch(new URL(request.path, handle.url), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${handle.token}` },
      body: JSON.stringify(request.body),
      signal: AbortSignal.timeout(30_000),
    });
  } catch {
    return { reached: false };
  }
  const body = (await response.json().catch(() => ({}))) as { error?: string };
  if (!response.ok) throw new CommandError(body.error ?? `the app answered ${response.status}`);
  return { reached: true, body };
}

