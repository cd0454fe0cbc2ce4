import type { Language } from './types.ts';
import { VOCABULARY } from './vocabulary.ts';

/** A unit an age can be told in; `none` when the number stands alone ("mine are 3 and 6"). */
export type AgeUnit = 'year' | 'month' | 'week' | 'day' | 'none';

/**
 * A number in a message that could be a child's age: its value (halves included), the unit written
 * with it if any, its span in `plain` (unit and "old" included) and the features the age model reads.
 */
export interface AgeCandidate {
  start: number;
  end: number;
  value: number;
  unit: AgeUnit;
  /** Extra months written after a number of years ("3 ans et 9 mois" → 9). */
  extraMonths: number;
  /** One end of a range ("de 0 a 5 años", "6 to 12 year olds"): never a child's age. */
  range: boolean;
  /** The candidates of the list this one belongs to ("2, 4 et 7 ans"), by index, itself included. */
  list: { from: number; to: number };
  features: string[];
}

/**
 * Every number in folded text (`PreparedText.plain`) that could be an age: digits, number words of
 * the four languages, Creole contracted years ("dezan"), halves ("4½", "2 ans et demi", "año y
 * medio"), with the unit that follows when there is one. Which of them are children's ages is left
 * to the age model (`ages.ts`): this only finds numbers and describes their surroundings.
 */
export function findAgeCandidates(plain: string): AgeCandidate[] {
  const tokens = [...plain.matchAll(TOKEN)].map((match) => ({ text: match[0], start: match.index ?? 0, end: (match.index ?? 0) + match[0].length }));
  const candidates: { first: number; last: number; value: number; unit: AgeUnit; extraMonths: number; kind: string; half: boolean; old?: boolean }[] = [];
  let index = 0;
  while (index < tokens.length) {
    const found = readCandidate(tokens, index);
    if (found) {
      candidates.push(found);
      index = found.last + 1;
    } else index++;
  }
  const shapes = tokens.map((token) => shapeOf(token.text));
  const lists = listsOf(tokens, candidates);
  const ranges = new Set<number>();
  for (let at = 1; at < candidates.length; at++) {
    const before = candidates[at - 1];
    const after = candidates[at];
    if (!before || !after || before.unit !== 'none' || before.value >= after.value) continue;
    const gap = tokens.slice(before.last + 1, after.first).map((token) => token.text);
    if (gap.length === 1 && RANGE_SEPARATORS.has(gap[0] ?? '')) ranges.add(at - 1).add(at);
  }
  return candidates.map((candidate, at) => {
    const first = tokens[candidate.first];
    const last = tokens[candidate.last];
    return {
      start: first?.start ?? 0,
      end: last?.end ?? 0,
      value: candidate.value,
      unit: candidate.unit,
      extraMonths: candidate.extraMonths,
      range: ranges.has(at),
      list: lists[at] ?? { from: at, to: at },
      features: [...featuresOf({ shapes, first: candidate.first, last: candidate.last, candidate }), ...listFeatures({ shapes, candidates, lists, at })],
    };
  });
}

interface Token {
  text: string;
  start: number;
  end: number;
}

// Words, runs of digits, and every other non-space character on its own ("(", ",", "½", "/").
const TOKEN = /[a-z]+|\d+|[^\sa-z0-9]/g;

