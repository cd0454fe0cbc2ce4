import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { THRESHOLDS } from '../nlu/classifyIntent.ts';
import { evaluate, parseLabelledLines, rate } from '../nlu/evaluate.ts';
import type { LabelledLine, Measures, Tally } from '../nlu/evaluate.ts';
import { AGE_PARAMETERS, AGE_THRESHOLDS, ageExamples, findAges, trainAgeModel } from '../nlu/ages.ts';
import { MODEL_PATHS } from '../nlu/models.ts';
import { prepareText } from '../nlu/text.ts';
import { TextClassifier } from '../nlu/TextClassifier.ts';
import { trainModels } from '../nlu/trainModels.ts';
import { readCommandLine } from './commandLine.ts';

// `npm run nlu:train`: trains the intent and crisis models from the corpus (src/nlu/corpus/*.jsonl
// and the labelled sets of earlier rounds) and writes them to src/nlu/model/. The same corpus always
// gives the same files (one thread, fixed seed).
// `npm run nlu:train -- --cv`: 5-fold cross-validation on the corpus instead, at several crisis
// thresholds: the only figures the thresholds and parameters are tuned on (held-out sets never are).
// `npm run nlu:train -- --ages`: the age model alone (seconds, where the fastText models take minutes).
// `npm run nlu:train -- --ages-cv`: the age model alone, cross-validated with writers kept apart (each
// file is one writer; a fold never trains on the files it is tested on), at several thresholds.
const CORPUS_DIR = fileURLToPath(new URL('../nlu/corpus/', import.meta.url));
// Labelled sets of earlier rounds, reported (test/nlu/heldout/README.md) before they became training data.
const EARLIER_SETS = ['labelled.jsonl', 'holdout.jsonl', 'holdout2.jsonl', 'heldout/2026-11-30-a.jsonl', 'heldout/2026-11-30-b.jsonl', 'heldout/2026-11-30-c.jsonl', 'heldout/2026-11-30-d.jsonl', 'heldout/2026-11-30-e.jsonl', 'heldout/2026-11-30-f.jsonl', 'heldout/2026-11-30-g.jsonl', 'heldout/2026-11-30-h.jsonl', 'heldout/2026-11-30-i.jsonl', 'heldout/2026-11-30-j.jsonl', 'heldout/2026-11-30-k.jsonl', 'heldout/2026-11-30-l.jsonl', 'heldout/2026-11-30-m.jsonl', 'heldout/2026-11-30-n.jsonl', 'heldout/2026-11-30-o.jsonl', 'heldout/2026-11-30-p.jsonl', 'heldout/2026-11-30-q.jsonl', 'heldout/2026-11-30-r.jsonl', 'heldout/2026-11-30-s.jsonl', 'heldout/2026-11-30-t.jsonl', 'heldout/2026-12-01-a.jsonl', 'heldout/2026-12-01-b.jsonl', 'heldout/2026-12-01-c.jsonl', 'heldout/2026-12-01-d.jsonl'].map((name) =>
  fileURLToPath(new URL(`../../test/nlu/${name}`, import.meta.url)),
);
const FOLDS = 5;
const CRISIS_SWEEP = [0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5];
// The intent model's `unknown` overrides the lexicons' reading at or above this (THRESHOLDS.unknownOverRules).
const UNKNOWN_SWEEP = [0.6, 0.75, 0.85, 0.9, 0.95, 1.01];
// How much the safety model must see for a possible crisis (`possibleSupport`), weighed by crisis lines reached against false possible crises.
const SUPPORT_SWEEP = [0, 0.01, 0.02, 0.05, 0.1].map((possibleSupport) => ({ possibleSupport }));

const AGE_FOLDS = 8;
const AGE_SWEEP: readonly (typeof AGE_THRESHOLDS)[] = [0.3, 0.4, 0.5, 0.6, 0.7].flatMap((withUnit) => [0.4, 0.5, 0.6].map((bare) => ({ withUnit, bare })));

const USAGE = 'usage: npm run nlu:train [-- --cv | --ages | --ages-cv]';
const { values } = readCommandLine(USAGE, { options: { cv: { type: 'boolean', default: false }, ages: { type: 'boolean', default: false }, 'ages-cv': { type: 'boolean', default: false } } });
const files = [...readdirSync(CORPUS_DIR).filter((name) => name.endsWith('.jsonl')).map((name) => join(CORPUS_DIR, name)), ...EARLIER_SETS];
const sets = files.map((path) => parseLabelledLines(readFileSync(path, 'utf8'), path));
const corpus = sets.flat();
console.log(`corpus: ${corpus.length} messages from ${files.length} files`);

if (values['ages-cv']) await crossValidateAges(sets);
else if (values.ages) await saveAgeModel(await trainAgeModel(corpus));
else if (values.cv) await crossValidate(corpus);
else await trainAndSave(corpus);

async function trainAndSave(lines: readonly LabelledLine[]): Promise<void> {
  const models = await trainModels(lines);
  for (const name of ['intent', 'crisis', 'language'] as const) {
    const bytes = await models[name].save();
    writeFileSync(MODEL_PATHS[name], bytes);
    console.log(`${name} model: ${MODEL_PATHS[name]} (${(bytes.length / 1e6).toFixed(1)} MB)`);
  }
  await saveAgeModel(models.ages);
}

async function saveAgeModel(model: TextClassifier): Promise<void> {
  const bytes = await model.save();
  writeFileSync(MODEL_PATHS.ages, bytes);
  console.log(`ages model: ${MODEL_PATHS.ages} (${(bytes.length / 1e6).toFixed(2)} MB)`);
}

