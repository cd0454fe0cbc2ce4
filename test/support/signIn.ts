import type { Page } from 'playwright-core';

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
