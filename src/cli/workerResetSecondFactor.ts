import { resetSecondFactor } from '../auth/workers.ts';
import type { SessionWorker } from '../auth/sessions.ts';
import { ConfigError, loadConfig, loadDotEnv } from '../config.ts';
import { CommandError, describeFailure, emailArgument, runWorkerCommand } from './workerCommand.ts';

// `npm run worker:reset-second-factor -- --email …` turns off the second factor of a worker who
// lost their phone, including the last admin, who has nobody to do it from the console. Audited
// (`second_factor_reset`). Safe while the app runs: see runWorkerCommand.
const USAGE = 'usage: npm run worker:reset-second-factor -- --email <address>';

try {
  const email = emailArgument(USAGE);
  loadDotEnv();
  const config = loadConfig();
  const { result, via } = await runWorkerCommand<{ worker: SessionWorker; wasEnabled: boolean }>({
    config,
    remote: { path: '/internal/workers/reset-second-factor', body: { email } },
    direct: (db) => resetSecondFactor(db, { email }, { via: 'cli' }),
  });
  const who = `${result.worker.name} <${result.worker.email}>`;
  const through = via === 'app' ? ' (through the running app)' : '';
  console.log(
    result.wasEnabled
      ? `Two-step sign-in turned off for ${who}${through}: they sign in with their password and set it up again.`
      : `${who} had no two-step sign-in set up${through}; nothing else changed.`,
  );
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : `worker:reset-second-factor failed: ${describeFailure(error)}`);
  process.exitCode = error instanceof CommandError ? error.exitCode : 1;
}