// The measure for ages: of the lines that state an age or where one is found, those whose ages are all right and none extra.
async function crossValidateAges(files: readonly LabelledLine[][]): Promise<void> {
  const examples = files.map((lines) => ageExamples(lines));
  const totals = AGE_SWEEP.map(() => ({ ok: 0, n: 0 }));
  for (let fold = 0; fold < AGE_FOLDS; fold++) {
    const model = await TextClassifier.train(examples.filter((_, index) => index % AGE_FOLDS !== fold).flat(), AGE_PARAMETERS);
    for (const [at, thresholds] of AGE_SWEEP.entries()) {
      Object.assign(AGE_THRESHOLDS, thresholds);
      for (const line of files.filter((_, index) => index % AGE_FOLDS === fold).flat()) {
        const expected = (line.entities ?? []).flatMap((entity) => (entity.type === 'age' ? [entity.months] : [])).sort((a, b) => a - b);
        const found = findAges(prepareText(line.text).plain, model).map((age) => age.months).sort((a, b) => a - b);
        if (expected.length === 0 && found.length === 0) continue;
        const tally = totals[at];
        if (!tally) continue;
        tally.n++;
        if (expected.join(',') === found.join(',')) tally.ok++;
      }
    }
    console.log(`fold ${fold + 1}/${AGE_FOLDS} done`);
  }
  console.log('\nwith unit   bare   ages (lines with ages, writers kept apart)');
  for (const [at, thresholds] of AGE_SWEEP.entries()) {
    const tally = totals[at] ?? { ok: 0, n: 0 };
    console.log(`${String(thresholds.withUnit).padEnd(11)} ${String(thresholds.bare).padEnd(6)} ${tally.ok}/${tally.n} ${(100 * (rate(tally) ?? 0)).toFixed(1)}%`);
  }
}

async function crossValidate(lines: readonly LabelledLine[]): Promise<void> {
  // A fixed shuffle (by index stride) so folds mix writers and languages.
  const folds = Array.from({ length: FOLDS }, (_, fold) => lines.filter((_, index) => (index * 7919) % FOLDS === fold));
  const totals = new Map<number, Measures[]>();
  const unknownTotals = new Map<number, Measures[]>();
  const supportTotals = new Map<string, Measures[]>();
  for (const [index, test] of folds.entries()) {
    const train = folds.filter((_, other) => other !== index).flat();
    const models = await trainModels(train);
    const chosen = { crisis: THRESHOLDS.crisis, unknownOverRules: THRESHOLDS.unknownOverRules };
    for (const threshold of CRISIS_SWEEP) {
      THRESHOLDS.crisis = threshold;
      const result = evaluate(test, { models });
      totals.set(threshold, [...(totals.get(threshold) ?? []), result.all]);
    }
    THRESHOLDS.crisis = chosen.crisis;
    for (const threshold of UNKNOWN_SWEEP) {
      THRESHOLDS.unknownOverRules = threshold;
      const result = evaluate(test, { models });
      unknownTotals.set(threshold, [...(unknownTotals.get(threshold) ?? []), result.all]);
    }
    THRESHOLDS.unknownOverRules = chosen.unknownOverRules;
    const supports = { possibleSupport: THRESHOLDS.possibleSupport };
    for (const thresholds of SUPPORT_SWEEP) {
      Object.assign(THRESHOLDS, thresholds);
      const key = String(thresholds.possibleSupport);
      supportTotals.set(key, [...(supportTotals.get(key) ?? []), evaluate(test, { models }).all]);
    }
    Object.assign(THRESHOLDS, supports);
    console.log(`fold ${index + 1}/${FOLDS} done`);
  }
  const sum = (measures: Measures[], key: keyof Omit<Measures, 'messages'>): Tally =>
    measures.reduce((total, row) => ({ ok: total.ok + row[key].ok, n: total.n + row[key].n }), { ok: 0, n: 0 });
  const percent = (tally: Tally): string => `${(100 * (rate(tally) ?? 0)).toFixed(1).padStart(5)}%`;
  console.log('\ncrisis threshold   crisis recall   false crisis   opt-out   intent   language   ages');
  for (const [threshold, measures] of totals) {
    console.log(
      `${String(threshold).padEnd(18)} ${percent(sum(measures, 'crisisRecall')).padStart(13)} ${percent(sum(measures, 'falseCrisis')).padStart(14)} ${percent(sum(measures, 'optOut')).padStart(9)} ${percent(sum(measures, 'intent')).padStart(8)} ${percent(sum(measures, 'language')).padStart(10)} ${percent(sum(measures, 'ages')).padStart(6)}`,
    );
  }
  console.log(`\npossible support   crisis recall   crisis reached   false crisis   false possible (crisis threshold ${THRESHOLDS.crisis})`);
  for (const [key, measures] of supportTotals) {
    console.log(`${key.padEnd(18)} ${percent(sum(measures, 'crisisRecall')).padStart(13)} ${percent(sum(measures, 'crisisReached')).padStart(16)} ${percent(sum(measures, 'falseCrisis')).padStart(14)} ${percent(sum(measures, 'falsePossibleCrisis')).padStart(16)}`);
  }
  console.log(`\nunknown over rules (crisis threshold ${THRESHOLDS.crisis})   intent`);
  for (const [threshold, measures] of unknownTotals) console.log(`${String(threshold).padEnd(36)} ${percent(sum(measures, 'intent')).padStart(8)}`);
}
