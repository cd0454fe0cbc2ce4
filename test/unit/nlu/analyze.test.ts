import { describe, expect, it } from 'vitest';
import { analyze, LANGUAGES, NEIGHBOURHOODS, neighbourhoodForFsa } from '../../../src/nlu/index.ts';
import type { NluEntity } from '../../../src/nlu/index.ts';

const NOW = new Date('2026-11-22T12:00:00');
const ofType = <T extends NluEntity['type']>(entities: NluEntity[], type: T): Extract<NluEntity, { type: T }>[] =>
  entities.filter((entity): entity is Extract<NluEntity, { type: T }> => entity.type === type);

describe('analyze contract', () => {
  it('returns every field with the documented shape', () => {
    const result = analyze('y a tu un camp pour mon gars de 4 ans');
    expect(result).toMatchObject({ language: 'fr', detectedLanguage: 'fr', intent: 'camp', entities: [{ type: 'age', text: '4 ans', months: 48 }] });
    expect(result.confidence).toBeGreaterThan(0.5);
    expect(result.confidence).toBeLessThanOrEqual(1);
    expect(result.languageConfidence).toBeGreaterThanOrEqual(0);
    expect(LANGUAGES).toEqual(['fr', 'en', 'es', 'ht']);
  });

  it.each([
    ['', 'es'],
    ['🙂🙂🙂', 'ht'],
    ['x'.repeat(1600), 'en'],
    ['a'.repeat(5000) + ' garderie', 'fr'],
    ['\u0000\u0007\u001b[31m\ud800', 'fr'],
    ['مرحبا 你好 привет', 'es'],
    ['   \n\t  ', 'ht'],
  ] as const)('never throws on bad input and keeps the current language (%#)', (text, current) => {
    const result = analyze(text, { currentLanguage: current });
    expect(result.language).toBe(current);
    expect(['unknown', 'childcare']).toContain(result.intent);
  });

  it('yields unknown with the current language for digits and emoji', () => {
    expect(analyze('👍', { currentLanguage: 'ht' })).toMatchObject({ language: 'ht', intent: 'unknown', detectedLanguage: null });
    expect(analyze('4', { currentLanguage: 'es' })).toMatchObject({ language: 'es', intent: 'unknown', entities: [{ type: 'number', value: 4 }] });
  });
});

describe('language identification', () => {
  it.each([
    ['jsuis enceinte pis chu pas sure', 'fr'],
    ['mwen ansent, pitit mwen gen 4 an', 'ht'],
    ['busco guarderia para mi hija', 'es'],
    ['looking for daycare for my son', 'en'],
    ['mwen bezwen yon daycare pou pitit mwen', 'ht'],
  ] as const)('%s → %s', (text, language) => {
    expect(analyze(text).language).toBe(language);
  });

  it('keeps the remembered language on weak evidence', () => {
    expect(analyze('ok', { currentLanguage: 'es' }).language).toBe('es');
    expect(analyze('STOP', { currentLanguage: 'ht' }).language).toBe('ht');
  });

  it.each([
    ['in English please', 'en'],
    ['en español', 'es'],
    ['an kreyòl', 'ht'],
    ['Parlez-vous espagnol?', 'es'],
    ['English?', 'en'],
  ] as const)('explicit request %s', (text, language) => {
    expect(analyze(text, { currentLanguage: 'fr' })).toMatchObject({ intent: 'change_language', requestedLanguage: language, language });
  });

  it.each(['LANGUE', 'LANGUAGE', 'IDIOMA', 'LANG'])('%s asks for the language menu', (text) => {
    expect(analyze(text).intent).toBe('change_language');
  });

  it('picks a language from the language menu', () => {
    expect(analyze('3', { menu: ['fr', 'en', 'es', 'ht'] })).toMatchObject({ requestedLanguage: 'es', language: 'es', menuChoice: 3, intent: 'change_language' });
  });

  it.each([
    ['my son starts maternelle in a french school next year, any help before school?', 'en'],
    ["mon fils rentre dans une ecole anglaise l'an prochain, ya tu des ateliers pour l'aider a se preparer?", 'fr'],
    ['mi hija va a entrar a una escuela francesa, hay talleres para prepararla para la escuela?', 'es'],
    ['pitit mwen pral nan yon lekòl franse ane pwochèn, èske gen pwogram pou prepare l pou lekòl?', 'ht'],
  ] as const)('answers a need that names another language in the language it is written in: %s', (text, language) => {
    const result = analyze(text, { currentLanguage: 'fr' });
    expect([result.intent, result.language]).toEqual(['school_readiness', language]);
  });

  it('flags other languages for the four-language menu', () => {
    expect(analyze('Olá, preciso de ajuda com a creche do meu filho', { currentLanguage: 'en' })).toMatchObject({ foreignLanguage: true, language: 'en' });
    expect(analyze('مرحبا، أحتاج مساعدة في السكن')).toMatchObject({ foreignLanguage: true, detectedLanguage: null, intent: 'unknown' });
  });
});

