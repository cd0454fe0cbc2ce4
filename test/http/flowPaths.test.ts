import { describe, expect, it } from 'vitest';
import { useTestService } from '../support/startTestService.ts';
import { TestFamily } from '../support/TestFamily.ts';
import type { Language } from '../../src/i18n.ts';

const t = useTestService();

const WORDS: Record<Language, { yes: string; no: string; person: string; menu: string; help: string; language: string; erase: string; camp: string }> = {
  fr: { yes: 'oui', no: 'non', person: 'PERSONNE', menu: 'MENU', help: 'AIDE', language: 'LANGUE', erase: 'EFFACER', camp: 'un camp pour ma fille de 4 ans a St-Michel' },
  en: { yes: 'yes', no: 'no', person: 'PERSON', menu: 'MENU', help: 'HELP', language: 'LANGUAGE', erase: 'DELETE', camp: 'a camp for my 4 year old daughter in Saint-Michel' },
  es: { yes: 'sí', no: 'no', person: 'PERSONA', menu: 'MENÚ', help: 'AYUDA', language: 'IDIOMA', erase: 'BORRAR', camp: 'un campamento para mi hija de 4 años en Saint-Michel' },
  ht: { yes: 'wi', no: 'non', person: 'MOUN', menu: 'MENU', help: 'ÈD', language: 'LANG', erase: 'EFASE', camp: 'yon kan pou pitit fi m ki gen 4 an nan Saint-Michel' },
};
const LANGUAGES = ['fr', 'en', 'es', 'ht'] as const;

async function events(family: TestFamily) {
  return t.service.db.prisma.contactEvent.findMany({ where: { contact: { address: family.address } }, orderBy: { id: 'asc' } });
}

describe.each(LANGUAGES)('in %s', (language) => {
  const words = WORDS[language];

  it('a family that declines the notice is still helped, and nothing about it is kept', async () => {
    const family = new TestFamily(t);
    expect(await family.say(words.camp)).toEqual([family.text(language, 'consent.notice')]);
    const replies = await family.say(words.no);
    expect(replies[0]).toBe(family.text(language, 'consent.declined'));
    // The question it asked is answered: age and place came with it.
    expect(replies[1]).toMatch(/^1\) /m);
    const record = await family.record();
    expect(record).toMatchObject({ consentGiven: false, neighbourhood: null, postalCode: null, childrenAgesMonths: [], pregnant: null });
    expect(record.consentAt).toBeInstanceOf(Date);
    expect((await events(family)).map((event) => [event.type, event.data])).toEqual([['consent', { given: false }]]);
  });

  it('remembers the profile of a family that agreed, and does not ask it again', async () => {
    const family = new TestFamily(t);
    await family.say(words.camp);
    expect((await family.say(words.yes))[1]).toMatch(/^1\) /m);
    expect(await family.record()).toMatchObject({ consentGiven: true, neighbourhood: 'Saint-Michel', childrenAgesMonths: [48] });
    await family.say(words.menu);
    // School readiness needs the age and the place: both known, the programs come at once.
    expect((await family.say('4'))[0]).toMatch(/^1\) /m);
  });

  it('erases a family’s data after a clear yes, keeping only that it said STOP', async () => {
    const family = new TestFamily(t);
    await family.say(words.camp);
    await family.say(words.yes);
    expect(await family.say(words.erase)).toEqual([family.text(language, 'delete.confirm')]);
    expect(await family.say(words.no)).toEqual([family.text(language, 'delete.kept')]);
    await family.say(words.erase);
    expect(await family.say(words.yes)).toEqual([family.text(language, 'delete.done')]);
    const record = await family.record();
    expect(record).toMatchObject({ consentGiven: false, consentAt: null, neighbourhood: null, childrenAgesMonths: [], languageConfirmed: false, optedOut: false });
    expect(await events(family)).toEqual([]);
    const left = await t.service.db.prisma.message.findMany({ where: { contactId: record.id } });
    // Only the confirmation, which had yet to be sent when the data was erased.
    expect(left.map((message) => message.body)).toEqual([family.text(language, 'delete.done')]);
    // Next time, the family is new again.
    expect(await family.say(words.camp)).toEqual([family.text(language, 'consent.notice')]);
  });

  it('asks the team for a person on request, from anywhere', async () => {
    const family = new TestFamily(t);
    await family.say(words.camp);
    expect(await family.say(words.person)).toEqual([family.like(language, 'person.requested')]);
    expect((await events(family)).map((event) => event.data)).toEqual([{ reason: 'asked', priority: 'normal', need: null }]);
  });

  it('offers a person after two answers it did not understand', async () => {
    const family = new TestFamily(t);
    await family.say(words.camp);
    await family.say(words.yes);
    await family.say(words.menu);
    expect(await family.say('zzz')).toEqual([`${family.text(language, 'fallback.sorry')}\n${family.text(language, 'menu.main')}`]);
    expect(await family.say('???')).toEqual([family.text(language, 'person.offer')]);
    expect(await family.say(words.yes)).toEqual([family.like(language, 'person.requested')]);
    const requested = (await events(family)).filter((event) => event.type === 'handoff_requested');
    expect(requested.map((event) => event.data)).toEqual([expect.objectContaining({ reason: 'not_understood' })]);
  });

  it('offers a person at once for an eviction or no roof tonight', async () => {
    const family = new TestFamily(t);
    await family.say(words.camp);
    await family.say(words.yes);
    await family.say(words.menu);
    expect(await family.say('6')).toEqual([family.text(language, 'housing.urgent')]);
    expect(await family.say(words.yes)).toEqual([family.like(language, 'housing.urgent_person')]);
    const requested = (await events(family)).filter((event) => event.type === 'handoff_requested');
    expect(requested.map((event) => event.data)).toEqual([{ reason: 'housing_emergency', priority: 'high', need: null }]);
  });
});

