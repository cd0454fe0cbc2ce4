import { beforeAll, describe, expect, it } from 'vitest';
import { addWorker } from '../support/addWorker.ts';
import { ConsoleClient } from '../support/ConsoleClient.ts';
import { useTestService } from '../support/startTestService.ts';
import { TestFamily } from '../support/TestFamily.ts';
import type { Language } from '../../src/i18n.ts';

// A family that asked for a person before answering the privacy notice, and that a worker handed
// back to the bot, is not greeted as a new contact: a thank-you (to the worker, most often) gets a
// short answer, and its next question the notice without the hello — every element a yes rests on
// still in it — then its answer. Nothing about the family is kept before its yes, and a no is
// honoured as at first contact: the family is helped, nothing kept.
const t = useTestService();

const JOSE = { email: 'jose@bienvenue.test', password: 'jose tiene una frase larga', name: 'José', languages: ['fr', 'en', 'es', 'ht'] as Language[] };
let jose: ConsoleClient;

beforeAll(async () => {
  await addWorker(t.service, JOSE);
  jose = await ConsoleClient.login(t.baseUrl, JOSE);
});

// `askPerson`: a first message that asks for a person in words (a keyword alone does not tell the language).
const SPEAK: Record<Language, { hello: string; yes: string; no: string; person: string; askPerson: string; thanks: string; camp: string }> = {
  fr: { hello: 'bonjour', yes: 'oui', no: 'non', person: 'PERSONNE', askPerson: 'je veux parler à une personne', thanks: 'merci beaucoup', camp: 'je cherche un camp pour mon fils de 5 ans' },
  en: { hello: 'hello', yes: 'yes', no: 'no', person: 'PERSON', askPerson: 'I want to talk to a person', thanks: 'thank you so much', camp: 'I am looking for a camp for my 5 year old son' },
  es: { hello: 'hola', yes: 'sí', no: 'no', person: 'UNA PERSONA', askPerson: 'quiero hablar con una persona', thanks: 'muchas gracias', camp: 'busco un campamento para mi hijo de 5 años' },
  ht: { hello: 'bonjou', yes: 'wi', no: 'non', person: 'YON MOUN', askPerson: 'mwen vle pale ak yon moun', thanks: 'mèsi anpil', camp: 'mwen chache yon kan pou pitit gason m ki gen 5 an' },
};

/** The family's one handoff, which José claims, answers and hands back to the bot from the console. */
async function handBack(family: TestFamily, language: Language): Promise<void> {
  const contact = await family.record();
  const handoff = (await jose.queue('waiting')).find((item) => item.contact.id === contact.id);
  expect(handoff).toMatchObject({ status: 'waiting', contact: { language } });
  expect((await jose.claim(handoff!.id)).status).toBe(200);
  expect((await jose.send(handoff!.id, { text: `Bonjour, ici José (${language}).` })).status).toBe(201);
  expect((await jose.resolve(handoff!.id)).status).toBe(200);
  const row = await t.service.db.prisma.handoff.findUniqueOrThrow({ where: { id: handoff!.id } });
  expect(row).toMatchObject({ status: 'resolved', claimedBy: jose.worker.id, resolvedBy: jose.worker.id });
}

describe.each(['fr', 'en', 'es', 'ht'] as const)('in %s', (language) => {
  const speak = SPEAK[language];

  it.each(['sms', 'whatsapp'] as const)('%s: asked for a person before the notice; after the hand-back, thanks get thanks, a question the notice for a family we know, then its answer', async (channel) => {
    const family = new TestFamily(t, channel);
    expect(await family.say(speak.hello)).toEqual([family.text(language, 'consent.notice')]);
    expect(await family.say(speak.person)).toEqual([family.like(language, 'person.requested')]);
    await handBack(family, language);

    expect(await family.say(speak.thanks)).toEqual([family.text(language, 'smalltalk.thanks')]);
    expect(await family.say(speak.camp)).toEqual([family.text(language, 'consent.notice_returning')]);
    // Nothing kept before the yes.
    expect(await family.record()).toMatchObject({ consentGiven: false, consentAt: null, childrenAgesMonths: [] });
    expect(await family.say(speak.yes)).toEqual([family.text(language, 'consent.thanks'), family.text(language, 'profile.place')]);
    expect(await family.record()).toMatchObject({ consentGiven: true, consentAt: expect.any(Date), childrenAgesMonths: [60], language });
  });

  it.each(['sms', 'whatsapp'] as const)('%s: asked for a person in its first message; after the hand-back, a no is honoured: helped, nothing kept', async (channel) => {
    const family = new TestFamily(t, channel);
    expect(await family.say(speak.askPerson)).toEqual([family.like(language, 'person.requested')]);
    await handBack(family, language);

    expect(await family.say(speak.camp)).toEqual([family.text(language, 'consent.notice_returning')]);
    expect(await family.say(speak.no)).toEqual([family.text(language, 'consent.declined'), family.text(language, 'profile.place')]);
    expect(await family.record()).toMatchObject({ consentGiven: false, consentAt: expect.any(Date), childrenAgesMonths: [] });
    const contact = await family.record();
    const consent = await t.service.db.prisma.contactEvent.findMany({ where: { contactId: contact.id, type: 'consent' }, select: { data: true } });
    expect(consent).toEqual([{ data: { given: false } }]);
  });
});

describe('a family nobody of the team has talked with', () => {
  it.each(['sms', 'whatsapp'] as const)('%s: still gets the first-contact notice after withdrawing its request', async (channel) => {
    const family = new TestFamily(t, channel);
    expect(await family.say('PERSONNE')).toEqual([family.like('fr', 'person.requested')]);
    // The notice it never answered comes with the withdrawal (menuWhileWaiting), as at a first contact.
    expect(await family.say('MENU')).toEqual([family.like('fr', ['person.withdrawn', 'consent.notice'])]);
    expect(await family.say('STOP')).toEqual([family.text('fr', 'optout.confirmed')]);
    expect(await family.say('START')).toEqual([family.text('fr', 'optout.resumed')]);
    expect(await family.say('bonjour je cherche un camp pour mon fils de 5 ans')).toEqual([family.text('fr', 'consent.notice')]);
  });
});
