import { generate } from 'otplib';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { addWorker } from '../support/addWorker.ts';
import { translate, type Language } from '../../src/i18n.ts';
import { useConsoleBrowser } from '../support/consoleBrowser.ts';
import { signIn } from '../support/signIn.ts';
import { useTestService } from '../support/startTestService.ts';

// The worker's account page and the admins' page in a real Chromium: a worker turns on two-step
// sign-in with an authenticator app, signs in with a code and with a recovery code; an admin
// finds it in the audit log and resets it.

// Each worker chooses here (SECOND_FACTOR=optional); enrolment.test.ts has the sign-in that requires it.
const t = useTestService({ env: { SECOND_FACTOR: 'optional' } });

const ADMIN = { email: 'coordination@bienvenue.test', password: 'coordination a une longue phrase', name: 'Coordination', languages: ['fr'] as Language[], role: 'admin' as const };
const GISELE = { email: 'gisele@bienvenue.test', password: 'gisèle a une longue phrase', name: 'Gisèle', languages: ['fr', 'es'] as Language[] };

const ui = (language: Language, key: string, vars: Record<string, unknown> = {}) => translate(language, `console:${key}`, vars);

const { openConsole, pageErrors } = useConsoleBrowser(t);

beforeAll(async () => {
  await addWorker(t.service, GISELE);
  await addWorker(t.service, ADMIN);
});

async function signOut(page: Page): Promise<void> {
  await page.locator('#logout').click();
  await page.locator('#login-form').waitFor();
}

describe('two-step sign-in in the console', () => {
  it('a worker turns it on with an authenticator app, then signs in with a code, or once with a recovery code', async () => {
    const page = await openConsole({ width: 390, height: 844 });
    await signIn(page, GISELE);
    await page.locator('#app-view').waitFor();

    await page.locator('#open-account').click();
    await page.locator('#mfa-status', { hasText: ui('fr', 'ui.account.mfa_off') }).waitFor();
    await page.locator('#mfa-password').fill(GISELE.password);
    await page.locator('#mfa-start').click();
    await page.locator('#mfa-setup').waitFor();
    // The QR code is an image from the app itself, allowed by the page's CSP, and it loads.
    await expect.poll(() => page.locator('#mfa-qr').evaluate((img) => (img as unknown as { complete: boolean; naturalWidth: number }).complete && (img as unknown as { naturalWidth: number }).naturalWidth), { timeout: 10_000 }).toBeGreaterThan(0);
    const secret = (await page.locator('#mfa-secret').textContent())!.replaceAll(' ', '');
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);

    // The phone shows the code of the period that just ended: still accepted, and it leaves the
    // current period's code free for signing in below (a code is never accepted twice).
    await page.locator('#mfa-code').fill(await generate({ secret, epoch: Math.floor(Date.now() / 1000) - 30 }));
    await page.locator('#mfa-confirm').click();
    const codes = page.locator('#recovery-codes li');
    await expect.poll(() => codes.count()).toBe(10);
    const recoveryCodes = await codes.allTextContents();
    await page.locator('#recovery-done').click();
    // Shown once: gone from the page.
    expect(await codes.count()).toBe(0);
    await page.locator('#mfa-status', { hasText: ui('fr', 'ui.account.mfa_on', { date: new Date().toISOString().slice(0, 10), count: 10 }) }).waitFor();
    await signOut(page);

    // The password alone opens nothing: the code from the app does.
    await signIn(page, GISELE);
    await page.locator('#code-form').waitFor();
    expect(await page.locator('#app-view').isHidden()).toBe(true);
    await page.locator('#login-code').fill('000000');
    await page.locator('#login-code-submit').click();
    await page.locator('#code-error', { hasText: ui('fr', 'ui.login.wrong_code') }).waitFor();
    await page.locator('#login-code').fill(await generate({ secret }));
    await page.locator('#login-code-submit').click();
    await page.locator('#app-view').waitFor();
    await signOut(page);

    // The phone is lost: a recovery code, once.
    await signIn(page, GISELE);
    await page.locator('#login-code').fill(recoveryCodes[0]!);
    await page.locator('#login-code-submit').click();
    await page.locator('#queue-status', { hasText: ui('fr', 'ui.login.recovery_left', { count: 9 }) }).waitFor();
    await signOut(page);
    await signIn(page, GISELE);
    await page.locator('#login-code').fill(recoveryCodes[0]!);
    await page.locator('#login-code-submit').click();
    await page.locator('#code-error', { hasText: ui('fr', 'ui.login.wrong_code') }).waitFor();
    expect(pageErrors).toEqual([]);
  });

  it('an admin sees who uses it, finds it in the audit log, and resets it for a lost phone', async () => {
    const page = await openConsole();
    await signIn(page, ADMIN);
    await page.locator('#app-view').waitFor();
    await page.locator('#open-admin').click();
    const row = page.locator('#workers-table tr', { hasText: GISELE.email });
    await row.locator('td', { hasText: ui('fr', 'ui.admin.mfa_on') }).waitFor();

    // The audit log, searched by action and person.
    await page.locator('#audit-action').selectOption('second_factor_enabled');
    await page.locator('#audit-email').fill(GISELE.email);
    await page.locator('#audit-search').click();
    await page.locator('#audit-status', { hasText: ui('fr', 'ui.admin.audit_count', { count: 1 }) }).waitFor();
    expect(await page.locator('#audit-table tbody tr').first().textContent()).toContain(ui('fr', 'ui.admin.actions.second_factor_enabled'));

    await row.locator('button').click();
    await page.locator('#workers-status', { hasText: ui('fr', 'ui.admin.mfa_reset_done', { name: GISELE.name }) }).waitFor();
    await row.locator('td', { hasText: ui('fr', 'ui.admin.mfa_off') }).waitFor();
    await page.locator('#audit-action').selectOption('second_factor_reset');
    await page.locator('#audit-email').fill('');
    await page.locator('#audit-search').click();
    await page.locator('#audit-table tbody tr', { hasText: ADMIN.name }).waitFor();

    // A worker has no admin page.
    const worker = await openConsole();
    await signIn(worker, GISELE);
    await worker.locator('#app-view').waitFor();
    expect(await worker.locator('#open-admin').isHidden()).toBe(true);
    expect(pageErrors).toEqual([]);
  });
});