describe('interrupts from the middle of each flow', () => {
  /** Steps that bring a new family to a point in a flow, and the question then waiting. */
  const POINTS: { name: string; language: Language; steps: string[]; waiting: string }[] = [
    { name: 'language choice', language: 'fr', steps: ['👍'], waiting: 'welcome.language_menu' },
    { name: 'consent notice', language: 'en', steps: ['looking for a camp'], waiting: 'consent.notice' },
    { name: 'main menu', language: 'es', steps: ['busco un campamento', 'si', 'MENÚ'], waiting: 'menu.main' },
    { name: "child's age", language: 'ht', steps: ['mwen chache yon kan pou pitit mwen', 'wi'], waiting: 'profile.child_age' },
    { name: 'due date', language: 'fr', steps: ['je suis enceinte, des ateliers prenatals?', 'oui'], waiting: 'profile.due_date' },
    { name: 'neighbourhood', language: 'en', steps: ['we need food for the family', 'yes'], waiting: 'profile.place' },
    { name: 'housing urgency', language: 'es', steps: ['necesito ayuda para encontrar vivienda', 'si'], waiting: 'housing.urgent' },
    { name: 'erase confirmation', language: 'ht', steps: ['mwen bezwen manje pou fanmi mwen', 'wi', 'EFASE'], waiting: 'delete.confirm' },
  ];

  it.each(POINTS)('$name: HELP answers and the question stays open; MENU, LANGUAGE, a person and STOP take over', async ({ language, steps, waiting }) => {
    const words = WORDS[language];
    const at = async () => {
      const family = new TestFamily(t);
      let last: string[] = [];
      for (const step of steps) last = await family.say(step);
      expect(last.at(-1)).toBe(family.text(language, waiting));
      return family;
    };

    const helped = await at();
    expect(await helped.say(words.help)).toEqual([helped.text(language, 'help.about')]);
    // The question is still the one waiting: an answer it cannot read is met with "sorry" and the question again.
    expect(await helped.say('qwxz')).toEqual([`${helped.text(language, 'fallback.sorry')}\n${helped.text(language, waiting)}`]);

    const menu = await at();
    expect(await menu.say(words.menu)).toEqual([menu.text(language, 'menu.main')]);

    const languages = await at();
    expect(await languages.say(words.language)).toEqual([languages.text(language, 'welcome.language_menu')]);

    const person = await at();
    expect(await person.say(words.person)).toEqual([person.like(language, 'person.requested')]);

    const stopped = await at();
    expect(await stopped.say('STOP')).toEqual([stopped.text(language, 'optout.confirmed')]);
    // Silence until START (YES is a START word too, as on Twilio).
    expect(await stopped.say(words.menu)).toEqual([]);
    expect(await stopped.say(words.help)).toEqual([]);
    expect(await stopped.say('START')).toEqual([stopped.text(language, 'optout.resumed')]);
  });

  it('pages through programs with MORE, and 0 asks for a person from a list', async () => {
    const family = new TestFamily(t);
    await family.say('quelles activites pour les familles?');
    await family.say('oui');
    const list = await family.say('je prefere pas dire');
    expect(list[0]).toMatch(/^1\) [\s\S]*^3\) /m);
    expect(list[0]).toContain(family.text('fr', 'results.hint_more', { count: 3 }));
    const more = await family.say('plus');
    expect(more[0]).toMatch(/^1\) /m);
    expect(more[0]).not.toBe(list[0]);
    expect(await family.say('0')).toEqual([family.like('fr', 'person.requested')]);
  });
});
