import { describe, expect, it } from 'vitest';
import { isGsm7, smsSegments, toGsm7 } from '../../src/sms/gsm7.ts';
import { LANGUAGES, loadLocaleResources, translate } from '../../src/i18n.ts';

describe('GSM-7', () => {
  it('keeps what GSM-7 has and replaces the rest by its closest spelling', () => {
    expect(toGsm7('Ça fête à l’école, garçon!')).toBe("Ça fete à l'école, garcon!");
    expect(toGsm7('¿Cuál es su pregunta? guardería, niño')).toBe('¿Cual es su pregunta? guarderia, niño');
    expect(toGsm7('Mwen ka ede w, kreyòl, gwosès')).toBe('Mwen ka ede w, kreyòl, gwosès');
    expect(toGsm7('« Bienvenue » — 24 h/24…')).toBe('" Bienvenue " - 24 h/24...');
    expect(isGsm7(toGsm7('Ça fête à l’école'))).toBe(true);
    expect(toGsm7('🙂')).toBe('🙂');
  });

  it('spells fractions out, so "2½ ans" does not send a whole list in 70-character segments', () => {
    expect(toGsm7('Children aged 3½ to 5, babies-30 months and 2 ½-5 years, ¼ h')).toBe('Children aged 3 1/2 to 5, babies-30 months and 2 1/2-5 years, 1/4 h');
    expect(isGsm7(toGsm7('Portés par la qualité (nourrissons-30 mois et 2 ½ ans-5 ans)'))).toBe(true);
  });

  it('counts segments as carriers bill them', () => {
    expect(smsSegments('a'.repeat(160))).toBe(1);
    expect(smsSegments('a'.repeat(161))).toBe(2);
    expect(smsSegments('a'.repeat(306))).toBe(2);
    expect(smsSegments('a'.repeat(307))).toBe(3);
    expect(smsSegments('€'.repeat(80))).toBe(1);
    expect(smsSegments('€'.repeat(81))).toBe(2);
    expect(smsSegments('ê'.repeat(70))).toBe(1);
    expect(smsSegments('ê'.repeat(71))).toBe(2);
  });
});

function keysOf(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, child]) => keysOf(child, prefix ? `${prefix}.${key}` : key));
}

describe('every message the bot sends', () => {
  const keys = keysOf(loadLocaleResources().fr!.bot);
  it.each(LANGUAGES)('fits in two SMS segments in %s once made GSM-7', (language) => {
    for (const key of keys) {
      const sms = toGsm7(translate(language, key));
      expect(isGsm7(sms), `${language} ${key}`).toBe(true);
      expect(smsSegments(sms), `${language} ${key}: ${sms.length} characters`).toBeLessThanOrEqual(2);
    }
  });
});
