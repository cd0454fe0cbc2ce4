import { describe, expect, it } from 'vitest';
import { translate, type Language } from '../../src/i18n.ts';
import { smsSegments, toGsm7 } from '../../src/sms/gsm7.ts';
import { useTestService } from '../support/startTestService.ts';
import { SEED } from '../support/seedResults.ts';
import { TestFamily } from '../support/TestFamily.ts';

// Issue 11, kinds 6 and 11, in the four languages and both channels: a need outside the directory is
// said plainly, offered a person and recorded; French classes, social housing and food have real answers.
const t = useTestService();

const YES: Record<Language, string> = { fr: 'oui', en: 'yes', es: 'sí', ht: 'wi' };
const NO: Record<Language, string> = { fr: 'non', en: 'no', es: 'no', ht: 'non' };
const HELLO: Record<Language, string> = { fr: 'bonjour', en: 'hello', es: 'hola', ht: 'bonjou' };
const MORE: Record<Language, string> = { fr: 'plus', en: 'more', es: 'más', ht: 'plis' };

const DENTIST: Record<Language, string> = {
  fr: 'où trouver un dentiste pour mon petit de 3 ans? on habite à St-Henri',
  en: 'where can I find a dentist for my 3 yr old? we live in st henri',
  es: 'dónde encuentro un dentista para mi hijo de 3 años? vivimos en Saint-Henri',
  ht: 'kote m ka jwenn yon dantis pou pitit mwen ki gen 3 an? nou rete Saint-Henri',
};
const JOB: Record<Language, string> = { fr: 'je cherche un emploi', en: 'I need a job', es: 'busco trabajo', ht: 'mwen bezwen yon travay' };
const FRENCH_CLASSES: Record<Language, string> = {
  fr: "je viens d'arriver au Québec, je cherche des cours de francisation, on habite dans la Petite-Patrie",
  en: 'I just arrived in Quebec, where can I take French classes? We live in Petite-Patrie',
  es: 'Hola, soy recién llegada, busco clases de francés, vivimos en la Petite-Patrie',
  ht: 'mwen fèk rive Kebèk, kote m ka pran kou franse? nou rete Petite-Patrie',
};
const HOUSING: Record<Language, { text: string; committee: string }> = {
  fr: { text: 'je cherche un HLM, mon loyer est trop cher, on habite dans la Petite-Patrie', committee: 'clpp-comite-logement' },
  en: { text: "we're looking for social housing, rent is too high, we live in Saint-Michel", committee: 'sm-comite-logement' },
  es: { text: 'Hola, busco vivienda social para mi familia, vivimos en Saint-Michel', committee: 'sm-comite-logement' },
  ht: { text: 'mwen bezwen yon lojman sosyal, lwaye a twò chè, nou rete Saint-Henri', committee: 'popir-comite-logement' },
};

// A tester acting as parents asked for food and was offered no food help: the families' own words.
const FOOD: Record<Language, { text: string; place: string }> = {
  fr: { text: 'on a plus rien a manger ce soir', place: 'St-Henri' },
  en: { text: 'need a food bank', place: 'Petite-Patrie' },
  es: { text: 'necesito comida para mis hijos', place: 'Saint-Michel' },
  ht: { text: 'm pa gen manje pou timoun yo', place: 'Petite-Bourgogne' },
};
const LINE_211 = SEED.services.find((service) => service.id === '211-grand-montreal-besoins-de-base')!;

const serviceName = async (id: string, language: Language) =>
  (await t.service.db.prisma.serviceText.findUniqueOrThrow({ where: { serviceId_language: { serviceId: id, language } } })).name;

/** A family that wrote `first` and agreed to the notice; returns the replies to its yes. */
async function afterConsent(family: TestFamily, language: Language, first: string): Promise<string> {
  expect(await family.say(first)).toEqual([family.like(language, 'consent.notice')]);
  const [thanks, ...replies] = await family.say(YES[language]);
  expect(thanks).toBe(family.text(language, 'consent.thanks'));
  return replies.join('\n---\n');
}

