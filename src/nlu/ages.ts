import { findAgeCandidates } from './ageCandidates.ts';
import type { AgeCandidate, AgeUnit } from './ageCandidates.ts';
import { prepareText } from './text.ts';
import { DEFAULT_PARAMETERS, TextClassifier } from './TextClassifier.ts';
import type { TrainingParameters } from './TextClassifier.ts';

/** A child's age found in folded text, with its span. */
export interface AgeMatch {
  start: number;
  end: number;
  months: number;
}

/**
 * Children's ages in folded text (`PreparedText.plain`), in months, in text order: "4 ans" → 48,
 * "18 mois" → 18, "two and a half years" → 30, "6 semaines" → round(6 × 12 / 52) = 1, "dezan" → 24,
 * "mine are 3 and 6" → 36 and 72. Every number is a candidate (`findAgeCandidates`); `model` (the
 * age model trained by `npm run nlu:train`, labels `none` and the units) says which are a child's
 * age and, for a number without a unit, in which unit. Pregnancy weeks, a "4½" apartment, durations,
 * ranges and a parent's own age are `none`. Twins named with one age are two children of that age.
 */
export function findAges(plain: string, model: TextClassifier): AgeMatch[] {
  const candidates = findAgeCandidates(plain);
  const units = candidates.map((candidate) => (candidate.range ? undefined : decide(model, candidate)));
  // The numbers of one list are read together: when most are ages ("2, 4 et 7 ans", "kids are 1, 4 & 9"), so are
  // the bare ones the model doubted, in the unit the list is written in; when most are not ("sizes 4T, 6 and 10"), none is.
  const decided = [...units];
  for (const [at, candidate] of candidates.entries()) {
    const { from, to } = candidate.list;
    if (to === from || candidate.unit !== 'none' || candidate.range) continue;
    const members = candidates.slice(from, to + 1);
    const ages = decided.slice(from, to + 1).filter((unit) => unit !== undefined);
    const written = [...new Set(members.flatMap((member) => (member.unit === 'none' ? [] : [member.unit])))];
    if (ages.length * 2 >= members.length) units[at] ??= written.length === 1 ? written[0] : 'year';
    else units[at] = undefined;
  }
  // "the twins are 3", "mis gemelos tienen 2", "marasa yo gen 4": a bare number said of the twins or triplets
  // themselves is their age in years, whatever the model doubted (the words around it are few).
  for (const [at, candidate] of candidates.entries()) {
    if (units[at] === undefined && candidate.unit === 'none' && !candidate.range && SAID_OF_MULTIPLES.test(plain.slice(0, candidate.start))) units[at] = 'year';
  }
  const ages: AgeMatch[] = [];
  for (const [at, candidate] of candidates.entries()) {
    const unit = units[at];
    const months = unit === undefined ? undefined : monthsOf(candidate, unit);
    if (months !== undefined) ages.push({ start: candidate.start, end: candidate.end, months });
  }
  return withMultiples(plain, ages);
}

/**
 * Twins and triplets are two and three children: "mes jumelles de 3 ans", "m gen marasa 7 mwa",
 * "the twins are 3" give the age after the word (or, when none follows, the one just before) once
 * per child.
 */
function withMultiples(plain: string, ages: readonly AgeMatch[]): AgeMatch[] {
  const all = [...ages];
  for (const match of plain.matchAll(MULTIPLES)) {
    const at = (match.index ?? 0) + match[0].length;
    const word = { start: at - (match[1] ?? '').length, end: at };
    const children = TRIPLETS.has(match[1] ?? '') ? 3 : 2;
    const age = ages.find((candidate) => candidate.start >= at && candidate.start - at <= 30) ?? ages.findLast((candidate) => candidate.end <= at && at - candidate.end <= 20);
    // The other children's ages are found in the word that names them, so no two entities share a span.
    for (let copy = 1; age && copy < children; copy++) all.push({ ...word, months: age.months });
  }
  return all.sort((a, b) => a.start - b.start);
}

/**
 * The age model's training examples: every candidate number of every line, labelled with the unit
 * that turns it into one of the line's ages, or `none`. Numbers with their unit written are matched
 * first ("2, 4 et 7 ans": "7 ans" is 84 months, then 2 and 4 in years are 24 and 48).
 */
export function ageExamples(lines: readonly { text: string; entities?: readonly { type: string; months?: number }[] }[]): { label: string; text: string }[] {
  const examples: { label: string; text: string }[] = [];
  for (const line of lines) {
    const expected = (line.entities ?? []).filter((entity) => entity.type === 'age').map((entity) => entity.months ?? -1);
    const plain = prepareText(line.text).plain;
    const candidates = findAgeCandidates(plain);
    const labels = new Map<AgeCandidate, string>();
    // Twins and triplets with one age written: the other children come from the word, not a number.
    const remaining = MULTIPLES_ONE.test(plain) ? [...new Set(expected)] : [...expected];
    const take = (months: number | undefined): boolean => {
      const at = months === undefined ? -1 : remaining.indexOf(months);
      if (at >= 0) remaining.splice(at, 1);
      return at >= 0;
    };
    for (const candidate of candidates) {
      if (candidate.unit !== 'none') labels.set(candidate, take(monthsOf(candidate, candidate.unit)) ? candidate.unit : 'none');
    }
    for (const candidate of candidates) {
      if (candidate.unit !== 'none') continue;
      const unit = (['year', 'month'] as const).find((option) => take(monthsOf(candidate, option)));
      labels.set(candidate, unit ?? 'none');
    }
    // "la maternelle 4 ans? il a eu 4 ans en août" with one child of 48 months: which "4 ans" is the child's
    // the labels do not say, so neither teaches the model anything.
    const ambiguous = new Set<AgeCandidate>();
    for (const months of new Set(expected)) {
      const takers = candidates.filter((candidate) => candidate.unit !== 'none' && monthsOf(candidate, candidate.unit) === months);
      if (takers.length > expected.filter((value) => value === months).length) for (const taker of takers) ambiguous.add(taker);
    }
    for (const candidate of candidates) if (!ambiguous.has(candidate)) examples.push({ label: labels.get(candidate) ?? 'none', text: ageInput(candidate) });
  }
  return examples;
}