// Units as parents write them after a number, folded ("años" → "anos", "mwa", "yrs", "wks").
const UNIT_WORDS: Readonly<Record<string, Exclude<AgeUnit, 'none'>>> = Object.fromEntries([
  ...['ans', 'an', 'annees', 'annee', 'years', 'year', 'yrs', 'yr', 'yo', 'yos', 'anos', 'ano', 'anitos', 'anito', 'anios', 'anio', 'ane', 'zan', 'lane'].map((word) => [word, 'year'] as const),
  ...['mois', 'months', 'month', 'mths', 'mth', 'mos', 'mo', 'meses', 'mes', 'mesecitos', 'mesesitos', 'mwa', 'moi'].map((word) => [word, 'month'] as const),
  ...['semaines', 'semaine', 'sem', 'sems', 'weeks', 'week', 'wks', 'wk', 'semanas', 'semana', 'semenn', 'semen', 'smn'].map((word) => [word, 'week'] as const),
  ...['jours', 'jour', 'jrs', 'days', 'day', 'dias', 'dia', 'jou'].map((word) => [word, 'day'] as const),
]);
// Units only right after digits, without a space: "3y", "18m", "3yo", "6w", "10d".
const GLUED_UNITS: Readonly<Record<string, Exclude<AgeUnit, 'none'>>> = { y: 'year', a: 'year', m: 'month', w: 'week', sm: 'week', d: 'day', j: 'day' };
const CREOLE_UNITS = new Set(['mwa', 'zan', 'an', 'ane', 'lane', 'semenn', 'semen', 'jou']);
// Creole years contracted with their number: "dezan", "twazan".
const CONTRACTED_YEARS: Readonly<Record<string, number>> = {
  ennan: 1, inan: 1, dezan: 2, twazan: 3, katran: 4, senkan: 5, sizan: 6, setan: 7, uitan: 8, wuitan: 8, witan: 8, nevan: 9, dizan: 10, onzan: 11, douzan: 12,
};
// Compound number words the lexicons leave out: ages in months go past twenty.
const COMPOUNDS: Readonly<Record<Language, Readonly<Record<string, number>>>> = {
  fr: { 'vingt et un': 21, 'vingt deux': 22, 'vingt trois': 23, 'vingt quatre': 24, 'vingt cinq': 25, 'vingt six': 26, 'vingt sept': 27, 'vingt huit': 28, 'vingt neuf': 29, 'trente six': 36 },
  en: { 'twenty one': 21, 'twenty two': 22, 'twenty three': 23, 'twenty four': 24, 'twenty five': 25, 'twenty six': 26, 'twenty seven': 27, 'twenty eight': 28, 'twenty nine': 29, 'thirty six': 36 },
  es: { veintiuno: 21, veintidos: 22, veintitres: 23, veinticuatro: 24, veinticinco: 25, veintiseis: 26, veintisiete: 27, veintiocho: 28, veintinueve: 29, 'treinta y seis': 36 },
  ht: { venteyen: 21, vennde: 22, venntwa: 23, vennkat: 24 },
};
// Number words, folded, several words joined by one space ("dix sept", "twenty four").
const NUMBER_WORDS: ReadonlyMap<string, number> = new Map(
  [...VOCABULARY.lexicons.flatMap((lexicon) => Object.entries(lexicon.numbers)), ...Object.values(COMPOUNDS).flatMap((words) => Object.entries(words)), ['a', 1] as const]
    .map(([word, value]) => [word.replace(/-/g, ' '), value] as const)
    .filter(([, value]) => value > 0),
);
// Number words that are also everyday words (articles, "de", "set", "once", "sept" for September): an age only with a unit.
const UNIT_REQUIRED = new Set(['sept', 'a', 'an', 'un', 'une', 'uno', 'una', 'en', 'yon', 'youn', 'yonn', 'one', 'de', 'set', 'dis', 'once', 'sis', 'nef', 'ven', 'uit', 'wit', 'kat', 'trez', 'sez']);
// "et demi", "and a half", "y medio", "ak edmi", "½", "1/2", written after a number or its unit.
const HALVES: readonly (readonly string[])[] = [
  ['½'], ['1', '/', '2'], ['et', 'demi'], ['et', 'demie'], ['pis', 'demi'], ['pis', 'demie'], ['e', 'demi'], ['and', 'a', 'half'], ['and', 'half'], ['n', 'a', 'half'], ['&', 'a', 'half'], ['a', 'half'],
  ['y', 'medio'], ['y', 'media'], ['ak', 'edmi'], ['ak', 'demi'], ['edmi'], ['e', 'mwatye'], ['ak', 'mwatye'], ['.', '5'], [',', '5'],
];
const JOINERS = new Set(['et', 'and', 'y', 'e', 'ak', ',', '&', 'pis']);

