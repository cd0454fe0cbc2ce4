import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/nlu/index.ts';
import { MODELS, MODEL_PATHS } from '../../../src/nlu/models.ts';
import { TextClassifier } from '../../../src/nlu/TextClassifier.ts';

describe('statistical models', () => {
  it('ship with the repository and load with the NLU', () => {
    expect(MODELS).toBeDefined();
    const scores = MODELS?.intent.scores('jcherche une garderie pour mon bebe') ?? new Map();
    expect([...scores.values()].reduce((sum, value) => sum + value, 0)).toBeCloseTo(1, 2);
    expect([...(MODELS?.ages.scores('u=year k=digits') ?? new Map()).keys()].sort()).toEqual(['day', 'month', 'none', 'week', 'year']);
  });

  it('give a crisis its kind, so the family gets the lines that fit', () => {
    expect(analyze('my son swallowed a battery what do i do')).toMatchObject({ intent: 'crisis', crisisKind: 'medical' });
    expect(analyze('mi pareja me pego y tengo miedo')).toMatchObject({ intent: 'crisis', crisisKind: 'violence' });
  });

  it('loaded at the same time, each model answers with its own labels', async () => {
    // The models of a thread share one fastText WebAssembly instance and its file system.
    const [language, intent, crisis] = await Promise.all([TextClassifier.load(MODEL_PATHS.language), TextClassifier.load(MODEL_PATHS.intent), TextClassifier.load(MODEL_PATHS.crisis)]);
    expect([...language.scores('mwen bezwen èd pou lojman').keys()].sort()).toEqual(['en', 'es', 'fr', 'ht']);
    expect(intent.scores('mwen bezwen èd pou lojman').has('housing')).toBe(true);
    expect(crisis.scores('mwen bezwen èd pou lojman').has('none')).toBe(true);
  });
});
