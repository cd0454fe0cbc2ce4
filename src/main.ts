import v8 from 'node:v8';
import { ConfigError, loadConfig, loadDotEnv } from './config.ts';
import { createLogger } from './log.ts';
import { Service } from './Service.ts';
import { FlowFileError } from './conversation/loadFlows.ts';
import { OWASP_SCRYPT_COST } from './auth/scryptCost.ts';

// Entry point of `npm start`: validate configuration, open and migrate the database, listen.

/**
 * A configuration or a flow file the app cannot run with: its message (what, and where) and exit
 * code 1, no stack trace. Anything else is thrown on.
 */
function refuseToStart(error: unknown): never {
  if (error instanceof ConfigError || error instanceof FlowFileError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}

let config;
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
await service.start();
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