function readCandidate(tokens: readonly Token[], index: number): { first: number; last: number; value: number; unit: AgeUnit; extraMonths: number; kind: string; half: boolean; old?: boolean } | undefined {
  const token = tokens[index];
  if (!token) return undefined;
  const contracted = CONTRACTED_YEARS[token.text];
  if (contracted !== undefined) {
    // "dezan edmi": two and a half years.
    const half = readHalf(tokens, index + 1);
    return { first: index, last: half ?? index, value: contracted + (half === undefined ? 0 : 0.5), unit: 'year', extraMonths: 0, kind: 'contracted', half: half !== undefined };
  }
  const number = readNumber(tokens, index);
  if (!number) {
    // "un niño de año y medio", "year and a half": eighteen months without a number.
    const unit = UNIT_WORDS[token.text];
    const half = unit === 'year' ? readHalf(tokens, index + 1) : undefined;
    return half === undefined ? undefined : { first: index, last: half, value: 1.5, unit: 'year', extraMonths: 0, kind: 'unit-half', half: true };
  }
  let last = number.last;
  let half = false;
  const halfBefore = number.kind === 'digits' ? readHalf(tokens, last + 1, true) : readHalf(tokens, last + 1);
  if (halfBefore !== undefined) {
    half = true;
    last = halfBefore;
  }
  const read = readUnit(tokens, last + 1, number.kind === 'digits');
  // "fin de semaine", "combien de mois": "de" is two only before a Creole unit ("de mwa", "de zan").
  const unit = read && number.text === 'de' && !CREOLE_UNITS.has(tokens[read.first]?.text ?? '') ? undefined : read;
  if (!unit) {
    if (UNIT_REQUIRED.has(number.text)) return undefined;
    return { first: index, last, value: number.value + (half ? 0.5 : 0), unit: 'none', extraMonths: 0, kind: number.kind, half };
  }
  last = unit.last;
  const halfAfter = half ? undefined : readHalf(tokens, last + 1);
  if (halfAfter !== undefined) {
    half = true;
    last = halfAfter;
  }
  // "3 ans et 9 mois", "2 years 3 months": one child, in months ("3 y/o and 9 m/o" are two). In a list
  // of ages ("6 ans, 4 ans pis 8 mois", "2 an, 5 an ak 10 mwa") each age is a child of its own.
  let extraMonths = 0;
  if (unit.unit === 'year' && !half && !unit.old && !followsAnAge(tokens, index)) {
    let next = last + 1;
    if (JOINERS.has(tokens[next]?.text ?? '')) next++;
    const months = readNumber(tokens, next);
    const monthUnit = months ? readUnit(tokens, months.last + 1, months.kind === 'digits') : undefined;
    if (months && monthUnit?.unit === 'month' && months.value < 12) {
      extraMonths = months.value;
      last = monthUnit.last;
    }
  }
  return { first: index, last, value: number.value + (half ? 0.5 : 0), unit: unit.unit, extraMonths, kind: number.kind, half, old: unit.old };
}

// Whether the number at `index` follows another age in a list: "…6 ans, 4…", "…2 an, 5…".
function followsAnAge(tokens: readonly Token[], index: number): boolean {
  const joiner = tokens[index - 1]?.text ?? '';
  if (!JOINERS.has(joiner)) return false;
  const before = tokens[index - 2]?.text ?? '';
  return UNIT_WORDS[before] !== undefined || CONTRACTED_YEARS[before] !== undefined;
}

function readNumber(tokens: readonly Token[], index: number): { last: number; value: number; kind: 'digits' | 'word'; text: string } | undefined {
  const token = tokens[index];
  if (!token) return undefined;
  if (/^\d{1,2}$/.test(token.text)) {
    // "h2s", "b12": a digit glued to the letters before it is part of a code, not a number.
    const before = tokens[index - 1];
    if (before && before.end === token.start && /[a-z]/.test(before.text)) return undefined;
    return { last: index, value: Number(token.text), kind: 'digits', text: token.text };
  }
  // Longest number phrase first: "treinta y seis", "vingt-quatre", "dix sept".
  for (const length of [3, 2, 1]) {
    const words: string[] = [];
    let at = index;
    while (words.length < length && tokens[at]) {
      if (tokens[at]?.text === '-' && words.length > 0) {
        at++;
        continue;
      }
      words.push(tokens[at]?.text ?? '');
      at++;
    }
    const value = words.length === length ? NUMBER_WORDS.get(words.join(' ')) : undefined;
    if (value !== undefined) return { last: at - 1, value, kind: 'word', text: words.join(' ') };
  }
  return undefined;
}

