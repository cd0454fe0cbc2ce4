import { afterEach, describe, expect, it, vi } from 'vitest';
import { analyze, RecentAnalyses } from '../../../src/nlu/index.ts';
import { MODELS } from '../../../src/nlu/models.ts';

// `analyze` answers a text it read a moment ago from memory, unless given models of its own
// (as here, the same ones): both paths must give the same result, every time.
describe('analyze, texts read a moment ago', () => {
  const texts = ['bonjour', 'oui', '1', 'menu', '2', 'merci', 'aide', '3', 'STOP', 'ma fille a 4 ans, on habite à Villeray H2R 1A1', 'I need help with housing please', 'deux'];
  const menus = [undefined, ['prenatal', 'camp', 'childcare'], ['fr', 'en', 'es', 'ht']];

  it('gives the same result as a first reading, for every language and menu', () => {
    for (let pass = 0; pass < 3; pass++) {
      for (const text of texts) {
        for (const currentLanguage of ['fr', 'en', 'es', 'ht'] as const) {
          for (const menu of menus) {
            const fresh = analyze(text, { currentLanguage, menu, models: MODELS });
            expect(analyze(text, { currentLanguage, menu })).toEqual(fresh);
          }
        }
      }
    }
  });

  it('hands out a copy: a caller changing its result does not change the next one', () => {
    const first = analyze('ma fille a 4 ans', { currentLanguage: 'fr' });
    const expected = structuredClone(first);
    first.intent = 'crisis';
    first.entities[0]!.text = 'changed';
    first.entities.push({ type: 'number', text: '9', value: 9 });
    const again = analyze('ma fille a 4 ans', { currentLanguage: 'fr' });
    expect(again).toEqual(expected);
    again.entities.length = 0;
    expect(analyze('ma fille a 4 ans', { currentLanguage: 'fr' })).toEqual(expected);
  });

  it('reads dates afresh: they depend on the clock', () => {
    const before = analyze('le 15 mars', { currentLanguage: 'fr', expectDate: true, now: new Date('2026-01-10T12:00:00Z') });
    const after = analyze('le 15 mars', { currentLanguage: 'fr', expectDate: true, now: new Date('2026-06-10T12:00:00Z') });
    expect(before.entities.find((entity) => entity.type === 'date')).not.toEqual(after.entities.find((entity) => entity.type === 'date'));
  }, 30_000); // the first date read builds recognizers-text's date model: seconds on a busy machine
});

describe('the texts remembered', () => {
  afterEach(() => vi.useRealTimers());
  const result = (intent: 'menu' | 'yes') => ({ language: 'fr' as const, languageConfidence: 1, detectedLanguage: 'fr' as const, intent, confidence: 1, entities: [] });

  it('are forgotten 60 s after the last one, and two generations of 30 s at most otherwise', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    const recent = new RecentAnalyses(1000, 30_000);
    recent.set('fr\0\0menu', result('menu'));
    vi.advanceTimersByTime(29_000);
    expect(recent.get('fr\0\0menu')?.intent).toBe('menu');
    recent.set('fr\0\0oui', result('yes'));
    // 59 s after the first text, 30 s after the second: the first is in the older generation.
    vi.advanceTimersByTime(30_000);
    expect(recent.get('fr\0\0oui')?.intent).toBe('yes');
    // Nothing new for 60 s: both are gone, with no call to wake it.
    vi.advanceTimersByTime(60_000);
    expect(recent.get('fr\0\0menu')).toBeUndefined();
    expect(recent.get('fr\0\0oui')).toBeUndefined();
  });

  it('hold two generations of at most `maxEntries`', () => {
    const recent = new RecentAnalyses(2, 30_000);
    for (const text of ['a', 'b', 'c']) recent.set(text, result('menu'));
    expect(['a', 'b', 'c'].map((text) => recent.get(text) !== undefined)).toEqual([true, true, true]);
    for (const text of ['d', 'e', 'f']) recent.set(text, result('menu'));
    expect(recent.get('a')).toBeUndefined();
    recent.clear();
  });
});
