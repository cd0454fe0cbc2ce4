import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/nlu/index.ts';
import { MODELS, MODEL_PATHS } from '../../../src/nlu/models.ts';
import { TextClassifier } from '../../../src/nlu/TextClassifier.ts';

describe('statistical models', () => {
  it('hold the four models in 24 MiB of WebAssembly memory: the files are not copied into it', async () => {
    // Measured before any other test here loads more models. Through the library's own loadModel,
    // each file was copied into the instance's memory twice before fastText read it, and that memory
    // never shrinks: 33.6 MiB (27.9 with the age model first) against 23.8.
    expect(MODELS).toBeDefined();
    expect(await TextClassifier.memoryBytes()).toBeLessThanOrEqual(24 * 1024 * 1024);
  });

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

  it('reject a file that is not a fastText model with an error that names it, and load the next one', async () => {
    const path = join(tmpdir(), `not-a-model-${process.pid}.bin`);
    writeFileSync(path, 'not a model');
    await expect(TextClassifier.load(path)).rejects.toThrow(`${path} is not a fastText model`);
    await expect(TextClassifier.load(join(tmpdir(), `missing-${process.pid}.bin`))).rejects.toThrow(/ENOENT/);
    const language = await TextClassifier.load(MODEL_PATHS.language);
    expect([...language.scores('bonjour je cherche une garderie').keys()]).toContain('fr');
  });
});
