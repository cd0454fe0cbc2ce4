import { describe, expect, it } from 'vitest';
import { useTestService } from '../support/startTestService.ts';
import { familyAtList, TestFamily } from '../support/TestFamily.ts';
import type { Language } from '../../src/i18n.ts';

// Issue 11, kinds 1-5: what the conversation does with what the NLU understood, in the four
// languages and on both channels, through the real signed webhook.
const t = useTestService();

const SPEAK: Record<
  Language,
  { yes: string; camp: string; childcare: string; pregnant: string; stop: string; keyword: string; thanks: string; closing: string; switchTo: string; cost: string; age: string; menu: string }
> = {
  fr: {
    yes: 'oui', camp: 'un camp pour ma fille de 4 ans a St-Michel', childcare: 'je cherche une place en garderie', pregnant: 'je suis enceinte',
    stop: 'Stop. Merci', keyword: 'ARRÊT', thanks: 'merci!', closing: 'de rien', switchTo: 'en fait je préfère continuer en français svp',
    cost: "c'est gratuit?", age: '2 ans', menu: 'MENU',
  },
  en: {
    yes: 'yes', camp: 'a camp for my 4 year old daughter in Saint-Michel', childcare: 'I need a daycare spot for my son', pregnant: "I'm pregnant",
    stop: 'please stop texting me', keyword: 'STOP', thanks: 'thanks!', closing: "you're welcome", switchTo: 'actually I would rather continue in English please',
    cost: 'is it free?', age: '2 years', menu: 'MENU',
  },
  es: {
    yes: 'sí', camp: 'un campamento para mi hija de 4 años en Saint-Michel', childcare: 'busco una guarderia para mi hija', pregnant: 'estoy embarazada',
    stop: 'ya no quiero recibir mensajes', keyword: 'PARA', thanks: 'gracias', closing: 'de nada', switchTo: 'prefiero seguir en español por favor',
    cost: '¿es gratis?', age: '2 años', menu: 'MENÚ',
  },
  ht: {
    yes: 'wi', camp: 'yon kan pou pitit fi m ki gen 4 an nan Saint-Michel', childcare: 'mwen bezwen yon gadri pou pitit mwen', pregnant: 'mwen ansent',
    stop: 'sispann voye mesaj ban mwen', keyword: 'KANPE', thanks: 'mèsi anpil', closing: 'pa dekwa', switchTo: 'mwen pito kontinye an kreyòl souple',
    cost: 'èske li gratis?', age: '2 an', menu: 'MENU',
  },
};
const LANGUAGES = ['fr', 'en', 'es', 'ht'] as const;
const CHANNELS = ['sms', 'whatsapp'] as const;
const OTHER: Record<Language, Language> = { fr: 'en', en: 'es', es: 'ht', ht: 'fr' };

async function eventsOf(family: TestFamily) {
  return t.service.db.prisma.contactEvent.findMany({ where: { contact: { address: family.address } }, orderBy: { id: 'asc' } });
}

/** A family that asked for a camp (age and place given) and agreed: the list of programs is waiting. */
const atList = (language: Language, channel: 'sms' | 'whatsapp') => familyAtList(t, language, channel, SPEAK[language]);

