import { createWorker, newWorkerSchema } from '../auth/workers.ts';
import type { SessionWorker } from '../auth/sessions.ts';
import { ConfigError, loadConfig, loadDotEnv } from '../config.ts';
import { exitWithUsage, readCommandLine } from './commandLine.ts';
import { CommandError, describeFailure, runWorkerCommand } from './workerCommand.ts';

// `npm run worker:add -- --email … --password … --name … --languages fr,es [--role admin]` creates a
// console account. Safe while the app runs: see runWorkerCommand. Without --password, the password
// is read from standard input (so it stays out of the shell history and the process list).
const USAGE = 'usage: npm run worker:add -- --email <address> --password <12+ characters> --name <name> --languages fr,en,es,ht [--role worker|admin]';

try {
  const values = parseCommandLine();
  const input = newWorkerSchema.parse({
    email: values.email,
    password: values.password ?? (await readPasswordFromStdin()),
    name: values.name,
    languages: (values.languages ?? '').split(',').map((language) => language.trim().toLowerCase()).filter(Boolean),
    role: values.role,
  });
  loadDotEnv();
  const config = loadConfig();
  const { result, via } = await runWorkerCommand<{ worker: SessionWorker }>({
    config,
    remote: { path: '/internal/workers', body: input },
    direct: async (db) => ({ worker: await createWorker(db, { input, actor: { via: 'cli' }, passwordCost: config.passwordCost }) }),
  });
  const { worker } = result;
  console.log(`Added ${worker.name} <${worker.email}> (${worker.role}; ${worker.languages.join(', ')})${via === 'app' ? ' through the running app' : ''}.`);
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : `worker:add failed: ${describeFailure(error)}`);
  process.exitCode = error instanceof CommandError ? error.exitCode : 1;
}

function parseCommandLine() {
  const { values } = readCommandLine(USAGE, {
    options: {
      email: { type: 'string' },
      password: { type: 'string' },
      name: { type: 'string' },
      languages: { type: 'string' },
      role: { type: 'string' },
    },
  });
  if (!values.email || !values.name || !values.languages) exitWithUsage(USAGE, '--email, --name and --languages are required');
  return values;
}

async function readPasswordFromStdin(): Promise<string> {
  if (process.stdin.isTTY) throw new CommandError(`--password is required (or pipe it on standard input)\n${USAGE}`, 2);
  let text = '';
  for await (const chunk of process.stdin) text += String(chunk);
  return text.replace(/\r?\n$/, '');
}
