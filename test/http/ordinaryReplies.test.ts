import { describe, expect, it } from 'vitest';
import { useTestService } from '../support/startTestService.ts';
import { TestFamily } from '../support/TestFamily.ts';
import type { Language } from '../../src/i18n.ts';

// Ordinary answers to the bot's questions — a due date said vaguely, "not sure yet", where the family
// lives said in a sentence — get the flow's next step, never the emergency or possible-crisis answer
// and a person at once (round 11 of test/nlu/heldout/README.md: one ordinary message in six did).
// None of these sentences is in a labelled, held-out or training set.
const t = useTestService();

const SPEAK: Record<Language, { pregnant: string; yes: string; dueDates: string[]; place: string }> = {
  fr: { pregnant: 'je suis enceinte, y a tu des cours prenataux', yes: 'oui', dueDates: ['euh vers la fin avril je crois', 'debut juillet je pense', 'jsais pas encore'], place: 'on reste a villeray' },
  en: { pregnant: "i'm pregnant, any prenatal classes?", yes: 'yes', dueDates: ['end of april i think', 'around june 3', 'not sure yet'], place: 'we live in villeray' },
  es: { pregnant: 'estoy embarazada, hay clases prenatales?', yes: 'sí', dueDates: ['a finales de abril creo', 'no se todavia'], place: 'vivimos en villeray' },
  ht: { pregnant: 'mwen ansent, eske gen kou pou fanm ansent?', yes: 'wi', dueDates: ['m poko konnen'], place: 'm rete villeray' },
};

describe.each(['fr', 'en', 'es', 'ht'] as const)('in %s', (language) => {
  const speak = SPEAK[language];
  it.each(speak.dueDates.map((answer) => [answer] as const))('"%s" to the due-date question, then a place in a sentence: the search, no alarm', async (answer) => {
    for (const channel of ['sms', 'whatsapp'] as const) {
      const family = new TestFamily(t, channel);
      expect(await family.say(speak.pregnant)).toEqual([family.text(language, 'consent.notice')]);
      const afterConsent = await family.say(speak.yes);
      expect(afterConsent.at(-1)).toBe(family.text(language, 'profile.due_date'));
      expect(await family.say(answer)).toEqual([family.text(language, 'profile.place')]);
      const results = await family.say(speak.place);
      expect(results).toHaveLength(1);
      expect(results[0]).toMatch(/^1\) /m);
      const handoffs = await t.service.db.prisma.handoff.count({ where: { contact: { address: family.address } } });
      expect(handoffs).toBe(0);
      expect(await family.record()).toMatchObject({ neighbourhood: 'Villeray', optedOut: false });
    }
  });
});
