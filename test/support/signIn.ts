import { generate } from 'otplib';
import type { Page } from 'playwright-core';
import { testPhones } from './ConsoleClient.ts';

/**
 * Fills the console's sign-in form with a worker's email and password and submits it. It waits
 * for nothing after: the caller waits for what it expects next (the queue, a second-factor
 * prompt, an error).
 */
export async function signIn(page: Page, who: { email: string; password: string }): Promise<void> {
  await page.locator('#email').fill(who.email);
  await page.locator('#password').fill(who.password);
  await page.locator('#login').click();
}

/**
 * Signs in as a worker does, all the way to the console: the password (signIn), then what the page
 * asks — the set-up of the second factor the app requires (the worker's phone is kept, as
 * ConsoleClient keeps it), or a recovery code — and waits for the console. The password hash is
 * slow on purpose, the more so on a loaded machine: each step may take up to 30 s.
 */
export async function signInThrough(page: Page, who: { email: string; password: string }): Promise<void> {
  await signIn(page, who);
  const key = who.email.toLowerCase();
  const signingIn = { timeout: 30_000 };
  // Whichever the page shows next (all three are in the page from the start, hidden).
  await page.locator('#app-view:visible, #mfa-setup:visible, #code-form:visible').first().waitFor(signingIn);
  if (await page.locator('#mfa-setup').isVisible()) {
    const secret = (await page.locator('#mfa-secret').textContent())!.replaceAll(' ', '');
    await page.locator('#mfa-code').fill(await generate({ secret }));
    await page.locator('#mfa-confirm').click();
    await page.locator('#recovery-codes li').nth(9).waitFor(signingIn);
    testPhones.set(key, { secret, recoveryCodes: await page.locator('#recovery-codes li').allTextContents() });
    await page.locator('#recovery-done').click();
  } else if (await page.locator('#code-form').isVisible()) {
    const phone = testPhones.get(key);
    if (!phone) throw new Error(`signIn: ${who.email} has a second factor this test did not set up`);
    await page.locator('#login-code').fill(phone.recoveryCodes.pop() ?? (await generate({ secret: phone.secret })));
    await page.locator('#login-code-submit').click();
  }
  await page.locator('#app-view').waitFor(signingIn);
}
