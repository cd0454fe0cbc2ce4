import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium } from './launchChromium.ts';
import type { TestService } from './startTestService.ts';

/** A Chromium for one browser test file, with the pages it opened on the worker console. */
export interface ConsoleBrowser {
  /** A page in a new context (its own cookies) at the given size, not yet on any address. */
  newPage(viewport?: { width: number; height: number }): Promise<Page>;
  /** A new page on the console's sign-in form. */
  openConsole(viewport?: { width: number; height: number }): Promise<Page>;
  /** The uncaught errors of every page opened, as their messages: a test ends expecting none. */
  readonly pageErrors: string[];
}

/**
 * Registers hooks that launch Chromium before a test file (see launchChromium) and close every
 * page's context, then the browser, after it. Register it after `useTestService`: hooks after
 * the tests run in reverse, so the pages' event streams close before the app stops.
 */
export function useConsoleBrowser(t: TestService): ConsoleBrowser {
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => {});
    await browser?.close();
  });
  const newPage = async (viewport = { width: 1280, height: 900 }): Promise<Page> => {
    if (!browser) throw new Error('the browser is launched before the first test');
    const context = await browser.newContext({ viewport, locale: 'fr-CA' });
    contexts.push(context);
    const page = await context.newPage();
    // Fail fast, well inside the test's timeout, with Playwright's own message.
    page.setDefaultTimeout(10_000);
    page.on('pageerror', (error) => pageErrors.push(error.message));
    return page;
  };
  return {
    newPage,
    async openConsole(viewport) {
      const page = await newPage(viewport);
      await page.goto(`${t.baseUrl}/console`);
      await page.locator('#email').waitFor();
      return page;
    },
    pageErrors,
  };
}
