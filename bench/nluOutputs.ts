import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { analyze } from '../src/nlu/index.ts';
import type { Language } from '../src/nlu/index.ts';
import { TextClassifier } from '../src/nlu/TextClassifier.ts';

// `npx tsx bench/nluOutputs.ts > out.jsonl`: every line of the training corpus and of the held-out
// sets through the NLU, twice (as a first message, then with a date expected in the line's
// language, at a fixed clock), with every fastText model call it made and the exact probabilities
// the model returned. Two checkouts whose outputs are byte-identical predict identically: how a
// change to how the models or recognizers-text load (issue 15) was shown to change no answer.
const root = fileURLToPath(new URL('..', import.meta.url));
const NOW = new Date('2026-11-30T12:00:00-05:00');
const folders = ['src/nlu/corpus', 'test/nlu/heldout'];

const calls: [string, [string, number][]][] = [];
const scores = TextClassifier.prototype.scores;
TextClassifier.prototype.scores = function (this: TextClassifier, text: string): Map<string, number> {
  const result = scores.call(this, text);
  calls.push([text, [...result]]);
  return result;
};

for (const folder of folders) {
  for (const file of readdirSync(`${root}${folder}`).filter((name) => name.endsWith('.jsonl')).sort()) {
    const lines = readFileSync(`${root}${folder}/${file}`, 'utf8').split('\n').filter((line) => line.trim());
    for (const [index, line] of lines.entries()) {
      const { text, language } = JSON.parse(line) as { text: string; language?: Language };
      calls.length = 0;
      const first = analyze(text);
      const withDate = analyze(text, { currentLanguage: language, expectDate: true, now: NOW });
      process.stdout.write(`${JSON.stringify({ at: `${folder}/${file}:${index + 1}`, first, withDate, calls })}\n`);
    }
  }
}
