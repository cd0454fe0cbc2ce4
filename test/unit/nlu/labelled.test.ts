import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/nlu/index.ts';
import type { Language } from '../../../src/nlu/index.ts';

interface Line {
  text: string;
  language: Language;
  intent: string;
  currentLanguage?: Language;
  menu?: string[];
  foreign?: boolean;
  entities?: { type: string; months?: number; fsa?: string }[];
}

const lines = readFileSync(new URL('../../nlu/labelled.jsonl', import.meta.url), 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line) as Line);

describe('labelled set', () => {
  it('has at least 400 messages in all four languages, every intent', () => {
    expect(lines.length).toBeGreaterThanOrEqual(400);
    for (const language of ['fr', 'en', 'es', 'ht']) expect(lines.filter((line) => line.language === language).length).toBeGreaterThan(90);
    expect(new Set(lines.map((line) => line.intent)).size).toBe(22);
  });

  it('meets the targets: language ≥ 97%, intent ≥ 93%, ages and postal codes ≥ 95%', () => {
    let language = 0;
    let intent = 0;
    const entities = { age: { n: 0, ok: 0 }, postal_code: { n: 0, ok: 0 } };
    for (const line of lines) {
      const result = analyze(line.text, { currentLanguage: line.currentLanguage, menu: line.menu });
      if (line.foreign ? result.foreignLanguage : result.language === line.language) language++;
      if (result.intent === line.intent) intent++;
      for (const type of ['age', 'postal_code'] as const) {
        const expected = (line.entities ?? []).filter((entity) => entity.type === type).map((entity) => String(entity.months ?? entity.fsa)).sort();
        const found = result.entities.map((entity) => (entity.type === 'age' ? String(entity.months) : entity.type === 'postal_code' ? entity.fsa : undefined)).filter((value, index) => value !== undefined && result.entities[index]?.type === type).sort();
        if (expected.length === 0 && found.length === 0) continue;
        entities[type].n++;
        if (expected.join() === found.join()) entities[type].ok++;
      }
    }
    expect(language / lines.length).toBeGreaterThanOrEqual(0.97);
    expect(intent / lines.length).toBeGreaterThanOrEqual(0.93);
    expect(entities.age.ok / entities.age.n).toBeGreaterThanOrEqual(0.95);
    expect(entities.postal_code.ok / entities.postal_code.n).toBeGreaterThanOrEqual(0.95);
  });
});

describe('npm run nlu', () => {
  it('answers one JSON line per stdin line, in order, with exactly the documented keys', () => {
    const output = execFileSync('npx', ['tsx', 'src/cli/nlu.ts', '--lang', 'es'], { input: 'mwen ansent\nH2S 2M5\n\nhello\n', encoding: 'utf8' });
    const results = output.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(results.map((result) => Object.keys(result))).toEqual(Array(4).fill(['language', 'intent', 'confidence', 'entities']));
    expect(results.map((result) => result.language)).toEqual(['ht', 'es', 'es', 'en']);
    expect(results[1]?.entities).toEqual([{ type: 'postal_code', text: 'H2S 2M5', fsa: 'H2S', neighbourhood: 'La Petite-Patrie' }]);
    // A child process that compiles TypeScript and loads three models: seconds on a busy machine.
  }, 30_000);
});