describe.each(LANGUAGES)('in %s', (language) => {
  const speak = SPEAK[language];

  it.each(CHANNELS)('%s: an opt-out said in a sentence is honoured after the notice, mid-flow and during a handoff, confirmed once', async (channel) => {
    const afterNotice = new TestFamily(t, channel);
    await afterNotice.say(speak.camp);
    expect(await afterNotice.say(speak.stop)).toEqual([afterNotice.text(language, 'optout.confirmed')]);
    expect(await afterNotice.record()).toMatchObject({ optedOut: true });
    expect(await afterNotice.say(speak.camp)).toEqual([]);
    expect(await afterNotice.say(speak.stop)).toEqual([]);
    expect(await afterNotice.say('START')).toEqual([afterNotice.text(language, 'optout.resumed')]);

    const midFlow = await atList(language, channel);
    expect(await midFlow.say(speak.stop)).toEqual([midFlow.text(language, 'optout.confirmed')]);

    const handedOff = await atList(language, channel);
    expect(await handedOff.say('0')).toEqual([handedOff.like(language, 'person.requested')]);
    expect(await handedOff.say(speak.stop)).toEqual([handedOff.text(language, 'optout.confirmed')]);
    expect(await handedOff.record()).toMatchObject({ optedOut: true });

    // The language's own keyword, read by the NLU.
    const keyword = await atList(language, channel);
    expect(await keyword.say(speak.keyword)).toEqual([keyword.text(language, 'optout.confirmed')]);
  });

  it.each(CHANNELS)('%s: one-word keywords never switch the language, and Twilio’s HELP answer is not repeated', async (channel) => {
    const family = await atList(language, channel);
    for (const word of ['HELP', 'AIDE', 'AYUDA', 'ÈD']) expect(await family.say(word)).toEqual([family.text(language, 'help.about')]);
    expect(await family.say('MENU')).toEqual([family.text(language, 'menu.main')]);
    expect(await family.say('OK')).toEqual([family.text(language, 'menu.main')]);
    expect(await family.record()).toMatchObject({ language });

    const twilioHelped = await atList(language, channel);
    expect(await twilioHelped.say('HELP', { OptOutType: 'HELP' })).toEqual([]);
    // The list is still the question waiting.
    expect((await twilioHelped.say('1'))[0]).toContain(twilioHelped.text(language, 'results.details', { details: '' }).trim());
  });

  it.each(CHANNELS)('%s: thanks and 👍 answer "was this useful?", closings get a short answer, nothing is misunderstood', async (channel) => {
    for (const polite of [speak.thanks, '👍', 'ok']) {
      const family = await atList(language, channel);
      await family.say('1');
      expect(await family.say(polite)).toEqual([family.text(language, 'feedback.thanks')]);
      expect(await family.say(speak.closing)).toEqual([family.text(language, 'smalltalk.bye')]);
      expect(await family.say(speak.thanks)).toEqual([family.text(language, 'smalltalk.thanks')]);
      const events = await eventsOf(family);
      expect(events.map((event) => event.type)).toEqual(['consent', 'referral', 'feedback']);
      expect(events[2]!.data).toMatchObject({ useful: true });
    }
    // A thank-you to the offer of a person closes; nobody is asked to write.
    const offered = await atList(language, channel);
    await offered.say(speak.menu);
    await offered.say('zzz');
    expect(await offered.say('???')).toEqual([offered.text(language, 'person.offer')]);
    expect(await offered.say(speak.thanks)).toEqual([offered.text(language, 'smalltalk.thanks')]);
    expect((await eventsOf(offered)).filter((event) => event.type === 'handoff_requested')).toEqual([]);
    // A thank-you to the notice is not a yes: the question comes again, briefly; 👍 is a yes.
    const notice = new TestFamily(t, channel);
    await notice.say(speak.camp);
    expect(await notice.say(speak.thanks)).toEqual([notice.text(language, 'consent.ask_again')]);
    expect((await notice.say('👍'))[0]).toBe(notice.text(language, 'consent.thanks'));
  });

  it.each(CHANNELS)('%s: a language change mid-flow keeps consent, profile and the question waiting', async (channel) => {
    const other = OTHER[language];
    const family = new TestFamily(t, channel);
    expect(await family.say(SPEAK[other].childcare)).toEqual([family.text(other, 'consent.notice')]);
    const asked = await family.say(SPEAK[other].yes);
    expect(asked.at(-1)).toBe(family.text(other, 'profile.child_age'));
    expect(await family.say(speak.switchTo)).toEqual([family.text(language, 'welcome.language_set'), family.text(language, 'profile.child_age')]);
    expect(await family.record()).toMatchObject({ language, consentGiven: true });
    const next = await family.say(speak.age);
    expect(next.join('\n')).not.toContain(family.text(language, 'consent.notice'));
    expect(next.at(-1)).toBe(family.text(language, 'profile.place'));
    expect(await family.record()).toMatchObject({ childrenAgesMonths: [24] });
  });

  it.each(CHANNELS)('%s: a question about cost is answered, and an answer ahead of its question is kept, then the question asked again', async (channel) => {
    const family = new TestFamily(t, channel);
    await family.say(speak.childcare);
    expect((await family.say(speak.yes)).at(-1)).toBe(family.text(language, 'profile.child_age'));
    const answered = await family.say(speak.cost);
    expect(answered).toHaveLength(2);
    expect(answered[0]).not.toContain(family.text(language, 'fallback.sorry'));
    expect(answered[1]).toBe(family.text(language, 'profile.child_age'));
    // Still childcare: the place comes next, then the list.
    expect(await family.say(speak.age)).toEqual([family.text(language, 'profile.place')]);

    const pregnant = new TestFamily(t, channel);
    await pregnant.say(speak.pregnant);
    expect((await pregnant.say(speak.yes)).at(-1)).toBe(pregnant.text(language, 'profile.due_date'));
    expect(await pregnant.say('H1Z 3K4')).toEqual([`${pregnant.text(language, 'profile.noted')}\n${pregnant.text(language, 'profile.due_date')}`]);
    expect(await pregnant.record()).toMatchObject({ postalCode: 'H1Z', neighbourhood: 'Saint-Michel' });
  });
});