describe.each(['sms', 'whatsapp'] as const)('by %s', (channel) => {
  describe.each(['fr', 'en', 'es', 'ht'] as const)('in %s', (language) => {
    it('a need outside the directory is said plainly, recorded for the tables, and a person offered', async () => {
      const family = new TestFamily(t, channel);
      const offer = family.text(language, 'unlisted.offer', { topic: translate(language, 'unlisted.topic.dentist') });
      expect(await afterConsent(family, language, DENTIST[language])).toBe(offer);
      const contact = await family.record();
      const events = await t.service.db.prisma.contactEvent.findMany({ where: { contactId: contact.id, type: 'unmet_need' } });
      expect(events.map((event) => event.data)).toEqual([{ need: 'dentist', neighbourhood: 'Saint-Henri', language, channel }]);
      if (channel === 'sms') {
        expect(await family.reply(YES[language])).toEqual(family.like(language, 'person.requested'));
        const handoff = await t.service.db.prisma.handoff.findFirstOrThrow({ where: { contactId: contact.id } });
        expect(handoff.reason).toBe('unmet_need');
        // The team sees which need it was, in the handoff's request.
        const requested = await t.service.db.prisma.contactEvent.findFirstOrThrow({ where: { contactId: contact.id, type: 'handoff_requested' } });
        expect(requested.data).toMatchObject({ reason: 'unmet_need', need: 'dentist' });
      } else {
        expect(await family.reply(NO[language])).toBe(family.text(language, 'unlisted.declined'));
      }
    });

    it('a family that declined the notice is still told, and its neighbourhood is not kept', async () => {
      const family = new TestFamily(t, channel);
      expect(await family.say(DENTIST[language])).toEqual([family.like(language, 'consent.notice')]);
      const replies = await family.reply(NO[language]);
      expect(replies).toContain(family.text(language, 'unlisted.offer', { topic: translate(language, 'unlisted.topic.dentist') }));
      const contact = await family.record();
      const events = await t.service.db.prisma.contactEvent.findMany({ where: { contactId: contact.id, type: 'unmet_need' } });
      expect(events.map((event) => event.data)).toEqual([{ need: 'dentist', neighbourhood: null, language, channel }]);
    });

    it('a need outside the directory asked in the middle of a flow is not a misunderstanding', async () => {
      const family = new TestFamily(t, channel);
      await afterConsent(family, language, HELLO[language]);
      const reply = await family.reply(JOB[language]);
      expect(reply).toBe(family.text(language, 'unlisted.offer', { topic: translate(language, 'unlisted.topic.job') }));
      expect(reply).not.toContain(family.text(language, 'fallback.sorry'));
    });

    it('a newcomer asking for French classes is shown the free francisation classes', async () => {
      const family = new TestFamily(t, channel);
      const list = await afterConsent(family, language, FRENCH_CLASSES[language]);
      expect(list).toContain(family.channel === 'sms' ? (await serviceName('francisation-quebec-cours', language)).slice(0, 12) : await serviceName('francisation-quebec-cours', language));
    });

    it('a family asking for social housing learns how to apply for an HLM and meets its housing committee, never a partner goal', async () => {
      const family = new TestFamily(t, channel);
      expect(await afterConsent(family, language, HOUSING[language].text)).toBe(family.text(language, 'housing.urgent'));
      const pages = [await family.reply(NO[language]), await family.reply(MORE[language])].join('\n');
      const shown = async (id: string) => pages.includes((await serviceName(id, language)).split(/[\s(:]/).slice(0, 2).join(' '));
      expect(await shown('omhm-logement-hlm'), pages).toBe(true);
      expect(await shown(HOUSING[language].committee), pages).toBe(true);
      expect(await shown('tal-droits-locataires'), pages).toBe(true);
      expect(pages).not.toContain((await serviceName('lpp-logement-social', language)).split(' ').slice(0, 2).join(' '));
    });

    it('a family with nothing to eat is offered 211 among the first programs, its details in the family’s language', async () => {
      const family = new TestFamily(t, channel);
      const shown = (text: string) => (channel === 'sms' ? toGsm7(text) : text);
      expect(await afterConsent(family, language, FOOD[language].text)).toBe(family.text(language, 'profile.place'));
      const list = await family.reply(FOOD[language].place);
      // The list's first page (three programs), with 211 on its own numbered line.
      const number = /^(\d)\) 211\b/m.exec(list)?.[1];
      expect(number, list).toBeDefined();
      const details = await family.reply(number!);
      expect(details).toContain(shown(LINE_211.name[language]));
      expect(details).toContain(shown(LINE_211.description[language].split('. ')[0]!));
      // The number to call, not "the team will help you": 211 is no placeholder.
      expect(details).toContain(family.text(language, 'results.detail.register', { text: LINE_211.how_to_register[language] }));
      expect(details).not.toContain(family.text(language, 'results.reach.ask_team'));
      expect(details).toContain(family.text(language, 'results.detail.cost', { text: LINE_211.cost[language] }));
      // Its number and hours were not read on the official page: the family is told they are to be confirmed.
      expect(details).toContain(family.text(language, 'results.detail.unverified'));
      expect(details).toContain(family.text(language, 'results.details', { details: '' }).trim());
      const referral = await t.service.db.prisma.contactEvent.findFirstOrThrow({ where: { contact: { address: family.address }, type: 'referral' } });
      expect(referral.data).toMatchObject({ need: 'basic_needs' });
      if (channel === 'sms') {
        expect(smsSegments(list), list).toBeLessThanOrEqual(2);
        expect(smsSegments(details), details).toBeLessThanOrEqual(3);
      }
    });
  });
});
