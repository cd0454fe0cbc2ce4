import { describe, expect, it } from 'vitest';
import { EXPECTATIONS, type Expectation } from '../../src/conversation/expectations.ts';
import type { Language } from '../../src/i18n.ts';
import { analyze } from '../../src/nlu/index.ts';

const now = new Date('2026-11-22T12:00:00Z');
const MENU = ['prenatal', 'breastfeeding', 'camp', 'school_readiness', 'childcare', 'housing', 'basic_needs', 'newcomer', 'events'];

function read(expect: Expectation, text: string, language: Language, extra: { listed?: number } = {}) {
  return EXPECTATIONS[expect].read({ text, nlu: analyze(text, { currentLanguage: language, now }), language, options: expect === 'choice' ? MENU : undefined, now, ...extra });
}

describe('reading answers', () => {
  it.each([
    ['fr', 'oui', 'yes'], ['fr', 'ouais', 'yes'], ['fr', "d'accord", 'yes'], ['fr', 'non merci', 'no'],
    ['en', 'yes', 'yes'], ['en', 'ok', 'yes'], ['en', 'nope', 'no'],
    ['es', 'sí', 'yes'], ['es', 'claro', 'yes'], ['es', 'no', 'no'],
    ['ht', 'wi', 'yes'], ['ht', 'dakò', 'yes'], ['ht', 'non', 'no'],
  ] as const)('yes/no in %s: "%s" → %s', (language, text, outcome) => {
    expect(read('yes_no', text, language)?.outcome).toBe(outcome);
  });

  it.each([
    ['fr', '3', 'camp'], ['fr', 'trois', 'camp'], ['fr', 'logement', 'housing'], ['fr', '0', 'person'],
    ['en', 'six', 'housing'], ['es', 'la 7', 'basic_needs'], ['ht', 'senk', 'childcare'], ['ht', 'lojman', 'housing'],
  ] as const)('a menu choice in %s: "%s" → %s', (language, text, outcome) => {
    expect(read('choice', text, language)?.outcome).toBe(outcome);
  });

  it.each([
    ['fr', '4 ans', 48], ['fr', '18 mois', 18], ['fr', '3', 36], ['en', '2 years old', 24], ['en', 'he is 6 months', 6],
    ['es', '4 años', 48], ['es', 'tiene 8 meses', 8], ['ht', '4 an', 48], ['ht', 'li gen 8 mwa', 8],
  ] as const)('a child’s age in %s: "%s" → %i months', (language, text, months) => {
    expect(read('age', text, language)).toMatchObject({ outcome: 'answered', profile: { ageMonths: months, pregnant: false } });
  });

  it.each([
    ['fr', 'je suis enceinte'], ['en', 'pregnant'], ['es', 'estoy embarazada'], ['ht', 'mwen ansent'],
  ] as const)('a pregnancy instead of an age in %s: "%s"', (language, text) => {
    expect(read('age', text, language)).toMatchObject({ outcome: 'pregnant', profile: { pregnant: true } });
  });

  it.each([
    ['fr', '15 mars', '2027-03-15'], ['en', 'March 15', '2027-03-15'], ['es', '15 de marzo', '2027-03-15'], ['ht', '15 mas', '2027-03-15'],
  ] as const)('a due date in %s: "%s"', (language, text, date) => {
    expect(read('due_date', text, language)).toMatchObject({ outcome: 'answered', profile: { dueDate: date, pregnant: true } });
    // The first date read in a language builds recognizers-text's models for it: seconds on a busy machine.
  }, 30_000);

  it.each([
    ['fr', 'je sais pas'], ['en', "I don't know"], ['es', 'no sé'], ['ht', 'm pa konnen'],
  ] as const)('"I don’t know" to a due date in %s: "%s"', (language, text) => {
    expect(read('due_date', text, language)?.outcome).toBe('skip');
  });

  it.each([
    ['fr', 'St-Michel', 'Saint-Michel'], ['fr', 'h2s 2m5', 'La Petite-Patrie'], ['en', 'we live in Saint-Henri', 'Saint-Henri'], ['es', 'vivo en la Petite-Patrie', 'La Petite-Patrie'],
    ['ht', 'mwen rete Sen Michel', 'Saint-Michel'],
  ] as const)('a place in %s: "%s" → %s', (language, text, neighbourhood) => {
    expect(read('place', text, language)).toMatchObject({ outcome: 'answered', profile: { neighbourhood } });
  });

  it.each([
    ['fr', '2', { outcome: 'pick', pick: 2 }], ['fr', 'plus', { outcome: 'more' }], ['en', 'more please', { outcome: 'more' }], ['es', 'más', { outcome: 'more' }],
    ['ht', 'plis', { outcome: 'more' }], ['ht', 'twa', { outcome: 'pick', pick: 3 }], ['fr', 'merci', { outcome: 'done' }], ['en', '0', { outcome: 'person' }],
  ] as const)('an answer to a list in %s: "%s"', (language, text, answer) => {
    expect(read('results', text, language, { listed: 3 })).toMatchObject(answer);
  });

  it('does not read a number beyond the list, or a sentence, as a pick', () => {
    expect(read('results', '7', 'fr', { listed: 3 })).toBeUndefined();
    expect(read('results', 'je cherche autre chose', 'fr', { listed: 3 })).toBeUndefined();
  });
});
