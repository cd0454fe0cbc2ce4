import { searchAudit, type AuditQuery, type AuditRow } from '../auth/searchAudit.ts';
import { ConfigError, loadConfig, loadDotEnv } from '../config.ts';
import { exitWithUsage, readCommandLine } from './commandLine.ts';
import { CommandError, describeFailure, runWorkerCommand } from './workerCommand.ts';

// `npm run audit:search -- [--action login_failed] [--email …] [--target …] [--ip …] [--from 2026-11-01] [--to …] [--limit 200] [--json]`
// prints the audit log, newest first. Safe while the app runs (as worker:add is).
const USAGE = 'usage: npm run audit:search -- [--action A] [--email E] [--target ID] [--ip IP] [--from DATE] [--to DATE] [--limit N] [--json]\n  actions include login, login_failed, login_throttled, logout, worker_added, worker_disabled, handoff_claimed, handoff_reply, handoff_resolved, transcript_viewed, transcript_exported, family_erased, password_changed, second_factor_enabled, second_factor_reset';

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
  for (const bound of ['from', 'to'] as const) {
    const value = filters[bound];
    if (value !== undefined && Number.isNaN(Date.parse(value))) exitWithUsage(USAGE, `--${bound} must be a date such as 2026-11-01 or 2026-11-01T09:00 (got "${value}")`);
  }
  const query = Object.fromEntries(Object.entries(filters).filter(([, value]) => value !== undefined)) as AuditQuery;
  loadDotEnv();
  const config = loadConfig();
  const { result } = await runWorkerCommand<AuditRow[]>({ config, remote: { path: '/internal/audit/search', body: query }, direct: (db) => searchAudit(db, query) });
  if (json) console.log(JSON.stringify(result, null, 2));
  else if (result.length === 0) console.error('No audit entry matches.');
  else {
    console.log(['at', 'action', 'email', 'ip', 'target', 'data'].join('\t'));
    for (const row of result) console.log([row.at, row.action, row.worker?.email ?? row.email ?? '-', row.ip ?? '-', row.target ?? '-', JSON.stringify(row.data)].join('\t'));
  }
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : `audit:search failed: ${describeFailure(error)}`);
  process.exitCode = error instanceof CommandError ? error.exitCode : 1;
}