describe('intents', () => {
  it('puts crisis before stop and stop before human', () => {
    expect(analyze('stop il me frappe aidez moi').intent).toBe('crisis');
    expect(analyze('STOP').intent).toBe('stop');
    expect(analyze("arrêtez de m'écrire, je veux pas parler à quelqu'un").intent).toBe('stop');
    expect(analyze("je veux parler à quelqu'un pour mon logement").intent).toBe('human');
  });

  it.each(['STOP', 'unsubscribe', 'END', 'QUIT', 'STOPALL', 'REVOKE', 'OPTOUT', 'CANCEL', 'ARRET', 'ARRÊT', 'PARA', 'KANPE', 'stop svp'])('%s opts out', (text) => {
    expect(analyze(text).intent).toBe('stop');
  });

  it('reads short opt-out words only as a whole message', () => {
    expect(analyze('para mi hijo de 3 años busco guarderia').intent).toBe('childcare');
    expect(analyze('camp until the end of June?').intent).toBe('camp');
  });

  it('treats a night without a roof as housing, and violence as crisis', () => {
    expect(analyze('on a pu de toit ce soir avec les enfants').intent).toBe('housing');
    expect(analyze('we have no place to sleep tonight').intent).toBe('housing');
    expect(analyze('mon chum me frappe, on a pu de toit').intent).toBe('crisis');
    expect(analyze('mwen vle mouri').intent).toBe('crisis');
  });

  it('tolerates typos and missing accents', () => {
    expect(analyze('je cherche une garderi').intent).toBe('childcare');
    expect(analyze('enceite de 3 mois').intent).toBe('prenatal');
    expect(analyze('need an apartmnet').intent).toBe('housing');
    expect(analyze('allaitment difficile').intent).toBe('breastfeeding');
  });

  it('maps a numbered answer to the menu option', () => {
    const menu = ['events', 'camp', 'housing'];
    expect(analyze('2', { menu })).toMatchObject({ intent: 'camp', menuChoice: 2 });
    expect(analyze('deux', { menu })).toMatchObject({ intent: 'camp', menuChoice: 2 });
    expect(analyze('two', { menu })).toMatchObject({ intent: 'camp', menuChoice: 2 });
    expect(analyze('de', { menu, currentLanguage: 'ht' })).toMatchObject({ intent: 'camp', menuChoice: 2, language: 'ht' });
    expect(analyze('9', { menu }).menuChoice).toBeUndefined();
  });

  it.each([
    ['oui', 'yes'], ['wi', 'yes'], ['si', 'yes'], ['yes', 'yes'], ['non merci', 'no'], ['merci beaucoup', 'thanks'],
    ['mèsi anpil', 'thanks'], ['bonjou', 'greeting'], ['menu', 'menu'], ['help', 'help'], ['START', 'start'],
    ['effacez mes données', 'delete_data'],
  ] as const)('%s → %s', (text, intent) => {
    expect(analyze(text).intent).toBe(intent);
  });
});

