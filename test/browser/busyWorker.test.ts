import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { addWorker } from '../support/addWorker.ts';
import { translate, type Language } from '../../src/i18n.ts';
import { useConsoleBrowser } from '../support/consoleBrowser.ts';
import { signInThrough } from '../support/signIn.ts';
import { useTestService } from '../support/startTestService.ts';
import { TestFamily } from '../support/TestFamily.ts';

// What a busy worker needs, in a real Chromium at desktop size and on a 390 × 844 phone: the
// queue's previews, counts, filters and search; a family's reply in a conversation the worker
// holds (unread count, waiting time, title count); quick replies signed with the first name;
// "Rendre au bot"; Claim and the reply box in view on a phone, under a compact header.

const t = useTestService();

const MARIE = { email: 'marie@bienvenue.test', password: 'marie a une longue phrase', name: 'Marie Joseph', languages: ['fr', 'es'] as Language[] };
const ui = (language: Language, key: string, vars: Record<string, unknown> = {}) => translate(language, `console:${key}`, vars);

const { openConsole, pageErrors } = useConsoleBrowser(t);
const poll = { timeout: 10_000, interval: 20 };

beforeAll(async () => {
  await addWorker(t.service, MARIE);
});

async function signedIn(viewport: { width: number; height: number }): Promise<Page> {
  const page = await openConsole(viewport);
  await signInThrough(page, MARIE);
  await page.locator('#queue[aria-busy=false]').waitFor();
  await page.locator('#connection.connection-live').waitFor();
  return page;
}

async function familyAsking(channel: 'sms' | 'whatsapp', words: { hello: string; person: string }) {
  const family = new TestFamily(t, channel);
  await family.say(words.hello);
  await family.say(words.person);
  return { family, phone: (await family.record()).phone };
}

/** Whether the element is entirely on screen, as the page is scrolled now. */
async function inView(page: Page, selector: string): Promise<boolean> {
  const box = await page.locator(selector).boundingBox();
  const viewport = page.viewportSize()!;
  return box !== null && box.y >= 0 && box.x >= 0 && box.y + box.height <= viewport.height && box.x + box.width <= viewport.width;
}

