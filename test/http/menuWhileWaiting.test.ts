import { beforeAll, describe, expect, it } from 'vitest';
import { addWorker } from '../support/addWorker.ts';
import { ConsoleClient } from '../support/ConsoleClient.ts';
import { useTestService } from '../support/startTestService.ts';
import { TestFamily } from '../support/TestFamily.ts';
import { translate, type Language } from '../../src/i18n.ts';

// MENU while a family's request for a person waits (nobody of the team has claimed it) gives the
// family the bot back: a request that is not urgent is withdrawn — resolved by the family, recorded,
// the console told — and the family told it can write PERSON again; an urgent one (a crisis) stays in
// the queue, the family told a person will still write, and the bot answers until a worker claims it.
// Once a worker holds the conversation, only the worker answers MENU (STOP still wins).
const t = useTestService();

const MARIE = { email: 'marie@bienvenue.test', password: 'marie a une longue phrase', name: 'Marie', languages: ['fr', 'en', 'es', 'ht'] as Language[] };
let marie: ConsoleClient;

beforeAll(async () => {
  await addWorker(t.service, MARIE);
  marie = await ConsoleClient.login(t.baseUrl, MARIE);
});

const SPEAK: Record<
  Language,
  { hello: string; yes: string; person: string; menu: string; menuSentence: string; again: string; crisis: string; stop: string }
> = {
  // `person`: the keyword the withdrawal line tells the family to write.
  fr: { hello: 'bonjour', yes: 'oui', person: 'PERSONNE', menu: 'MENU', menuSentence: 'je veux voir le menu svp', again: 'allo? ya quelqu un?', crisis: 'mon chum me frappe jai peur pour mes enfants', stop: 'ARRÊT' },
  en: { hello: 'hello', yes: 'yes', person: 'PERSON', menu: 'MENU', menuSentence: 'show me the menu please', again: 'hello? anyone there?', crisis: 'my husband hits me and I am scared', stop: 'STOP' },
  es: { hello: 'hola', yes: 'sí', person: 'UNA PERSONA', menu: 'MENÚ', menuSentence: 'quiero ver el menú', again: 'hola? hay alguien?', crisis: 'mi esposo me pega tengo miedo', stop: 'PARA' },
  ht: { hello: 'bonjou', yes: 'wi', person: 'YON MOUN', menu: 'MENI', menuSentence: 'mwen vle wè meni an', again: 'alo? gen moun la?', crisis: 'mari m bat mwen chak jou', stop: 'KANPE' },
};

/** A new family that said yes to the notice and sees the menu. */
async function familyWithConsent(language: Language, channel: 'sms' | 'whatsapp'): Promise<TestFamily> {
  const family = new TestFamily(t, channel);
  expect(await family.say(SPEAK[language].hello)).toEqual([family.text(language, 'consent.notice')]);
  expect(await family.say(SPEAK[language].yes)).toEqual([family.text(language, 'consent.thanks'), family.text(language, 'menu.main')]);
  return family;
}

/** The family's handoffs, oldest first, with their events. */
async function handoffsOf(family: TestFamily) {
  const contact = await family.record();
  return t.service.db.prisma.handoff.findMany({
    where: { contactId: contact.id },
    orderBy: { requestedAt: 'asc' },
    include: { events: { orderBy: { id: 'asc' }, select: { type: true, workerId: true, data: true } } },
  });
}

/** The conversation's transcript as the console exports it, labels in `language`. */
async function exportedText(handoffId: string, language: Language): Promise<string> {
  const response = await fetch(`${t.baseUrl}/api/handoffs/${handoffId}/export?format=text&lang=${language}`, { headers: { Cookie: marie.cookie } });
  expect(response.status).toBe(200);
  return response.text();
}

/** `before` said first (its `{{when}}` may vary), then the main menu, in one message. */
function menuAfter(family: TestFamily, language: Language, before: string): string {
  return family.like(language, [before, 'menu.main']);
}

