import { describe, expect, it } from 'vitest';
import { queryFromMessage } from '../../src/directory/queryFromMessage.ts';
import { textTerms } from '../../src/directory/textTerms.ts';
import { analyze } from '../../src/nlu/index.ts';
import type { Language } from '../../src/nlu/index.ts';

const query = (text: string, language: Language = 'fr', profile = {}) => queryFromMessage({ text, nlu: analyze(text, { currentLanguage: language }) }, profile);

describe('queryFromMessage', () => {
  it('turns a parent’s question into the search the bot runs', () => {
    expect(query('y a tu un camp d’été pour mon gars de 4 ans à St-Michel?')).toMatchObject({
      need: 'camp', ageMonths: 48, neighbourhood: 'Saint-Michel', language: 'fr', pregnant: undefined,
    });
  });

  it('takes the neighbourhood from a postal code, and the youngest child’s age', () => {
    expect(query('mes enfants de 1 an et 3 ans, une garderie près de H2S 2M5?')).toMatchObject({ need: 'childcare', neighbourhood: 'La Petite-Patrie', ageMonths: 12 });
  });

  it('keeps what the profile knows when the message does not say it', () => {
    expect(query('need a daycare spot', 'en', { neighbourhood: 'Saint-Henri', ageMonths: 30 })).toMatchObject({ need: 'childcare', neighbourhood: 'Saint-Henri', ageMonths: 30 });
    expect(query('daycare in Saint-Michel for my 2 year old', 'en', { neighbourhood: 'Saint-Henri', ageMonths: 30 })).toMatchObject({ neighbourhood: 'Saint-Michel', ageMonths: 24 });
  });

  it('reads a pregnancy from words, or from a prenatal question about no child; a birth ends it', () => {
    expect(query('cours prénatal à St-Henri svp')).toMatchObject({ need: 'prenatal', pregnant: true });
    expect(query('estoy embarazada, busco un taller de masaje para bebé', 'es')).toMatchObject({ pregnant: true });
    expect(query('je viens d’accoucher, l’infirmière va tu venir?')).toMatchObject({ need: 'prenatal', pregnant: false });
    expect(query('suivi postnatal, mon bébé a 3 semaines')).toMatchObject({ need: 'prenatal', ageMonths: 1, pregnant: false });
    expect(query('une doula pour moi, mon fils a 2 ans')).toMatchObject({ need: 'prenatal', ageMonths: 24, pregnant: undefined });
  });

  it('passes the parent’s words on without the places and ages', () => {
    const { text } = query('atelier massage bébé 3 mois petite patrie');
    expect(text).toContain('atelier massage bébé');
    expect(text).not.toMatch(/petite patrie|3 mois/);
  });
});

describe('textTerms', () => {
  it('keeps the words that say what a text is about, cut so word families meet', () => {
    expect(textTerms('Je cherche des cours prénataux pour ma grossesse')).toEqual(['cours', 'prena', 'gross']);
    expect(textTerms('Cours prénatal')).toEqual(['cours', 'prena']);
    expect(textTerms('¿Dónde hay talleres para familias?')).toEqual(['talle', 'famil']);
    expect(textTerms('1000 jours, 0-5 ans, H2S')).toEqual(['1000', 'jours', 'ans']);
  });
});