describe('a busy worker at a desktop', () => {
  it('scans the queue, filters and searches it, and hears a family reply in a conversation she holds', async () => {
    const page = await signedIn({ width: 1280, height: 900 });
    const rows = page.locator('#queue button[data-handoff-id]');
    const camp = await familyAsking('sms', { hello: 'bonjour je cherche un camp pour mon fils', person: 'PERSONNE' });
    const guarderia = await familyAsking('whatsapp', { hello: 'hola busco una guardería para mi hija', person: 'PERSONA' });
    await expect.poll(() => rows.count(), poll).toBe(2);
    await page.locator('#queue-count', { hasText: ui('fr', 'ui.queue.waiting_count', { count: 2 }) }).waitFor();

    // Each row: the last message (the bot telling the family someone will answer), and when the family wrote.
    const campRow = page.locator('#queue button[data-handoff-id]', { hasText: camp.phone });
    expect(await campRow.locator('.row-preview').textContent()).toMatch(new RegExp(`^${ui('fr', 'ui.author.bot')}: `));
    expect(await campRow.locator('.wrote').textContent()).toBe(ui('fr', 'ui.queue.family_wrote', { duration: ui('fr', 'ui.age.less_than_minute') }));

    // Search by the end of a phone number; filter by language.
    await page.locator('#filter-phone').fill(guarderia.phone.slice(-4));
    await expect.poll(() => rows.allTextContents(), poll).toEqual([expect.stringContaining(guarderia.phone)]);
    await page.locator('#filter-phone').fill('');
    await page.locator('#filter-language').selectOption('es');
    await expect.poll(() => rows.allTextContents(), poll).toEqual([expect.stringContaining(guarderia.phone)]);
    await page.locator('#filter-language').selectOption('');
    await page.locator('#filter-urgent').check();
    await page.locator('#queue p.empty', { hasText: ui('fr', 'ui.queue.empty_filtered') }).waitFor();
    await page.locator('#filter-urgent').uncheck();
    await expect.poll(() => rows.count(), poll).toBe(2);

    // Marie takes the first family; her quick reply is signed "Marie", not her full name.
    await campRow.click();
    await page.locator('#claim').click();
    await page.locator('#reply-text:enabled').waitFor();
    expect(await page.locator('#resolve').textContent()).toBe('Rendre au bot');
    await page.locator('#quick-reply').selectOption('greeting');
    await page.locator('#insert-quick').click();
    expect(await page.locator('#reply-text').inputValue()).toBe(ui('fr', 'quick.greeting', { worker: 'Marie' }));
    await page.locator('#send').click();
    await expect.poll(() => t.twilio.to(camp.family.address).at(-1)?.body, poll).toBe(ui('fr', 'quick.greeting', { worker: 'Marie' }));

    // She looks at the other family; the first one answers meanwhile.
    await page.locator('#queue button[data-handoff-id]', { hasText: guarderia.phone }).click();
    await page.locator('#conversation-heading', { hasText: guarderia.phone }).waitFor();
    await page.locator('#filter-assignee').selectOption('mine');
    await expect.poll(() => rows.allTextContents(), poll).toEqual([expect.stringContaining(camp.phone)]);
    expect(await camp.family.say('merci! il a 4 ans')).toEqual([]);
    await campRow.locator('.badge-unread', { hasText: ui('fr', 'ui.queue.unread', { count: 1 }) }).waitFor();
    await campRow.locator('.row-awaiting', { hasText: ui('fr', 'ui.queue.awaiting_reply', { duration: ui('fr', 'ui.age.less_than_minute') }) }).waitFor();
    expect(await campRow.locator('.row-preview').textContent()).toBe(`${ui('fr', 'ui.author.parent')}: merci! il a 4 ans`);
    await expect.poll(() => page.title(), poll).toBe(`(1) ${ui('fr', 'ui.title')}`);

    // Opening it reads it: the count goes.
    await campRow.click();
    await page.locator('#transcript [data-author=parent]', { hasText: 'merci! il a 4 ans' }).waitFor();
    await campRow.locator('.badge-unread').waitFor({ state: 'detached' });
    expect(pageErrors).toEqual([]);
  });
});

describe('a busy worker on a phone (390 × 844)', () => {
  it('has a compact header, Claim without scrolling, and the reply box always in view', async () => {
    const page = await signedIn({ width: 390, height: 844 });
    const header = await page.locator('header.topbar').boundingBox();
    expect(header!.height).toBeLessThanOrEqual(56);
    const family = await familyAsking('sms', { hello: 'bonjour je cherche une garderie pour ma fille', person: 'PERSONNE' });
    const row = page.locator('#queue button[data-handoff-id]', { hasText: family.phone });
    await row.click();
    await page.locator('#conversation-heading', { hasText: family.phone }).waitFor();
    await page.locator('#transcript [data-author=parent]', { hasText: 'PERSONNE' }).waitFor();
    expect(await inView(page, '#claim')).toBe(true);
    await page.locator('#claim').click();
    await page.locator('#reply-text:enabled').waitFor();

    // Wherever the page is scrolled, the reply box and its Send button are on screen.
    for (const scroll of ['0', 'document.documentElement.scrollHeight']) {
      await page.evaluate(`window.scrollTo(0, ${scroll})`);
      expect(await inView(page, '#reply-text')).toBe(true);
      expect(await inView(page, '#send')).toBe(true);
    }
    await page.locator('#reply-text').fill('Bonjour, ici Marie. Votre fille a quel age?');
    await page.locator('#send').click();
    await expect.poll(() => t.twilio.to(family.family.address).at(-1)?.body, poll).toBe('Bonjour, ici Marie. Votre fille a quel age?');
    // Nothing hides behind the pinned box: at the bottom of the page, the last action is on top.
    await page.evaluate('window.scrollTo(0, document.documentElement.scrollHeight)');
    expect(await inView(page, '#erase')).toBe(true);
    expect(await page.evaluate<string | undefined>(`(() => {
      const box = document.getElementById('erase').getBoundingClientRect();
      return document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2)?.id;
    })()`)).toBe('erase');
    expect(await page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth')).toBe(0);
    expect(pageErrors).toEqual([]);
  });
});
