import { describe, expect, it } from 'vitest';
import { disableWorker, ensureFirstAdmin } from '../../src/auth/workers.ts';
import { createLogger } from '../../src/log.ts';
import { useTestService } from '../support/startTestService.ts';

// ADMIN_EMAIL/ADMIN_PASSWORD at start: an admin is created only while no *active* admin exists.
const t = useTestService({ env: {} });

describe('ensureFirstAdmin', () => {
  const ensure = (email: string) => ensureFirstAdmin(t.service.db, { admin: { email, password: 'a long enough passphrase here' }, log: createLogger('silent'), passwordCost: t.service.config.passwordCost });
  const activeAdmins = () => t.service.db.prisma.worker.findMany({ where: { role: 'admin', disabledAt: null }, select: { email: true } });

  it('without ADMIN_EMAIL, says how to create the first account while there is no admin, and stays quiet once there is one', async () => {
    const warnings: string[] = [];
    const log = Object.assign(createLogger('silent'), { warn: (message: string) => void warnings.push(message) });
    const noAdmin = () => ensureFirstAdmin(t.service.db, { admin: undefined, log, passwordCost: t.service.config.passwordCost });
    expect(await activeAdmins()).toEqual([]);
    expect(await noAdmin()).toBe(false);
    expect(warnings).toEqual([expect.stringContaining('npm run worker:add')]);
    expect(await ensure('admin@bienvenue.test')).toBe(true);
    expect(await noAdmin()).toBe(false);
    expect(warnings).toHaveLength(1);
    await disableWorker(t.service.db, 'admin@bienvenue.test', { via: 'test' });
  });

  it('creates the first admin, none while one is active, and another once every admin is disabled', async () => {
    expect(await ensure('first@bienvenue.test')).toBe(true);
    expect(await ensure('second@bienvenue.test')).toBe(false);
    expect(await activeAdmins()).toEqual([{ email: 'first@bienvenue.test' }]);
    await disableWorker(t.service.db, 'first@bienvenue.test', { via: 'test' });
    expect(await ensure('third@bienvenue.test')).toBe(true);
    expect(await activeAdmins()).toEqual([{ email: 'third@bienvenue.test' }]);
  });
});
