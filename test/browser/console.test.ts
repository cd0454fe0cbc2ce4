import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { addWorker } from '../support/addWorker.ts';
import { translate, type Language } from '../../src/i18n.ts';
import { ConsoleClient } from '../support/ConsoleClient.ts';
import { useConsoleBrowser } from '../support/consoleBrowser.ts';
import { BOT_NUMBER } from '../support/signedWebhook.ts';
import { signInThrough } from '../support/signIn.ts';
import { useTestService } from '../support/startTestService.ts';
import { TestFamily } from '../support/TestFamily.ts';

// The worker console in a real Chromium, against the real app: the worker signs in, a parent
// asks for a person over the signed Twilio webhook, and everything the worker does in the page
// reaches the family (or, for a note, does not) through the fake Twilio API.

const t = useTestService();

const ADMIN = { email: 'coordination@bienvenue.test', password: 'coordination a une longue phrase', name: 'Coordination', languages: ['fr'] as Language[], role: 'admin' as const };
const FABIENNE = { email: 'fabienne@bienvenue.test', password: 'fabienne a une longue phrase', name: 'Fabienne', languages: ['fr', 'ht'] as Language[] };

/** The console's own strings, as the page shows them. */
const ui = (language: Language, key: string, vars: Record<string, unknown> = {}) => translate(language, `console:${key}`, vars);

const { newPage, openConsole, pageErrors } = useConsoleBrowser(t);

beforeAll(async () => {
  await addWorker(t.service, FABIENNE);
  await addWorker(t.service, ADMIN);
});

/** Signs in (Fabienne unless told) and waits for the console itself. */
async function signedIn(page: Page, who: { email: string; password: string } = FABIENNE): Promise<void> {
  await signInThrough(page, who);
}

const poll = { timeout: 10_000, interval: 20 };