/** Trains the age model (fastText, labels `none` and the units) on labelled lines (see `ageExamples`). */
export async function trainAgeModel(lines: Parameters<typeof ageExamples>[0], parameters: TrainingParameters = AGE_PARAMETERS): Promise<TextClassifier> {
  return TextClassifier.train(ageExamples(lines), parameters);
}

/**
 * The age model's options: each candidate's features are its words (no character n-grams, no word
 * pairs: the features already pair a word with its place and the unit), so fastText learns one
 * small embedding per feature and no hashed buckets. Chosen by writer-separated cross-validation
 * (`npm run nlu:train -- --ages-cv`), never on a held-out set.
 *
 * 8 dimensions (was 16; the model 4.0 MB → 2.5 MB, issue 15): at the shipped thresholds the
 * writer-separated cross-validation read 2,765/2,946 lines with ages (93.86%) against 2,768/2,948
 * (93.89%), 12 dimensions 2,766/2,948 (93.83%), 2026-12-01. Most of the model is its dictionary of
 * 47,000 features, but dropping the rare ones (`minCount` 2 or 3, at `lr` 0.5, 0.3, 0.2 or 0.1, or
 * pruned from the examples by hand) made fastText throw while training on a fold, as did 6 and 4
 * dimensions (their message: "Encountered NaN."): should 8 ever fail so on a grown corpus, 12 read as well.
 */
export const AGE_PARAMETERS: TrainingParameters = { ...DEFAULT_PARAMETERS, epoch: 50, lr: 0.5, dim: 8, wordNgrams: 1, minn: 0, maxn: 0, bucket: 0, minCount: 1 };

/** What the age model reads of a candidate: its features (`findAgeCandidates`), each once, as one line of words. */
export function ageInput(candidate: AgeCandidate): string {
  // fastText averages its words' vectors: a feature repeated (the same word in two places of the bag) would weigh double.
  return [...new Set(candidate.features)].join(' ');
}

/**
 * How sure the age model must be that a number is a child's age: with its unit written ("4 ans"),
 * and without ("mine are 3 and 6"). Chosen by writer-separated cross-validation
 * (`npm run nlu:train -- --ages-cv`), never on a held-out set.
 */
export const AGE_THRESHOLDS = { withUnit: 0.5, bare: 0.5 };

// A number written with its unit is an age or not; a bare number is an age in the unit the model finds likeliest.
function decide(model: TextClassifier, candidate: AgeCandidate): Exclude<AgeUnit, 'none'> | undefined {
  const scores = model.scores(ageInput(candidate));
  const age = 1 - (scores.get('none') ?? 0);
  if (candidate.unit !== 'none') return age >= AGE_THRESHOLDS.withUnit ? candidate.unit : undefined;
  const [best] = [...scores].filter(([label]) => label !== 'none').sort((a, b) => b[1] - a[1]);
  return best && age >= AGE_THRESHOLDS.bare ? (best[0] as Exclude<AgeUnit, 'none'>) : undefined;
}

// Years × 12, weeks → round(weeks × 12 / 52), days → round(days / 30.44); out of a child's range → undefined.
function monthsOf(candidate: AgeCandidate, unit: Exclude<AgeUnit, 'none'>): number | undefined {
  const value = candidate.value;
  if (value <= 0) return undefined;
  if (unit === 'year') return value < 18 ? Math.round(value * 12) + candidate.extraMonths : undefined;
  if (unit === 'month') return value <= 72 ? Math.round(value) : undefined;
  if (unit === 'week') return value <= 104 ? Math.round((value * 12) / 52) : undefined;
  return value <= 60 ? Math.round(value / 30.44) : undefined;
}

const TWIN_WORDS = ['twins', 'jumeaux', 'jumelles', 'jumeau', 'jumelle', 'gemelos', 'gemelas', 'mellizos', 'mellizas', 'morochos', 'cuates', 'jimo', 'jimo yo', 'jimel', 'jimel yo', 'marasa'];
const TRIPLET_WORDS = ['triplets', 'triples', 'triplees', 'trillizos', 'trillizas', 'triple', 'triplet'];
const TRIPLETS = new Set(TRIPLET_WORDS);
const MULTIPLES = new RegExp(String.raw`(?:^|[^a-z])(${[...TWIN_WORDS, ...TRIPLET_WORDS].sort((a, b) => b.length - a.length).join('|')})(?![a-z])`, 'g');
const MULTIPLES_ONE = new RegExp(MULTIPLES.source);
const SAID_OF_MULTIPLES = new RegExp(String.raw`(?:^|[^a-z])(?:${[...TWIN_WORDS, ...TRIPLET_WORDS].join('|')})(?:\s+(?:yo|mwen|m))?\s+(?:are|r|sont|ont|tienen|son|gen|genyen|have|de)\s+$`);
