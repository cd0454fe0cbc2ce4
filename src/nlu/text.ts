import { fold } from '../domain/fold.ts';

/** A message reduced to what the matchers compare, with a way back to what the parent typed. */
export interface PreparedText {
  original: string;
  /** Lower case without accents, punctuation kept; same shape as `original` for entity spans. */
  plain: string;
  /** Lower case, accents removed, everything but letters and digits turned into single spaces. */
  folded: string;
  /** The words of `folded`, in order. */
  tokens: string[];
  /** `original` index where `plain[i]` starts, plus one entry for the end of the text. */
  starts: number[];
}

// Parents type "j'ai", "m'pa", "l'école", "qu'est-ce": anything that is not a letter or digit separates words.
const SEPARATORS = /[^a-z0-9]+/g;
const CONTRACTIONS = /([a-z])'(t|s|re|ve|ll|m|d)(?![a-z])/g;

/** Folds case and accents, keeps a map back to the original text; never throws. */
export function prepareText(original: string): PreparedText {
  // Most messages are plain ASCII: lower-casing keeps every position.
  if (/^[\x20-\x7e]*$/.test(original)) {
    const plain = original.toLowerCase();
    const starts = Array.from({ length: plain.length + 1 }, (_, i) => i);
    return { original, plain, starts, ...tokenize(plain) };
  }
  let plain = '';
  const starts: number[] = [];
  let index = 0;
  for (const char of original) {
    const folded = fold(char);
    for (let i = 0; i < folded.length; i++) starts.push(index);
    plain += folded;
    index += char.length;
  }
  starts.push(index);
  return { original, plain, starts, ...tokenize(plain) };
}

/** Splits already-folded text into words. */
export function tokenize(plain: string): { folded: string; tokens: string[] } {
  // English contractions stay one word ("don't" → "dont", "I'm" → "im"); French elisions split.
  const folded = plain.replace(CONTRACTIONS, '$1$2').replace(SEPARATORS, ' ').trim();
  return { folded, tokens: folded === '' ? [] : folded.split(' ') };
}

/** The original text behind `plain.slice(start, end)`. */
export function originalSpan(text: PreparedText, start: number, end: number): string {
  return text.original.slice(text.starts[start] ?? 0, text.starts[end] ?? text.original.length).trim();
}
