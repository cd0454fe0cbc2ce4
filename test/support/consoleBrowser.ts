import { generate } from 'otplib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { testPhones } from './ConsoleClient.ts';
import { launchChromium } from './launchChromium.ts';
import type { TestService } from './startTestService.ts';

/** The console in a real Chromium, for one test file: pages, and a worker's whole sign-in. */
export interface ConsoleBrowser {
  /** A new browser context at `viewport` (desktop by default), on the console's sign-in form. */
  open: (viewport?: { width: number; height: number }, options?: { beforeLoad?: (page: Page) => Promise<void> }) => Promise<Page>;
  /**
   * Types the password, then does what the page asks: sets up the second factor the app requires
   * (the worker's phone is kept, as ConsoleClient keeps it), or gives a recovery code. Resolves
   * once the queue is on screen.
   */
  signIn: (page: Page, who: { email: string; password: string }) => Promise<void>;
  /** Errors thrown in any page: a test ends by expecting none. */
  pageErrors: string[];
}

/**
 * Registers hooks that launch Chromium before the file's tests and close it after. Call after
 * `useTestService`, so that the pages' event streams close before the app stops.
 */
export function useConsoleBrowser(t: TestService): ConsoleBrowser {
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => {});
    await browser?.close();
  });

  async function open(viewport = { width: 1280, height: 900 }, options: { beforeLoad?: (page: Page) => Promise<void> } = {}): Promise<Page> {
    const context = await browser.newContext({ viewport, locale: 'fr-CA' });
    contexts.push(context);
    const page = await context.newPage();
    // Fail fast, well inside the test's timeout, with Playwright's own message.
    page.setDefaultTimeout(10_000);
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await options.beforeLoad?.(page);
    await page.goto(`${t.baseUrl}/console`);
    await page.locator('#email').waitFor();
    return page;
  }

  async function signIn(page: Page, who: { email: string; password: string }): Promise<void> {
    await page.locator('#email').fill(who.email);
    await page.locator('#password').fill(who.password);
    await page.locator('#login').click();
    const key = who.email.toLowerCase();
    const app = page.locator('#app-view');
    const setup = page.locator('#mfa-setup');
    const codeStep = page.locator('#code-form');
    // Whichever the page shows next (all three are in the page from the start, hidden). The
    // password hash is slow on purpose, the more so on a loaded machine: up to 30 s.
    const signingIn = { timeout: 30_000 };
    await page.locator('#app-view:visible, #mfa-setup:visible, #code-form:visible').first().waitFor(signingIn);
    if (await setup.isVisible()) {
      const secret = (await page.locator('#mfa-secret').textContent())!.replaceAll(' ', '');
      await page.locator('#mfa-code').fill(await generate({ secret }));
      await page.locator('#mfa-confirm').click();
      await page.locator('#recovery-codes li').nth(9).waitFor(signingIn);
      testPhones.set(key, { secret, recoveryCodes: await page.locator('#recovery-codes li').allTextContents() });
      await page.locator('#recovery-done').click();
    } else if (await codeStep.isVisible()) {
      const phone = testPhones.get(key);
      if (!phone) throw new Error(`signIn: ${who.email} has a second factor this test did not set up`);
      await page.locator('#login-code').fill(phone.recoveryCodes.pop() ?? (await generate({ secret: phone.secret })));
      await page.locator('#login-code-submit').click();
    }
    await app.waitFor(signingIn);
  }

  return { open, signIn, pageErrors };
}
