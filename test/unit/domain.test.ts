import { describe, expect, it } from 'vitest';
import { optOutKeyword } from '../../src/bot/optOutKeywords.ts';
import { FAMILY_COLUMNS, FORGET_PROFILE_SQL, PROFILE_HELD_SQL } from '../../src/domain/family.ts';
import { fold } from '../../src/domain/fold.ts';
import { OPT_IN_KEYWORDS, OPT_OUT_KEYWORDS, TWILIO_OPT_IN_KEYWORDS, TWILIO_OPT_OUT_KEYWORDS } from '../../src/domain/keywords.ts';
import { needOf } from '../../src/domain/needs.ts';
import { analyze } from '../../src/nlu/index.ts';

describe('fold', () => {
  it.each([
    ['Kreyòl', 'kreyol'], ['ESPAÑOL', 'espanol'], ['Cœur', 'coeur'], ['Straße', 'strasse'], ['l’école', "l'ecole"], ['Saint-Léonard', 'saint-leonard'],
  ])('%s → %s', (text, folded) => expect(fold(text)).toBe(folded));
});

describe('opt-out keywords, one table for the bot and the NLU', () => {
  it.each(OPT_OUT_KEYWORDS.map((word) => word.toUpperCase()))('%s alone is an opt-out for the NLU', (word) => {
    expect(analyze(word).intent).toBe('stop');
  });
  it.each(OPT_IN_KEYWORDS.map((word) => word.toUpperCase()))('%s alone is an opt-in for the NLU', (word) => {
    expect(analyze(word).intent).toBe('start');
  });
  it.each(TWILIO_OPT_OUT_KEYWORDS.map((word) => word.toUpperCase()))('%s is an opt-out for the bot, as for Twilio', (word) => {
    expect(optOutKeyword(word)).toBe('STOP');
  });
  it.each(TWILIO_OPT_IN_KEYWORDS.map((word) => word.toUpperCase()))('%s is an opt-in for the bot, as for Twilio', (word) => {
    expect(optOutKeyword(word)).toBe('START');
  });
});

describe('needs', () => {
  it('names a need from an intent, and nothing from anything else', () => {
    expect(needOf('housing')).toBe('housing');
    expect(needOf('human')).toBeUndefined();
    expect(needOf(undefined)).toBeUndefined();
  });
});

describe('family columns', () => {
  it('forgets the consent and every profile column, never the language or the opt-out', () => {
    expect(FORGET_PROFILE_SQL).toBe(
      "consent_given = false, consent_at = NULL, neighbourhood = NULL, postal_code = NULL, pregnant = NULL, due_date = NULL, children_ages_months = '{}'",
    );
    for (const kept of [FAMILY_COLUMNS.optedOut, FAMILY_COLUMNS.optedOutAt, FAMILY_COLUMNS.language]) {
      expect(FORGET_PROFILE_SQL).not.toContain(`${kept.column} =`);
      expect(PROFILE_HELD_SQL).not.toContain(`${kept.column} IS`);
    }
    expect(PROFILE_HELD_SQL).toContain("children_ages_months IS DISTINCT FROM '{}'");
  });
});
