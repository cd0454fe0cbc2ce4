import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/nlu/index.ts';
import { mentionsBirth, mentionsPregnancy } from '../../../src/nlu/pregnancy.ts';

// Bugs found by asking for every program of the seed (test/fixtures/seedQuestions.json).
describe('longer questions parents and workers text', () => {
  it.each([
    ['Kiyès ki kowòdone plan aksyon ti timoun nan Petite-Patrie?', 'ht'],
    ['Èske gen yon rezo sipò pou fanmi Otoktòn k ap viv lavil?', 'ht'],
    ['Kijan patnè Sen Michèl yo ap amelyore kominikasyon ak kolaborasyon ant yo?', 'ht'],
    ['¿cómo va el proyecto de centro integrado para la infancia en Saint-Michel?', 'es'],
  ] as const)('do not read another language’s everyday word as small talk: %s', (text, language) => {
    expect(['yes', 'no', 'greeting', 'thanks']).not.toContain(analyze(text, { currentLanguage: language }).intent);
  });

  it('still reads small talk that opens a message, or a short one', () => {
    expect(analyze('oui je veux bien que vous me rappeliez demain').intent).toBe('yes');
    expect(analyze('nan merci ça va', { currentLanguage: 'fr' }).intent).toBe('no');
    expect(analyze('k', { currentLanguage: 'en' }).intent).toBe('yes');
  });

  it('does not take the Creole "ansanm" (together) for a misspelt "ansan" (pregnant)', () => {
    expect(analyze('èske gen pwojè pou ranfòse edikasyon ansanm ak paran yo?', { currentLanguage: 'ht' }).intent).not.toBe('prenatal');
  });

  it.each([
    ['Èske gen atelye pou ede tibebe m devlope? Li gen 9 mwa', 'ht', 'school_readiness'],
    ['I’m a community worker, is there ongoing training on language development for staff?', 'en', 'school_readiness'],
    ['just had my baby last week, will a nurse visit me at home?', 'en', 'prenatal'],
    ['acabamos de mudarnos a la Petite-Patrie, hay un comité de padres que recibe a las familias nuevas?', 'es', 'newcomer'],
    ['on est une famille colombienne arrivee l’an passe, y a tu de l’aide pour nous', 'fr', 'newcomer'],
    ['hay un grupo de apoyo entre padres en Saint-Michel?', 'es', 'events'],
    ['is there a breastfeeding support group?', 'en', 'breastfeeding'],
  ] as const)('%s → %s', (text, language, intent) => {
    expect(analyze(text, { currentLanguage: language }).intent).toBe(intent);
  });

  it('does not read "a few hours a week" as a child’s age', () => {
    const ages = analyze('drop-in daycare for a few hours a week for my 18 month old').entities.filter((entity) => entity.type === 'age');
    expect(ages).toEqual([{ type: 'age', text: '18 month old', months: 18 }]);
    expect(analyze('my baby is a month old').entities).toContainEqual({ type: 'age', text: 'a month old', months: 1 });
  });
});

describe('pregnancy and birth in a message', () => {
  it.each(['jsuis enceinte de 5 mois', 'I’m 20 weeks pregnant', 'estoy embarazada', 'Mwen ansent', 'first baby due in May'])('%s says pregnant', (text) => {
    expect(mentionsPregnancy(text)).toBe(true);
  });

  it.each(['jsuis pas enceinte', 'my baby is 2 weeks old', 'mwen pa ansent'])('%s does not', (text) => {
    expect(mentionsPregnancy(text)).toBe(false);
  });

  it.each(['je viens d’accoucher', 'just had my baby last week', 'acabo de dar a luz', 'Mwen fèk akouche'])('%s says the baby is born', (text) => {
    expect(mentionsBirth(text)).toBe(true);
  });
});
