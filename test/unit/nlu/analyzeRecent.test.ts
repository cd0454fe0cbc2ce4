import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/nlu/index.ts';
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
  });
});
