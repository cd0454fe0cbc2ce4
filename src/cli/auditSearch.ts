import { searchAudit, type AuditQuery, type AuditRow } from '../auth/searchAudit.ts';
import { ConfigError, loadConfig, loadDotEnv } from '../config.ts';
import { readCommandLine } from './commandLine.ts';
import { CommandError, describeFailure, runWorkerCommand } from './workerCommand.ts';

// `npm run audit:search -- [--action login_failed] [--email …] [--target …] [--ip …] [--from 2026-11-01] [--to …] [--limit 200] [--json]`
// prints the audit log, newest first. Safe while the app runs (as worker:add is).
const USAGE = 'usage: npm run audit:search -- [--action A] [--email E] [--target ID] [--ip IP] [--from DATE] [--to DATE] [--limit N] [--json]';

try {
  const { values } = readCommandLine(USAGE, {
    options: {
      action: { type: 'string' },
      email: { type: 'string' },
      target: { type: 'string' },
      ip: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      limit: { type: 'string' },
      json: { type: 'boolean' },
    },
  });
  const { json, ...filters } = values;
  const query = Object.fromEntries(Object.entries(filters).filter(([, value]) => value !== undefined)) as AuditQuery;
  loadDotEnv();
  const config = loadConfig();
  const { result } = await runWorkerCommand<AuditRow[]>({ config, remote: { path: '/internal/audit/search', body: query }, direct: (db) => searchAudit(db, query) });
  if (json) console.log(JSON.stringify(result, null, 2));
  else for (const row of result) console.log([row.at, row.action, row.worker?.email ?? row.email ?? '-', row.ip ?? '-', row.target ?? '-', JSON.stringify(row.data)].join('\t'));
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : `audit:search failed: ${describeFailure(error)}`);
  process.exitCode = error instanceof CommandError ? error.exitCode : 1;
}
