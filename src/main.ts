import v8 from 'node:v8';
import { ConfigError, loadConfig, loadDotEnv } from './config.ts';
import { createLogger } from './log.ts';
import { Service } from './Service.ts';
import { FlowFileError } from './conversation/loadFlows.ts';
import { OWASP_SCRYPT_COST } from './auth/scryptCost.ts';
import { DataFolderInUseError } from './db/Database.ts';

// Entry point of `npm start`: validate configuration, open and migrate the database, listen.

/**
 * A configuration, a flow file, a database or a port the app cannot start with: one line saying
 * what and which setting (exit code 1, no stack trace). Anything else is thrown on.
 */
function refuseToStart(error: unknown): never {
  const problem = error instanceof ConfigError || error instanceof FlowFileError || error instanceof DataFolderInUseError ? error.message : startupProblem(error);
  if (problem === undefined) throw error;
  console.error(problem);
  process.exit(1);
}

/** The usual reasons a start fails outside the app, in words naming the setting to change; undefined for the rest. */
function startupProblem(error: unknown): string | undefined {
  const { code, message } = error as { code?: string; message?: string };
  const where = config?.databaseUrl ? describeDatabase(config.databaseUrl) : 'the database';
  if (code === 'EADDRINUSE') return `Cannot listen on ${config?.host}:${config?.port}: the port is already in use (another app, or this one started twice). Stop it, or set PORT.`;
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'ETIMEDOUT') return `Cannot reach ${where} (DATABASE_URL): ${message}. Is PostgreSQL running there?`;
  if (code === '3D000') return `DATABASE_URL names a database that does not exist: ${message}. Create it (createdb) or fix DATABASE_URL.`;
  if (code === '28P01' || code === '28000') return `${where} refused the user or password of DATABASE_URL: ${message}.`;
  return undefined;
}

/** host:port/database of a connection string, without the user or password. */
function describeDatabase(url: string): string {
  try {
    const parsed = new URL(url);
    return `the database ${parsed.host}${parsed.pathname}`;
  } catch {
    return 'the database';
  }
}

let config: ReturnType<typeof loadConfig> | undefined;
try {
  loadDotEnv();
  config = loadConfig();
} catch (error) {
  refuseToStart(error);
}

// The thread that runs turns filled its old generation with promoted garbage to about four times
// its live data before a full collection (PostgreSQL: 542 MiB after the bench's load); collecting
// once it grows by half kept it near 350 for the same latency. Embedded, once webhooks were stored
// in batches between turns, it took the app from 564 to 400 MiB after the load for the same CPU
// per message (8.6 against 8.8 ms, one run each; README, Memory).
v8.setFlagsFromString('--heap-growing-percent=50');
const log = createLogger(config.logLevel);
for (const warning of config.retired) log.warn(warning);
if (config.passwordCost.log2N < OWASP_SCRYPT_COST.log2N) {
  log.warn(`PASSWORD_SCRYPT_LOG2N=${config.passwordCost.log2N} is below OWASP's ${OWASP_SCRYPT_COST.log2N}: new password hashes are weaker (meant for tests)`);
}
const service = await Service.create(config, log).catch(refuseToStart);
await service.start().catch(refuseToStart);
if (config.simulator) {
  log.info(`Simulator mode (no Twilio credentials): open http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}/simulator`);
}

let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'bienvenue: shutting down');
    service.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        log.error({ err: error }, 'bienvenue: unclean shutdown');
        process.exit(1);
      },
    );
  });
}
