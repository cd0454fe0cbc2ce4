import type { SessionWorker } from '../../src/auth/sessions.ts';
import { createWorker, type NewWorker } from '../../src/auth/workers.ts';
import type { Service } from '../../src/Service.ts';

/**
 * Creates a worker account in a test app's database as `npm run worker:add` would, its password
 * hashed at the app's configured cost (cheap under `testConfig`); audited as made `via: 'test'`.
 */
export function addWorker(service: Pick<Service, 'db' | 'config'>, worker: NewWorker): Promise<SessionWorker> {
  return createWorker(service.db, { input: worker, actor: { via: 'test' }, passwordCost: service.config.passwordCost });
}
