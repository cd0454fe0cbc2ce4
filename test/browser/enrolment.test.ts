import { generate } from 'otplib';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { addWorker } from '../support/addWorker.ts';
import { translate, type Language } from '../../src/i18n.ts';
import { useConsoleBrowser } from '../support/consoleBrowser.ts';
import { useTestService } from '../support/startTestService.ts';

// Where a second factor is required (SECOND_FACTOR=required, the default), a worker who has none
// is taken through its set-up right after the password, in a real Chromium at desktop size and
// on a 390 × 844 phone: nothing of the queue before, the queue right after.

const t = useTestService();
const { openConsole: open, pageErrors } = useConsoleBrowser(t);

const JULIE = { email: 'julie@bienvenue.test', password: 'julie a une longue phrase', name: 'Julie', languages: ['fr'] as Language[] };
const KARL = { email: 'karl@bienvenue.test', password: 'karl a une longue phrase', name: 'Karl', languages: ['fr', 'ht'] as Language[] };
const ui = (language: Language, key: string, vars: Record<string, unknown> = {}) => translate(language, `console:${key}`, vars);

beforeAll(async () => {
  await addWorker(t.service, JULIE);
  await addWorker(t.service, KARL);
});

async function typePassword(page: Page, who: { email: string; password: string }): Promise<void> {
  await page.locator('#email').fill(who.email);
  await page.locator('#password').fill(who.password);
  await page.locator('#login').click();
}

/** The enrolment screen, as the worker sees it: the reason, the QR code and key, no way around. */
async function expectEnrolmentScreen(page: Page): Promise<void> {
  await page.locator('#mfa-required', { hasText: ui('fr', 'ui.account.mfa_required') }).waitFor({ timeout: 30_000 });
  for (const hidden of ['#app-view', '#account-back', '#password-card', '#open-account', '#open-admin', '#login-view']) {
    expect(await page.locator(hidden).isHidden(), hidden).toBe(true);
  }
  expect(await page.locator('#logout').isVisible()).toBe(true);
}

async function scanAndConfirm(page: Page): Promise<string> {
  // After the password is proven again (a deliberately slow hash): up to 30 s on a loaded machine.
  await page.locator('#mfa-setup').waitFor({ timeout: 30_000 });
  await expect.poll(() => page.locator('#mfa-qr').evaluate((img) => (img as unknown as { complete: boolean; naturalWidth: number }).complete && (img as unknown as { naturalWidth: number }).naturalWidth), { timeout: 10_000 }).toBeGreaterThan(0);
  const secret = (await page.locator('#mfa-secret').textContent())!.replaceAll(' ', '');
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  const code = await generate({ secret });
  await page.locator('#mfa-code').fill(code === '000000' ? '111111' : '000000');
  await page.locator('#mfa-confirm').click();
  await page.locator('#mfa-error', { hasText: ui('fr', 'ui.account.errors.wrong_code') }).waitFor();
  await page.locator('#mfa-code').fill(code);
  await page.locator('#mfa-confirm').click();
  await expect.poll(() => page.locator('#recovery-codes li').count()).toBe(10);
  return secret;
}

const horizontalOverflow = (page: Page) => page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');

describe('setting up the second factor the sign-in requires', () => {
  it('at desktop size: QR code, a code, recovery codes, then the queue; next time the code is asked', async () => {
    const page = await open();
    const queueCalls: string[] = [];
    page.on('request', (request) => new URL(request.url()).pathname === '/api/handoffs' && queueCalls.push(request.url()));
    await typePassword(page, JULIE);
    await expectEnrolmentScreen(page);
    const secret = await scanAndConfirm(page);
    // The page asked nothing of the queue before the set-up was done.
    expect(queueCalls).toEqual([]);

    const firstList = page.waitForResponse((response) => new URL(response.url()).pathname === '/api/handoffs');
    await page.locator('#recovery-done').click();
    expect((await firstList).status()).toBe(200);
    await page.locator('#app-view').waitFor();
    await page.locator('#queue[aria-busy=false]').waitFor();
    await page.locator('#connection.connection-live').waitFor();
    expect(await page.locator('#open-account').isVisible()).toBe(true);
    expect(await page.locator('#recovery-codes li').count()).toBe(0);

    // A reload keeps the full session; signing in again asks the code from the app.
    await page.reload();
    await page.locator('#queue[aria-busy=false]').waitFor();
    await page.locator('#logout').click();
    await typePassword(page, JULIE);
    await page.locator('#code-form').waitFor();
    // The set-up used this period's code: the next period's is accepted, never the same twice.
    await page.locator('#login-code').fill(await generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 }));
    await page.locator('#login-code-submit').click();
    await page.locator('#queue[aria-busy=false]').waitFor();
    expect(pageErrors).toEqual([]);
  });

  it('on a 390 × 844 phone, also after a reload in the middle of it', async () => {
    const page = await open({ width: 390, height: 844 });
    await typePassword(page, KARL);
    await expectEnrolmentScreen(page);
    await page.locator('#mfa-setup').waitFor();
    expect(await horizontalOverflow(page)).toBe(0);

    // Reloaded before confirming: the set-up again, after the password, and still nothing else.
    await page.reload();
    await expectEnrolmentScreen(page);
    await page.locator('#mfa-password').fill(KARL.password);
    await page.locator('#mfa-start').click();
    await scanAndConfirm(page);
    expect(await horizontalOverflow(page)).toBe(0);
    await page.locator('#recovery-done').click();
    await page.locator('#queue[aria-busy=false]').waitFor();
    expect(await horizontalOverflow(page)).toBe(0);
    expect(pageErrors).toEqual([]);
  });
});