describe('entities', () => {
  it.each([
    ['4 ans', 48], ['18 mois', 18], ['3 years old', 36], ['tres años', 36], ['4 an', 48], ['9 mwa', 9],
    ['bébé de 10 mois', 10], ['my son is two', 24], ['2 ans et demi', 30], ['kat an', 48], ['dezan', 24],
    ['a 3yo', 36],
  ] as const)('age %s → %i months', (text, months) => {
    expect(ofType(analyze(text).entities, 'age').map((age) => age.months)).toEqual([months]);
  });

  it.each([
    ['twins are 3', [36, 36]],
    ['ages 1, 4 and 9', [12, 48, 108]],
    ['mine are 3 and 6', [36, 72]],
    ['jai 3 enfants de 2, 4 pis 7 ans', [24, 48, 84]],
    ['tengo un niño de año y medio y una niña de 4', [18, 48]],
    ['timoun yo gen 3, 6 ak 9 an', [36, 72, 108]],
    ['my daughter is 4 and my son is 7', [48, 84]],
    ['mon gars a 3 ans et 9 mois', [45]],
    // In a list of ages, "X years and Y months" are two children; alone, one child.
    ['jai 3 enfants 6 ans, 4 ans pis 8 mois', [72, 48, 8]],
    ['my kids are 2 years, 5 years and 10 months', [24, 60, 10]],
    ['mis hijos tienen 7 años, 3 años y 6 meses', [84, 36, 6]],
    ['pitit mwen yo gen 2 an, 5 an ak 10 mwa', [24, 60, 10]],
    ['he is 2 years and 3 months', [27]],
    ['mi hija tiene 1 año y 8 meses', [20]],
    ['cherche un 4½ pour ma fille de 2 ans', [24]],
    ['on est 5 dans un 3 et demi', []],
    ['necesito pañales talla 4 y leche', []],
    ['des ateliers pour les 2-3 ans', []],
  ] as const)('ages of several children: %s → %j', (text, months) => {
    expect(ofType(analyze(text).entities, 'age').map((age) => age.months)).toEqual(months);
  });

  it('does not read a pregnancy or a stay as a child age', () => {
    expect(ofType(analyze('enceinte de 5 mois').entities, 'age')).toEqual([]);
    expect(ofType(analyze('au Canada depuis 2 ans').entities, 'age')).toEqual([]);
  });

  it.each(['h2s2m5', 'H2S 2M5', 'h2s-2m5', 'H2S'])('postal code %s → H2S, La Petite-Patrie', (text) => {
    expect(ofType(analyze(`mon code: ${text}`).entities, 'postal_code')).toEqual([{ type: 'postal_code', text, fsa: 'H2S', neighbourhood: 'La Petite-Patrie' }]);
  });

  it('maps FSAs of the seed neighbourhoods and leaves Laval out', () => {
    expect(neighbourhoodForFsa('h1z')).toBe('Saint-Michel');
    expect(neighbourhoodForFsa('H4C')).toBe('Saint-Henri');
    expect(neighbourhoodForFsa('H3J')).toBe('Petite-Bourgogne');
    expect(neighbourhoodForFsa('H7N')).toBeNull();
  });

  it.each([
    ['petite patrie', 'La Petite-Patrie'], ['st-michel', 'Saint-Michel'], ['st henri', 'Saint-Henri'],
    ['petite bourgogne', 'Petite-Bourgogne'], ['villeray', 'Villeray'], ['rosemont', 'Rosemont'],
    ['cote des neiges', 'Côte-des-Neiges'], ['parc ex', 'Parc-Extension'], ['montreal nord', 'Montréal-Nord'],
  ] as const)('neighbourhood %s → %s', (text, neighbourhood) => {
    expect(ofType(analyze(`j'habite à ${text}`).entities, 'neighbourhood').map((entity) => entity.neighbourhood)).toEqual([neighbourhood]);
  });

  it('knows the seed neighbourhoods and their neighbours', () => {
    for (const name of ['La Petite-Patrie', 'Saint-Michel', 'Saint-Henri', 'Petite-Bourgogne']) {
      const neighbourhood = NEIGHBOURHOODS.find((candidate) => candidate.name === name);
      expect(neighbourhood?.adjacent.length).toBeGreaterThan(0);
      for (const adjacent of neighbourhood?.adjacent ?? []) expect(NEIGHBOURHOODS.map((candidate) => candidate.name)).toContain(adjacent);
    }
  });

  it('reads numbers in digits and in words', () => {
    expect(ofType(analyze('j ai 3 enfants').entities, 'number').map((number) => number.value)).toEqual([3]);
    expect(ofType(analyze('we have twenty two days', { currentLanguage: 'en' }).entities, 'number').map((number) => number.value)).toEqual([22]);
    expect(ofType(analyze('mwen gen twa pitit').entities, 'number').map((number) => number.value)).toEqual([3]);
  });

  it('finds dates only when one is expected, in the future', () => {
    expect(ofType(analyze('le 15 mars', { now: NOW }).entities, 'date')).toEqual([]);
    expect(ofType(analyze('bébé prévu le 15 mars', { expectDate: true, now: NOW }).entities, 'date')).toEqual([{ type: 'date', text: '15 mars', date: '2027-03-15' }]);
    expect(ofType(analyze('due in April', { expectDate: true, now: NOW }).entities, 'date').map((date) => date.date)).toEqual(['2027-04-01']);
    expect(ofType(analyze('mwen ap akouche 15 mas', { expectDate: true, now: NOW }).entities, 'date').map((date) => date.date)).toEqual(['2027-03-15']);
    // The first date read in a language builds recognizers-text's models for it: seconds on a busy machine.
  }, 30_000);
});
