import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { evaluate, GOALS, parseLabelledLines, rate } from '../nlu/evaluate.ts';
import type { Measures, Tally } from '../nlu/evaluate.ts';
import { LANGUAGES } from '../nlu/index.ts';
import { readCommandLine } from './commandLine.ts';

// `npm run nlu:eval [-- files…] [--summary]`: the measures issue 10 sets goals for (crisis recall,
// false crisis alarms, opt-out, intent, language, ages), per language, with every wrong answer listed
// unless --summary; exits 1 when a goal is missed so CI notices a regression.
const DEFAULT_SET = fileURLToPath(new URL('../../test/nlu/labelled.jsonl', import.meta.url));
const USAGE = 'usage: npm run nlu:eval [-- <labelled .jsonl files…>] [--summary]';
const { values, positionals } = readCommandLine(USAGE, { allowPositionals: true, options: { summary: { type: 'boolean', default: false } } });
const paths = positionals.length > 0 ? positionals : [DEFAULT_SET];
const lines = paths.flatMap((path) => parseLabelledLines(readFileSync(path, 'utf8'), path));
const result = evaluate(lines);

const percent = (tally: Tally): string => {
  const value = rate(tally);
  return value === undefined ? '     —' : `${(100 * value).toFixed(1).padStart(5)}%`;
};
const cell = (tally: Tally): string => `${`${tally.ok}/${tally.n}`.padStart(8)} ${percent(tally)}`;
const COLUMNS: readonly [string, keyof Omit<Measures, 'messages'>][] = [
  ['crisis recall', 'crisisRecall'],
  ['crisis reached', 'crisisReached'],
  ['false crisis', 'falseCrisis'],
  ['false possible', 'falsePossibleCrisis'],
  ['opt-out', 'optOut'],
  ['opt-in', 'optIn'],
  ['intent', 'intent'],
  ['language', 'language'],
  ['ages', 'ages'],
  ['several ages', 'severalAges'],
  ['postal codes', 'postalCodes'],
];
const output: string[] = [`NLU on ${paths.join(', ')} (${lines.length} messages)`, ''];
output.push(`${'measure'.padEnd(14)}${[...LANGUAGES, 'all'].map((key) => key.padStart(16)).join('')}`);
for (const [name, key] of COLUMNS) {
  output.push(`${name.padEnd(14)}${[...LANGUAGES.map((language) => result.byLanguage[language][key]), result.all[key]].map(cell).join('')}`);
}
output.push('', `crisis recall by kind: ${Object.entries(result.byCrisisKind).map(([kind, tally]) => `${kind} ${tally.ok}/${tally.n}`).join(', ') || '—'}`);
output.push(
  '',
  result.failures.length === 0
    ? `Goals met: crisis recall ≥ ${GOALS.crisisRecall * 100}%, false crisis ≤ ${GOALS.falseCrisis * 100}%, false possible crisis ≤ ${GOALS.falsePossibleCrisis * 100}%, opt-out ≥ ${GOALS.optOut * 100}%, intent ≥ ${GOALS.intent * 100}%, language ≥ ${GOALS.language * 100}%, ages ≥ ${GOALS.ages * 100}%.`
    : `Goals missed: ${result.failures.join('; ')}.`,
);
if (!values.summary) output.push('', `Wrong answers (${result.misses.length}):`, ...result.misses.map((miss) => `  ${miss}`));
console.log(output.join('\n'));
process.exitCode = result.failures.length === 0 ? 0 : 1;
