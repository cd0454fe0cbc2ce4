import { describe, expect, it } from 'vitest';
import { describeAges } from '../../src/conversation/describeAges.ts';

describe('describeAges', () => {
  it('says a program’s ages as a parent reads them, in the four languages', () => {
    const fiveAndUnder = { min: 0, max: 71 };
    expect(describeAges(fiveAndUnder, 'fr')).toBe('0 à 5 ans');
    expect(describeAges(fiveAndUnder, 'en')).toBe('0 to 5 years');
    expect(describeAges(fiveAndUnder, 'es')).toBe('0 a 5 años');
    expect(describeAges(fiveAndUnder, 'ht')).toBe('0 a 5 an');
  });

  it('counts in months under two years, in (half) years above', () => {
    expect(describeAges({ min: 0, max: 3 }, 'fr')).toBe('0 à 3 mois');
    expect(describeAges({ min: 0, max: 3 }, 'en')).toBe('0 to 3 months');
    expect(describeAges({ min: 0, max: 24 }, 'es')).toBe('0 a 2 años');
    expect(describeAges({ min: 42, max: 71 }, 'fr')).toBe('3 ans et demi à 5 ans');
    expect(describeAges({ min: 42, max: 71 }, 'en')).toBe('3½ years to 5 years');
    expect(describeAges({ min: 42, max: 71 }, 'ht')).toBe('3 an edmi a 5 an');
    expect(describeAges({ min: 72, max: 299 }, 'fr')).toBe('6 à 24 ans');
    expect(describeAges({ min: 6, max: 71 }, 'fr')).toBe('6 mois à 5 ans');
  });

  it('says "and up" without an upper age, and nothing when the program sets no limit', () => {
    expect(describeAges({ min: 72, max: null }, 'fr')).toBe('6 ans et plus');
    expect(describeAges({ min: 72, max: null }, 'en')).toBe('6 years and up');
    expect(describeAges({ min: 0, max: null }, 'fr')).toBe('');
    expect(describeAges({ min: null, max: null }, 'es')).toBe('');
  });
});