function readUnit(tokens: readonly Token[], index: number, afterDigits: boolean): { first: number; last: number; unit: Exclude<AgeUnit, 'none'>; old: boolean } | undefined {
  let at = index;
  const token = tokens[at];
  const before = tokens[at - 1];
  if (!token) return undefined;
  // "18-month-old", "3-year"
  if (token.text === '-' && tokens[at + 1] && UNIT_WORDS[tokens[at + 1]?.text ?? '']) at++;
  const word = tokens[at]?.text ?? '';
  const slashed = afterDigits && tokens[at + 1]?.text === '/' && tokens[at + 2]?.text === 'o' ? GLUED_UNITS[word] : undefined;
  const glued = (afterDigits && before !== undefined && before.end === token.start ? GLUED_UNITS[word] : undefined) ?? slashed;
  const unit = UNIT_WORDS[word] ?? glued;
  if (!unit) return undefined;
  // "yo" alone is Creole's plural and Spanish "I": years old only after digits.
  if ((word === 'yo' || word === 'yos' || word === 'mo') && !afterDigits) return undefined;
  const first = at;
  const unitEnd = at;
  // "3 y o", "3 y/o", "9 m/o": years or months old.
  if ((word === 'y' || word === 'm') && tokens[at + 1]?.text === '/' && tokens[at + 2]?.text === 'o') at += 2;
  else if (word === 'y' && tokens[at + 1]?.text === 'o') at++;
  // "old", "olds", "-old": part of the age as written.
  if (tokens[at + 1]?.text === '-' && /^olds?$/.test(tokens[at + 2]?.text ?? '')) at += 2;
  else if (/^olds?$/.test(tokens[at + 1]?.text ?? '')) at++;
  return { first, last: at, unit, old: at > unitEnd || word === 'yo' };
}

function readHalf(tokens: readonly Token[], index: number, gluedDecimals = false): number | undefined {
  for (const words of HALVES) {
    // ".5" and ",5" only glued to digits ("2.5 ans"); "2, 5 ans" is a list.
    if ((words[0] === '.' || words[0] === ',') && (!gluedDecimals || tokens[index]?.start !== tokens[index - 1]?.end || tokens[index + 1]?.start !== tokens[index]?.end)) continue;
    if (words.every((word, offset) => tokens[index + offset]?.text === word)) return index + words.length - 1;
  }
  return undefined;
}

// What the model sees of a token: digits and number words as "#", units by their kind; other words as written.
function shapeOf(text: string): string {
  if (/^\d+$/.test(text)) return text.length <= 2 ? '#' : '###';
  if (CONTRACTED_YEARS[text] !== undefined) return '#<year>';
  const unit = UNIT_WORDS[text];
  if (unit) return `<${unit}>`;
  if (NUMBER_WORDS.has(text) && !UNIT_REQUIRED.has(text)) return '#w';
  return text;
}

const WINDOW = 4;
const BAG = 5;

function featuresOf(args: { shapes: readonly string[]; first: number; last: number; candidate: { value: number; unit: AgeUnit; kind: string; half: boolean; extraMonths: number; old?: boolean } }): string[] {
  const { shapes, first, last, candidate } = args;
  const unit = candidate.unit;
  const value = candidate.value;
  const size = value < 1 ? '<1' : value <= 20 ? String(Math.floor(value)) : value <= 36 ? '21-36' : value <= 72 ? '37-72' : '>72';
  const features = [`u=${unit}`, `k=${candidate.kind}`, `h=${candidate.half}`, `v=${size}`, `uv=${unit}:${size}`, `uk=${unit}:${candidate.kind}`, `uh=${unit}:${candidate.half}`];
  if (candidate.extraMonths > 0) features.push('ym');
  // "18 month old", "3 y/o", "3yo": written as an age, whatever the words around it.
  if (candidate.old) features.push('old', `old:${unit}`);
  const left = (offset: number): string => (first - offset < 0 ? '^' : (shapes[first - offset] ?? '^'));
  const right = (offset: number): string => (last + offset >= shapes.length ? '$' : (shapes[last + offset] ?? '$'));
  for (let offset = 1; offset <= WINDOW; offset++) {
    features.push(`L${offset}=${left(offset)}`, `R${offset}=${right(offset)}`);
    if (offset <= 2) features.push(`L${offset}p=${left(offset).slice(0, 4)}`, `R${offset}p=${right(offset).slice(0, 4)}`, `L${offset}u=${left(offset)}:${unit}`, `R${offset}u=${right(offset)}:${unit}`);
  }
  features.push(`L21=${left(2)}_${left(1)}`, `R12=${right(1)}_${right(2)}`, `LR=${left(1)}_${right(1)}`, `L21u=${left(2)}_${left(1)}:${unit}`, `R12u=${right(1)}_${right(2)}:${unit}`);
  for (let offset = 1; offset <= 3; offset++) {
    features.push(`Ln=${left(offset)}`, `Rn=${right(offset)}`, `Lnu=${left(offset)}:${unit}`, `Rnu=${right(offset)}:${unit}`);
  }
  for (let offset = 1; offset <= BAG; offset++) {
    if (first - offset >= 0) features.push(`Lb=${left(offset)}`, `Lbp=${left(offset).slice(0, 5)}`);
    if (last + offset < shapes.length) features.push(`Rb=${right(offset)}`, `Rbp=${right(offset).slice(0, 5)}`);
  }
  return features;
}