describe.each(['fr', 'en', 'es', 'ht'] as const)('in %s', (language) => {
  const speak = SPEAK[language];

  it.each(['sms', 'whatsapp'] as const)('%s: MENU withdraws a request nobody has claimed; the bot answers again, PERSON asks anew', async (channel) => {
    const events = await marie.events();
    try {
      const family = await familyWithConsent(language, channel);
      expect(await family.say(speak.person)).toEqual([family.like(language, 'person.requested')]);
      const [waiting] = await handoffsOf(family);
      expect(waiting).toMatchObject({ status: 'waiting', priority: 0 });

      expect(await family.say(speak.menu)).toEqual([menuAfter(family, language, 'person.withdrawn')]);
      const [withdrawn] = await handoffsOf(family);
      expect(withdrawn).toMatchObject({ id: waiting!.id, status: 'resolved', resolvedBy: null, resolvedAt: expect.any(Date) });
      expect(withdrawn!.events).toEqual([
        { type: 'requested', workerId: null, data: { reason: 'asked', priority: 0 } },
        { type: 'resolved', workerId: null, data: { by: 'family', via: 'menu' } },
      ]);
      // The console hears of it as of any resolution, and shows who withdrew it.
      await events.next((event) => event.handoffId === waiting!.id && event.type === 'resolved');
      expect((await marie.queue()).map((item) => item.id)).not.toContain(waiting!.id);
      const transcript = (await marie.detail(waiting!.id)).transcript.filter((item) => item.kind === 'event');
      expect(transcript.map((item) => item.kind === 'event' && item.type)).toEqual(['requested', 'withdrawn']);
      expect(await exportedText(waiting!.id, language)).toContain(translate(language, 'console:ui.event.withdrawn'));

      // The bot answers again: the menu's choice is taken.
      expect(await family.say('3')).toEqual([family.text(language, 'profile.child_age')]);
      // PERSON, as the line says, asks for a person anew.
      expect(await family.say(speak.person)).toEqual([family.like(language, 'person.requested')]);
      const after = await handoffsOf(family);
      expect(after.map((handoff) => handoff.status)).toEqual(['resolved', 'waiting']);
    } finally {
      events.close();
    }
  });

  it.each(['sms', 'whatsapp'] as const)('%s: a family that asked for a person before the privacy notice gets the notice after MENU, then the menu', async (channel) => {
    const family = new TestFamily(t, channel);
    // A person asked for in a sentence, as a first message: the request, no notice yet.
    const ask = { fr: 'je veux parler a quelqu un svp', en: 'I want to talk to a person please', es: 'quiero hablar con una persona por favor', ht: 'mwen vle pale ak yon moun souple' }[language];
    expect(await family.say(ask)).toEqual([family.like(language, 'person.requested')]);
    const replies = await family.say(speak.menu);
    expect(replies).toEqual([family.like(language, ['person.withdrawn', 'consent.notice'])]);
    expect((await family.record()).consentAt).toBeNull();
    expect(await family.say(speak.yes)).toEqual([family.text(language, 'consent.thanks'), family.text(language, 'menu.main')]);
    expect((await family.record()).consentAt).toEqual(expect.any(Date));
  });

  it.each(['sms', 'whatsapp'] as const)('%s: the menu asked for in a sentence withdraws a housing emergency (high priority) too', async (channel) => {
    const family = await familyWithConsent(language, channel);
    expect(await family.say('6')).toEqual([family.text(language, 'housing.urgent')]);
    expect(await family.say(speak.yes)).toEqual([family.like(language, 'housing.urgent_person')]);
    const [waiting] = await handoffsOf(family);
    expect(waiting).toMatchObject({ status: 'waiting', priority: 1, reason: 'housing_emergency' });

    expect(await family.say(speak.menuSentence)).toEqual([menuAfter(family, language, 'person.withdrawn')]);
    const [withdrawn] = await handoffsOf(family);
    expect(withdrawn).toMatchObject({ status: 'resolved', resolvedBy: null });
    expect(withdrawn!.events.at(-1)).toEqual({ type: 'resolved', workerId: null, data: { by: 'family', via: 'menu' } });
    expect((await family.record()).language).toBe(language);
  });

  it.each(['sms', 'whatsapp'] as const)('%s: MENU leaves an urgent request in the queue: the menu, a person will still write, the bot answers until a worker claims it', async (channel) => {
    const family = await familyWithConsent(language, channel);
    const crisis = await family.say(speak.crisis);
    expect(crisis[0]).toMatch(/911/);
    const [urgent] = await handoffsOf(family);
    expect(urgent).toMatchObject({ status: 'waiting', priority: 2, reason: 'crisis' });

    expect(await family.say(speak.menu)).toEqual([menuAfter(family, language, 'person.still_coming')]);
    expect((await handoffsOf(family))[0]).toMatchObject({ id: urgent!.id, status: 'waiting', priority: 2, resolvedAt: null });
    // The bot answers: the menu's choice, then the question it leads to.
    expect(await family.say('3')).toEqual([family.text(language, 'profile.child_age')]);
    // The menu asked for again is the plain menu: the family is with the bot already.
    expect(await family.say(speak.menuSentence)).toEqual([family.text(language, 'menu.main')]);

    // Asking for a person again hands the conversation back to the team, in the same request.
    expect(await family.say(speak.person)).toEqual([family.like(language, 'person.requested')]);
    expect(await family.say(speak.again)).toEqual([]);
    let [held] = await handoffsOf(family);
    expect(held).toMatchObject({ id: urgent!.id, status: 'waiting', priority: 2 });
    expect(held!.events.map((event) => event.type)).toEqual(['requested', 'back_to_bot', 'requested']);
    expect(held!.events[1]).toMatchObject({ workerId: null, data: { by: 'family', via: 'menu' } });

    // MENU again while it waits: back to the bot; then a worker claims it, and only the worker answers.
    expect(await family.say(speak.menu)).toEqual([menuAfter(family, language, 'person.still_coming')]);
    expect((await marie.claim(urgent!.id)).status).toBe(200);
    expect(await family.say('3')).toEqual([]);
    // (Not MENU a third time: the loop guard would silence it anyway.)
    expect(await family.say(speak.menuSentence)).toEqual([]);
    [held] = await handoffsOf(family);
    expect(held).toMatchObject({ status: 'active', priority: 2, claimedBy: marie.worker.id });
    const transcript = (await marie.detail(urgent!.id)).transcript.filter((item) => item.kind === 'event');
    expect(transcript.map((item) => item.kind === 'event' && item.type)).toEqual(['requested', 'back_to_bot', 'requested', 'back_to_bot', 'claimed']);
    expect(await exportedText(urgent!.id, language)).toContain(translate(language, 'console:ui.event.back_to_bot'));
  });

  it.each(['sms', 'whatsapp'] as const)('%s: once a worker has claimed the request, MENU goes to the worker; STOP still wins', async (channel) => {
    const family = await familyWithConsent(language, channel);
    expect(await family.say(speak.person)).toEqual([family.like(language, 'person.requested')]);
    const [waiting] = await handoffsOf(family);
    expect((await marie.claim(waiting!.id)).status).toBe(200);
    expect(await family.say(speak.menu)).toEqual([]);
    expect(await family.say(speak.menuSentence)).toEqual([]);
    expect((await handoffsOf(family))[0]).toMatchObject({ status: 'active', resolvedAt: null });
    expect(await family.say(speak.stop)).toEqual([family.text(language, 'optout.confirmed')]);
    expect((await handoffsOf(family))[0]!.events.map((event) => event.type)).toEqual(['requested', 'claimed']);
  });
});
