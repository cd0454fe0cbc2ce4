import { describe, expect, it } from 'vitest';
import { useTestService } from '../support/startTestService.ts';
import { TestFamily } from '../support/TestFamily.ts';
import type { Language } from '../../src/i18n.ts';
import { smsSegments } from '../../src/sms/gsm7.ts';

const t = useTestService();

/** How parents write in each language: a question per need, and short answers. */
const SPEAK: Record<Language, { needs: Record<string, string>; yes: string; no: string; age: string; place: string; dunno: string; pregnant: string; more: string }> = {
  fr: {
    needs: {
      prenatal: 'je suis enceinte et je cherche des ateliers prenatals',
      breastfeeding: "je cherche de l'aide pour allaiter mon bebe",
      camp: 'je cherche un camp pour mon enfant cet ete',
      school_readiness: "je veux preparer mon enfant pour l'ecole",
      childcare: 'je cherche une place en garderie',
      housing: "j'ai besoin d'aide pour trouver un logement",
      basic_needs: "j'ai besoin de nourriture pour ma famille",
      newcomer: "on vient d'arriver au Canada, on cherche de l'aide",
      events: 'quelles activites pour les familles dans le quartier?',
    },
    yes: 'oui',
    no: 'non',
    age: '4 ans',
    place: 'St-Michel',
    dunno: 'je sais pas',
    pregnant: 'enceinte',
    more: 'plus',
  },
  en: {
    needs: {
      prenatal: "I'm pregnant and looking for prenatal classes",
      breastfeeding: 'I need help with breastfeeding my baby',
      camp: 'looking for a summer camp for my kid',
      school_readiness: 'I want to get my child ready for school',
      childcare: 'I need a daycare spot for my son',
      housing: 'I need help finding housing',
      basic_needs: 'we need food for the family',
      newcomer: 'we just arrived in Canada and need help',
      events: 'any family events in the neighbourhood?',
    },
    yes: 'yes',
    no: 'no',
    age: '4 years',
    place: 'Saint-Michel',
    dunno: "I don't know",
    pregnant: 'pregnant',
    more: 'more',
  },
  es: {
    needs: {
      prenatal: 'estoy embarazada y busco talleres prenatales',
      breastfeeding: 'necesito ayuda con la lactancia de mi bebe',
      camp: 'busco un campamento para mi hijo este verano',
      school_readiness: 'quiero preparar a mi hijo para la escuela',
      childcare: 'busco una guarderia para mi hija',
      housing: 'necesito ayuda para encontrar vivienda',
      basic_needs: 'necesito comida para mi familia',
      newcomer: 'acabamos de llegar a Canada y necesitamos ayuda',
      events: 'hay actividades para familias en el barrio?',
    },
    yes: 'si',
    no: 'no',
    age: '4 años',
    place: 'Saint-Michel',
    dunno: 'no sé',
    pregnant: 'embarazada',
    more: 'mas',
  },
  ht: {
    needs: {
      prenatal: 'mwen ansent, mwen bezwen atelye pou fanm ansent',
      breastfeeding: 'mwen vle bay pitit mwen tete, mwen bezwen konsèy pou tete',
      camp: 'mwen chache yon kan pou pitit mwen ete a',
      school_readiness: 'mwen vle prepare pitit mwen pou lekòl',
      childcare: 'mwen bezwen yon gadri pou pitit mwen',
      housing: 'mwen bezwen èd pou m jwenn lojman',
      basic_needs: 'mwen bezwen manje pou fanmi mwen',
      newcomer: 'nou fenk rive Kanada, nou bezwen èd',
      events: 'ki aktivite ki genyen pou fanmi nan katye a?',
    },
    yes: 'wi',
    no: 'non',
    age: '4 an',
    place: 'Saint-Michel',
    dunno: 'm pa konnen',
    pregnant: 'ansent',
    more: 'plis',
  },
};

const LANGUAGES = ['fr', 'en', 'es', 'ht'] as const;
const NEEDS = Object.keys(SPEAK.fr.needs);

/** A family that wrote its first question and agreed to the notice; returns the replies to the yes. */
async function agreed(family: TestFamily, language: Language, question: string): Promise<string> {
  const first = await family.reply(question);
  expect(first).toBe(family.text(language, 'consent.notice'));
  return family.reply(SPEAK[language].yes);
}

describe.each(LANGUAGES)('in %s', (language) => {
  const speak = SPEAK[language];

  it.each(NEEDS)('a parent asking about %s reaches fitting programs, by SMS and by WhatsApp', async (need) => {
    for (const channel of ['sms', 'whatsapp'] as const) {
      const family = new TestFamily(t, channel);
      let reply = await agreed(family, language, speak.needs[need]!);
      expect(reply).toContain(family.text(language, 'consent.thanks'));
      // Only what the search needs is asked, once each: fitting programs within three messages of the
      // parent's own after the consent (issue 11's measure).
      for (let turn = 0; turn < 3 && !/^1\) /m.test(reply); turn++) {
        if (reply.includes(family.text(language, 'housing.urgent'))) reply = await family.reply(speak.no);
        else if (reply.includes(family.text(language, 'profile.child_age'))) reply = await family.reply(speak.age);
        else if (reply.includes(family.text(language, 'profile.due_date'))) reply = await family.reply(speak.dunno);
        else if (reply.includes(family.text(language, 'profile.place'))) reply = await family.reply(speak.place);
        else throw new Error(`unexpected reply: ${reply}`);
      }
      expect(reply).toMatch(/^1\) /m);
      const details = await family.reply('1');
      expect(details).toContain(family.text(language, 'results.details', { details: '' }).trim());
      expect(await family.reply(speak.yes)).toBe(family.text(language, 'feedback.thanks'));
      const events = await t.service.db.prisma.contactEvent.findMany({ where: { contact: { address: family.address } }, orderBy: { id: 'asc' } });
      expect(events.map((event) => event.type)).toEqual(['consent', 'referral', 'feedback']);
      expect(events[1]!.data).toMatchObject({ need });
      // SMS: lists and questions in two segments at most, a program's details in three.
      if (channel === 'sms') for (const { body } of t.twilio.to(family.address)) expect(smsSegments(body), body).toBeLessThanOrEqual(body === details ? 3 : 2);
      const record = await family.record();
      expect(record).toMatchObject({ language, consentGiven: true });
      expect(record.consentAt).toBeInstanceOf(Date);
    }
  });
});
