import { disableWorker } from '../auth/workers.ts';
import type { SessionWorker } from '../auth/sessions.ts';
import { ConfigError, loadConfig, loadDotEnv } from '../config.ts';
import { CommandError, describeFailure, emailArgument, runWorkerCommand } from './workerCommand.ts';

// `npm run worker:disable -- --email …` disables a console account and signs it out everywhere at
// once. The account and its audit trail stay. Safe while the app runs: see runWorkerCommand.
const USAGE = 'usage: npm run worker:disable -- --email <address>';

try {
  const email = emailArgument(USAGE);
  loadDotEnv();
  const config = loadConfig();
  const { result, via } = await runWorkerCommand<{ worker: SessionWorker; sessionsRevoked: number }>({
    config,
    remote: { path: '/internal/workers/disable', body: { email } },
    direct: (db) => disableWorker(db, email, { via: 'cli' }),
  });
  const sessions = result.sessionsRevoked === 1 ? '1 session' : `${result.sessionsRevoked} sessions`;
  console.log(`Disabled ${result.worker.name} <${result.worker.email}>; ${sessions} signed out${via === 'app' ? ' through the running app' : ''}.`);
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : `worker:disable failed: ${describeFailure(error)}`);
  process.exitCode = error instanceof CommandError ? error.exitCode : 1;
}
