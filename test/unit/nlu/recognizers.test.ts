import { createRequire } from 'node:module';
import type * as NumberPackage from '@microsoft/recognizers-text-number';
import { describe, expect, it } from 'vitest';
import { recognizers } from '../../../src/nlu/recognizers.ts';

const require = createRequire(import.meta.url);

/** The models recognizers-text has built in this process (its factory's static cache), as "culture modelType". */
function builtModels(): string[] {
  const { NumberOptions, NumberRecognizer } = require('@microsoft/recognizers-text-number') as typeof NumberPackage;
  // A lazy recognizer builds nothing; every recognizer's factory shares one static cache.
  const factory = (new NumberRecognizer('fr-fr', NumberOptions.None, true) as unknown as { modelFactory: { constructor: { cache: Map<string, unknown> } } }).modelFactory;
  return [...factory.constructor.cache.keys()].map((key) => {
    const { culture, modelType } = JSON.parse(key) as { culture: string; modelType: string };
    return `${culture} ${modelType}`;
  });
}

describe('recognizers-text models', () => {
  it('builds only the number model of a culture, once', () => {
    // English: the French model's first parse compiles regular expressions for seconds.
    const model = recognizers.number('en-us');
    expect(recognizers.number('en-us')).toBe(model);
    expect(model.parse('twenty two').map((result) => result.resolution?.value)).toEqual(['22']);
    // Not the ordinal and percentage models the recognizer builds by default (test files share a
    // process: others may have built other cultures' number models).
    expect(builtModels()).toContain('en-us NumberModel');
    expect(builtModels().filter((built) => !built.endsWith(' NumberModel'))).toEqual([]);
  }, 30_000);
});