// Between two numbers of one list: "2, 4 et 7 ans", "1, 4 & 9", "2 6 y 9 años", "3 and 6".
const LIST_SEPARATORS = new Set([',', 'et', 'and', 'y', 'e', 'ak', '&', 'pis', '/', 'or', 'ou', 'o', 'a', 'n', ';', '-', 'to']);

// "de 0 a 5 años", "6 to 12 year olds", "2-3 ans": a program's age range, not two children.
const RANGE_SEPARATORS = new Set(['-', 'to', 'a', 'au', 'till', 'hasta', 'jiska']);

/** For each candidate, the index of the first and last candidate of the list it belongs to (itself alone when in none). */
function listsOf(tokens: readonly Token[], candidates: readonly { first: number; last: number }[]): { from: number; to: number }[] {
  const lists = candidates.map((_, index) => ({ from: index, to: index }));
  for (let index = 1; index < candidates.length; index++) {
    const gap = tokens.slice((candidates[index - 1]?.last ?? 0) + 1, candidates[index]?.first ?? 0);
    if (gap.length <= 2 && gap.every((token) => LIST_SEPARATORS.has(token.text))) {
      const from = lists[index - 1]?.from ?? index;
      for (let member = from; member <= index; member++) lists[member] = { from, to: index };
    }
  }
  return lists;
}

// A number in a list reads the list's cue ("mine are", "de", "kids") and the unit its members give.
function listFeatures(args: { shapes: readonly string[]; candidates: readonly { first: number; last: number; unit: AgeUnit }[]; lists: readonly { from: number; to: number }[]; at: number }): string[] {
  const { shapes, candidates, lists, at } = args;
  const list = lists[at];
  if (!list || list.from === list.to) return ['list=no'];
  const members = candidates.slice(list.from, list.to + 1);
  const units = [...new Set(members.map((member) => member.unit).filter((unit) => unit !== 'none'))];
  const unit = units.length === 1 ? (units[0] ?? 'none') : units.length === 0 ? 'none' : 'mixed';
  const first = members[0]?.first ?? 0;
  const last = members.at(-1)?.last ?? 0;
  const position = at === list.from ? 'first' : at === list.to ? 'last' : 'middle';
  const own = candidates[at]?.unit ?? 'none';
  const gapBefore = at > list.from ? shapes.slice((candidates[at - 1]?.last ?? 0) + 1, candidates[at]?.first ?? 0).join('_') || 'space' : 'start';
  const features = [`list=${Math.min(members.length, 4)}`, `listU=${unit}`, `listUown=${unit}:${own}`, `listPos=${position}`, `listGap=${gapBefore}`];
  for (let offset = 1; offset <= 3; offset++) features.push(`LL${offset}=${first - offset < 0 ? '^' : (shapes[first - offset] ?? '^')}`, `LR${offset}=${shapes[last + offset] ?? '$'}`);
  for (let offset = 1; offset <= 6; offset++) if (first - offset >= 0) features.push(`LLb=${shapes[first - offset] ?? ''}`);
  return features;
}
