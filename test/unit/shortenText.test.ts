import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ELLIPSIS, shortenText, shortenings } from '../../src/conversation/shortenText.ts';
import { SEED } from '../support/seedResults.ts';
import { cutsIn } from '../support/cutText.ts';

// The tester's report: descriptions cut mid-sentence, right at the ages ("pour les enfants de 0 à").
const ATELIERS = 'Ateliers pour les enfants de 3 ans et demi à 5 ans qui ne vont pas à la garderie. Ils apprennent à jouer avec les autres et se préparent à l’école.';
const CAMP = 'Camp d’été de six semaines pour un parent et ses enfants de 5 ans et moins : jeux éducatifs, sorties et visites culturelles en ville.';

describe('shortenText', () => {
  it('leaves a text that fits as it is (spaces tidied)', () => {
    expect(shortenText(' Halte-allaitement  du quartier. ', { max: 40, cut: 'word' })).toBe('Halte-allaitement du quartier.');
  });

  it('keeps the leading sentences that fit, whole, without "..."', () => {
    expect(shortenText(ATELIERS, { max: 100, cut: 'word' })).toBe('Ateliers pour les enfants de 3 ans et demi à 5 ans qui ne vont pas à la garderie.');
    const three = 'Un. Deux deux. Trois trois trois.';
    expect(shortenText(three, { max: 15, cut: 'sentence' })).toBe('Un. Deux deux.');
  });

  it('gives nothing rather than a broken sentence when only whole sentences may be kept', () => {
    expect(shortenText(ATELIERS, { max: 60, cut: 'sentence' })).toBe('');
  });

  it('does not take an abbreviation, an initial, a web address or a decimal for the end of a sentence', () => {
    const text = 'Activités p. ex. jeux et lecture au CLSC St. Henri avec J. Tremblay, voir omhm.qc.ca ou 2.5 km. Deuxième phrase ici.';
    expect(shortenText(text, { max: 110, cut: 'sentence' })).toBe('Activités p. ex. jeux et lecture au CLSC St. Henri avec J. Tremblay, voir omhm.qc.ca ou 2.5 km.');
  });

  it('ends a sentence before a capital, a digit, an opening quote or ¿', () => {
    expect(shortenText('Primero. ¿Cuándo? Luego.', { max: 20, cut: 'sentence' })).toBe('Primero. ¿Cuándo?');
    expect(shortenText('Gratuit. 24 h sur 24.', { max: 12, cut: 'sentence' })).toBe('Gratuit.');
    expect(shortenText('Premier temps. puis la suite.', { max: 20, cut: 'sentence' })).toBe('');
  });

  it('cuts the first sentence after a clause, with "...", when allowed and no sentence fits', () => {
    expect(shortenText(CAMP, { max: 90, cut: 'clause' })).toBe('Camp d’été de six semaines pour un parent et ses enfants de 5 ans et moins...');
    expect(shortenText('Une accompagnante vous informe sur la grossesse, l’accouchement et l’allaitement (CLSC), et reste avec vous.', { max: 60, cut: 'clause' })).toBe(
      'Une accompagnante vous informe sur la grossesse...',
    );
    expect(shortenText('Sans virgule ni deux-points dans toute cette longue phrase', { max: 30, cut: 'clause' })).toBe('');
  });

  it('never cuts after a number that starts a range, even at a comma', () => {
    const text = 'Pour les enfants de 3, 4 et 5 ans du quartier, avec leurs parents.';
    expect(shortenText(text, { max: 50, cut: 'clause' })).toBe('Pour les enfants de 3, 4 et 5 ans du quartier...');
    expect(shortenText(text, { max: 40, cut: 'clause' })).toBe('');
  });

  it('cuts between words, never after a small word or a bare number, when words are allowed', () => {
    expect(shortenText(ATELIERS, { max: 33, cut: 'word' })).toBe('Ateliers pour les enfants...');
    expect(shortenText('Talleres para niños de 0 a 5 años que no van a la guardería', { max: 30, cut: 'word' })).toBe('Talleres para niños...');
    expect(shortenText('Workshops for children aged 0 to 5 who do not attend daycare', { max: 36, cut: 'word' })).toBe('Workshops for children...');
    expect(shortenText('Atelye pou timoun 0 a 5 an ki pa ale nan gadri', { max: 24, cut: 'word' })).toBe('Atelye pou timoun...');
    // A proper name in another language: "in La Petite-Patrie" is not cut after "La".
    expect(shortenText('More social housing in La Petite-Patrie', { max: 32, cut: 'word' })).toBe('More social housing...');
  });

  it('prefers a clause to words, unless the clause throws much more away', () => {
    expect(shortenText('Petite enfance, grande importance pour tout le Québec', { max: 40, cut: 'word' })).toBe('Petite enfance, grande importance...');
    expect(shortenText('Accompagnement, soutien et références pour les familles immigrantes', { max: 50, cut: 'word' })).toBe(
      'Accompagnement, soutien et références...',
    );
    expect(shortenText('Portés par la qualité (nourrissons-30 mois et 2 ½ ans-5 ans)', { max: 40, cut: 'word' })).toBe('Portés par la qualité...');
    // Never inside brackets left open.
    expect(shortenText('Portés par la qualité (nourrissons-30 mois et 2 ½ ans-5 ans)', { max: 50, cut: 'word' })).toBe('Portés par la qualité...');
  });

  it('gives nothing when not even the first word fits', () => {
    expect(shortenText('Psychoéducation communautaire', { max: 10, cut: 'word' })).toBe('');
  });

  it('never returns more than max, and only whole sentences, or a prefix of whole words ending well, with "..." (every text of the seed)', () => {
    const texts = SEED.services.flatMap((service) => [service.name, service.description, service.eligibility_text].flatMap((text) => Object.values(text)));
    fc.assert(
      fc.property(fc.constantFrom(...texts), fc.integer({ min: 5, max: 260 }), fc.constantFrom('sentence', 'clause', 'word') as fc.Arbitrary<'sentence' | 'clause' | 'word'>, (text, max, cut) => {
        const shown = shortenText(text, { max, cut });
        expect(shown.length).toBeLessThanOrEqual(max);
        if (shown === '' || shown === text) return;
        if (shown.endsWith(ELLIPSIS)) {
          expect(cut).not.toBe('sentence');
          const kept = shown.slice(0, -ELLIPSIS.length);
          expect(text.startsWith(kept)).toBe(true);
          expect(text.charAt(kept.length)).toMatch(/[\s,;:.]/);
        } else {
          expect(text.startsWith(shown)).toBe(true);
          expect(shown).toMatch(/[.!?]["'’”»)]*$/);
        }
        expect(cutsIn(shown, { names: cut === 'word' ? [text] : [], prose: cut === 'word' ? [] : [text] })).toEqual([]);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('shortenings', () => {
  it('lists every allowed shortening, longest first, the whole text first and nothing last', () => {
    expect(shortenings(CAMP, { cut: 'clause' })).toEqual([
      CAMP,
      'Camp d’été de six semaines pour un parent et ses enfants de 5 ans et moins : jeux éducatifs...',
      'Camp d’été de six semaines pour un parent et ses enfants de 5 ans et moins...',
      '',
    ]);
    expect(shortenings(ATELIERS, { cut: 'sentence' })).toEqual([ATELIERS, 'Ateliers pour les enfants de 3 ans et demi à 5 ans qui ne vont pas à la garderie.', '']);
    expect(shortenings('', { cut: 'word' })).toEqual(['']);
  });
});
