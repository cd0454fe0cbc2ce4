import type { RecognizerCulture } from './recognizers.ts';
import { recognizers } from './recognizers.ts';
import type { PreparedText } from './text.ts';
import type { Language } from './types.ts';
import { VOCABULARY } from './vocabulary.ts';

/** A number found in a message, in `plain` coordinates. */
export interface NumberMatch {
  start: number;
  end: number;
  value: number;
}

const CULTURES: Readonly<Record<Language, RecognizerCulture | undefined>> = { fr: 'fr-fr', en: 'en-us', es: 'es-es', ht: undefined };
// Plain digits need no model. Phone numbers, times and dates ("514-555-1234", "9:30", "15/03")
// are not quantities.
const DIGITS = /(^|[^a-z0-9.,:/-])(\d{1,6}(?:[.,]\d+)?)(?![a-z0-9]|[.,:/-]\d)/g;
// Only compound number words need recognizers-text ("vingt-deux", "twenty two", "treinta y
// cinco"); its first French parse costs seconds, so small numbers are read from the lexicons.
const COMPOUND = /(?:^|[^a-z])(?:vingt|trente|quarante|cinquante|soixante|cent|mille|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|veint|treinta|cuarenta|cincuenta|sesenta|setenta|ochenta|noventa|cien|mil)/;
// Articles are not quantities: "un camp", "a daycare", "yon kay".
const ARTICLES = new Set(['un', 'une', 'uno', 'una', 'en', 'yon', 'a', 'an']);

/** Numbers in digits, and in words of the message's language. */
export function findNumbers(args: { text: PreparedText; language: Language }): NumberMatch[] {
  const { text, language } = args;
  const found: NumberMatch[] = [];
  for (const match of text.plain.matchAll(DIGITS)) {
    const start = (match.index ?? 0) + (match[1]?.length ?? 0);
    found.push({ start, end: start + (match[2] ?? '').length, value: Number((match[2] ?? '').replace(',', '.')) });
  }
  if (!/[a-z]/.test(text.plain)) return found;
  const culture = CULTURES[language];
  if (culture && COMPOUND.test(text.plain)) {
    for (const result of recognizers.number(culture).parse(text.original)) {
      const value = Number(result.resolution?.value);
      if (!/\d/.test(result.text) && Number.isFinite(value) && !ARTICLES.has(result.text.toLowerCase())) {
        const start = text.starts.findIndex((index) => index >= result.start);
        found.push({ start, end: start + result.text.length, value });
      }
    }
    return found;
  }
  const words = WORDS.get(language);
  for (const match of words ? text.plain.matchAll(words.pattern) : []) {
    const word = match[2] ?? '';
    const value = words?.values.get(word.replace(/\s+/g, '-'));
    const start = (match.index ?? 0) + (match[1]?.length ?? 0);
    if (value !== undefined) found.push({ start, end: start + word.length, value });
  }
  return found;
}

const WORDS = new Map<Language, { pattern: RegExp; values: Map<string, number> }>(
  VOCABULARY.lexicons.map((lexicon) => {
    const values = new Map(Object.entries(lexicon.numbers).filter(([word]) => !ARTICLES.has(word)));
    const alternation = [...values.keys()].sort((a, b) => b.length - a.length).map((word) => word.replace(/-/g, '[- ]')).join('|');
    return [lexicon.language, { pattern: new RegExp(`(^|[^a-z0-9])(${alternation})(?![a-z0-9])`, 'g'), values }];
  }),
);