describe('the worker console in a browser', () => {
  it('a worker answers a Creole family on WhatsApp, live, and hands it back to the bot', async () => {
    const page = await openConsole();
    // The first list is the page's baseline: only families asking after it count as news.
    const firstList = page.waitForResponse((response) => new URL(response.url()).pathname === '/api/handoffs');
    await signedIn(page);
    expect((await firstList).status()).toBe(200);
    // Signed in, the empty queue listed and the event stream open: from now on, news is live.
    await page.locator('#queue p.empty').waitFor();
    await page.locator('#connection.connection-live').waitFor();
    expect(await page.title()).toBe(ui('fr', 'ui.title'));

    // A parent asks for a person: the family appears in the queue without a reload.
    const family = new TestFamily(t, 'whatsapp', 'webhook');
    await family.say('bonjou mwen chache yon kan pou pitit gason mwen');
    expect(await family.say('MOUN')).toEqual([family.like('ht', 'person.requested')]);
    const { phone } = await family.record();
    const row = page.locator('#queue button[data-handoff-id]', { hasText: phone });
    await row.waitFor();
    await expect.poll(() => page.title(), poll).toBe(`(1) ${ui('fr', 'ui.title')}`);
    expect(await row.textContent()).toContain(ui('fr', 'ui.language.ht'));
    const handoffId = await row.getAttribute('data-handoff-id');
    expect(handoffId).toBeTruthy();

    // Open it: the family's words and the bot's answers; nothing can be sent before claiming.
    await row.click();
    await page.locator('#conversation-heading', { hasText: phone }).waitFor();
    await page.locator('#transcript [data-author=parent]', { hasText: 'MOUN' }).waitFor();
    await page.locator('#transcript [data-author=bot]').first().waitFor();
    expect(await page.locator('#reply-text').isDisabled()).toBe(true);
    await page.locator('#claim').click();
    await page.locator('#reply-text:enabled').waitFor();
    await page.locator('#claim').waitFor({ state: 'hidden' });

    // A quick reply, in the family's language, then a few words of the worker's own.
    const greeting = ui('ht', 'quick.greeting', { worker: FABIENNE.name });
    await page.locator('#quick-reply').selectOption('greeting');
    await page.locator('#quick-family-text', { hasText: greeting }).waitFor();
    await page.locator('#insert-quick').click();
    await expect.poll(() => page.locator('#reply-text').inputValue(), poll).toBe(greeting);
    await page.locator('#reply-text').press('End');
    await page.locator('#reply-text').pressSequentially(' Ki laj pitit ou a?');
    const reply = `${greeting} Ki laj pitit ou a?`;
    expect(await page.locator('#reply-text').inputValue()).toBe(reply);

    const before = t.twilio.to(family.address).length;
    await page.locator('#send').click();
    await expect.poll(() => t.twilio.to(family.address).length, poll).toBe(before + 1);
    expect(t.twilio.to(family.address).at(-1)).toMatchObject({ body: reply, from: `whatsapp:${BOT_NUMBER}` });
    await page.locator('#transcript [data-author=worker]', { hasText: 'Ki laj pitit ou a?' }).waitFor();
    await expect.poll(() => page.locator('#reply-text').inputValue(), poll).toBe('');

    // The parent answers: the bot keeps quiet, the worker sees it arrive.
    expect(await family.say('li gen 4 an, mèsi anpil')).toEqual([]);
    await page.locator('#transcript [data-author=parent]', { hasText: 'li gen 4 an, mèsi anpil' }).waitFor();

    // An internal note: in the transcript, never sent.
    const note = 'Rappeler vendredi, préfère le créole';
    const sentBeforeNote = t.twilio.to(family.address).length;
    await page.locator('#note-text').fill(note);
    await page.locator('#add-note').click();
    await page.locator('#transcript [data-author=note]', { hasText: note }).waitFor();
    await expect.poll(() => page.locator('#note-text').inputValue(), poll).toBe('');
    expect(t.twilio.to(family.address)).toHaveLength(sentBeforeNote);

    // Resolve, confirmed: the family leaves the open queue.
    await page.locator('#resolve').click();
    await page.locator('#confirm-resolve').click();
    await page.locator(`#queue button[data-handoff-id="${handoffId}"]`).waitFor({ state: 'detached' });
    await page.locator('#conversation-badges', { hasText: ui('fr', 'ui.status.resolved') }).waitFor();
    await page.locator('#resolve').waitFor({ state: 'hidden' });

    // Back to the bot.
    expect(await family.say('MENU')).toEqual([family.text('ht', 'menu.main')]);
    const everything = t.twilio.to(family.address).map((message) => message.body);
    expect(everything.filter((body) => body === reply)).toHaveLength(1);
    expect(everything.some((body) => body.includes(note))).toBe(false);
    expect(pageErrors).toEqual([]);
  });

  it('exports a conversation, and erases the family’s data at its request, back to the queue', async () => {
    const page = await openConsole();
    await signedIn(page);
    await page.locator('#connection.connection-live').waitFor();
    const family = new TestFamily(t, 'sms', 'webhook');
    await family.say('bonjour je cherche un camp pour mon fils');
    expect(await family.say('PERSONNE')).toEqual([family.like('fr', 'person.requested')]);
    const { phone, id: contactId } = await family.record();
    const row = page.locator('#queue button[data-handoff-id]', { hasText: phone });
    await row.click();
    const handoffId = (await row.getAttribute('data-handoff-id'))!;
    await page.locator('#conversation-heading', { hasText: phone }).waitFor();
    // Only the worker holding the conversation (or an admin) may erase: claim first.
    expect(await page.locator('#erase').isDisabled()).toBe(true);
    await page.locator('#claim').click();
    await page.locator('#erase:enabled').waitFor();

    // The export is a transcript to read, in the console's language; JSON beside it for machines.
    expect(await page.locator('#export').textContent()).toBe(ui('fr', 'ui.actions.export'));
    const [readable] = await Promise.all([page.waitForEvent('download'), page.locator('#export').click()]);
    expect(readable.suggestedFilename()).toMatch(new RegExp(`^bienvenue-${handoffId.slice(0, 8)}-\\d{4}-\\d{2}-\\d{2}\\.txt$`));
    const transcript = await readFile((await readable.path())!, 'utf8');
    expect(transcript.split('\n')[0]).toBe(`Bienvenue — ${phone}`);
    expect(transcript).toMatch(/^\[\d{4}-\d{2}-\d{2} \d{2}:\d{2}\] Parent: PERSONNE$/m);
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#export-json').click()]);
    expect(download.suggestedFilename()).toMatch(new RegExp(`^bienvenue-${handoffId.slice(0, 8)}-\\d{4}-\\d{2}-\\d{2}\\.json$`));
    const file = JSON.parse(await readFile((await download.path())!, 'utf8')) as { handoff: { id: string }; transcript: { body?: string }[] };
    expect(file.handoff.id).toBe(handoffId);
    expect(file.transcript.some((item) => item.body === 'PERSONNE')).toBe(true);

    const focused = () => page.evaluate<string | undefined>('document.activeElement?.id');
    // The confirmation works from the keyboard: Escape takes it back, the focus returns to the button.
    await page.locator('#erase').focus();
    await page.keyboard.press('Enter');
    await page.locator('#erase-confirm').waitFor();
    expect(await focused()).toBe('cancel-erase');
    await page.keyboard.press('Escape');
    await page.locator('#erase-confirm').waitFor({ state: 'hidden' });
    expect(await focused()).toBe('erase');
    await page.keyboard.press('Enter');
    await page.locator('#confirm-erase').click();

    // Back to the queue, saying so; the family is told and forgotten.
    await page.locator('#queue-status', { hasText: ui('fr', 'ui.actions.erased') }).waitFor();
    await page.locator('#conversation-body').waitFor({ state: 'hidden' });
    await page.locator(`#queue button[data-handoff-id="${handoffId}"]`).waitFor({ state: 'detached' });
    expect(new URL(page.url()).hash).toBe('');
    await expect.poll(() => t.twilio.to(family.address).at(-1)?.body, poll).toBe(family.text('fr', 'delete.done'));
    expect(await t.service.db.prisma.handoff.count({ where: { contactId } })).toBe(0);
    expect(pageErrors).toEqual([]);
  });

  it('leaves a conversation erased from elsewhere for the queue, saying why', async () => {
    const page = await openConsole();
    await signedIn(page);
    await page.locator('#connection.connection-live').waitFor();
    const family = new TestFamily(t, 'whatsapp', 'webhook');
    await family.say('bonjou mwen chache yon kan pou pitit gason mwen');
    await family.say('MOUN');
    const { phone } = await family.record();
    const row = page.locator('#queue button[data-handoff-id]', { hasText: phone });
    await row.click();
    const handoffId = (await row.getAttribute('data-handoff-id'))!;
    await page.locator('#conversation-heading', { hasText: phone }).waitFor();

    // An admin erases it (the family phoned): this page hears of it and finds nothing.
    const coordination = await ConsoleClient.login(t.baseUrl, ADMIN);
    expect(await coordination.erase(handoffId)).toMatchObject({ status: 200, body: { erased: true } });
    await page.locator('#queue-status', { hasText: ui('fr', 'ui.conversation.gone') }).waitFor();
    await page.locator('#conversation-body').waitFor({ state: 'hidden' });
    expect(await page.locator('#conversation-alert').textContent()).toBe('');
    expect(new URL(page.url()).hash).toBe('');
    expect(pageErrors).toEqual([]);
  });

  it('an admin takes over a conversation from the page, and the worker who held it is told', async () => {
    const fabienne = await openConsole();
    await signedIn(fabienne);
    await fabienne.locator('#connection.connection-live').waitFor();
    const family = new TestFamily(t, 'sms', 'webhook');
    await family.say('bonjour je cherche un camp pour mon fils');
    await family.say('PERSONNE');
    const { phone } = await family.record();
    await fabienne.locator('#queue button[data-handoff-id]', { hasText: phone }).click();
    await fabienne.locator('#claim').click();
    await fabienne.locator('#reply-text:enabled').waitFor();
    // Fabienne holds it: no take-over for her, nothing to take.
    expect(await fabienne.locator('#take-over').isHidden()).toBe(true);

    const coordination = await openConsole();
    await signedIn(coordination, ADMIN);
    await coordination.locator('#queue button[data-handoff-id]', { hasText: phone }).click();
    await coordination.locator('#claim-status', { hasText: FABIENNE.name }).waitFor();
    await coordination.locator('#take-over').click();
    await coordination.locator('#reply-text:enabled').waitFor();
    await coordination.locator('#take-over').waitFor({ state: 'hidden' });

    await fabienne.locator('#conversation-alert', { hasText: ui('fr', 'ui.actions.taken_over', { name: ADMIN.name }) }).waitFor();
    await fabienne.locator('#reply-text:disabled').waitFor();
    expect(pageErrors).toEqual([]);
  });

  it('warns a worker who has done nothing for 27 minutes, and stays signed in on request', async () => {
    const page = await newPage({ width: 390, height: 844 });
    // The page's clock runs fast; the server's does not, so the session itself stays valid.
    await page.clock.install();
    await page.goto(`${t.baseUrl}/console`);
    await signedIn(page);
    await page.locator('#queue[aria-busy=false]').waitFor();
    expect(await page.locator('#idle-warning').isHidden()).toBe(true);
    await page.clock.fastForward('26:00');
    expect(await page.locator('#idle-warning').isHidden()).toBe(true);
    await page.clock.fastForward('01:30');
    await page.locator('#idle-warning', { hasText: ui('fr', 'ui.idle.warning') }).waitFor();
    await page.locator('#stay-signed-in').click();
    await page.locator('#idle-warning').waitFor({ state: 'hidden' });
    expect(pageErrors).toEqual([]);
  });

  it('speaks English on request and fits a phone screen', async () => {
    const page = await openConsole({ width: 360, height: 740 });
    const horizontalOverflow = () => page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    expect(await page.locator('#login').textContent()).toBe(ui('fr', 'ui.login.submit'));
    expect(await horizontalOverflow()).toBe(0);

    await page.locator('#ui-lang').selectOption('en');
    await page.locator('#login', { hasText: ui('en', 'ui.login.submit') }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.locator('label[for=email]').textContent()).toBe(ui('en', 'ui.login.email'));
    expect(await horizontalOverflow()).toBe(0);

    // Signed in, still English and still no sideways scrolling.
    await signedIn(page);
    await page.locator('#queue-heading', { hasText: ui('en', 'ui.queue.heading') }).waitFor();
    await page.locator('#queue[aria-busy=false]').waitFor();
    expect(await horizontalOverflow()).toBe(0);
    expect(pageErrors).toEqual([]);
  });
});
