/** A message reduced to what the matchers compare: lower case, no accents, words split. */
export interface PreparedText {
  /** Lower case, accents removed, punctuation turned into spaces, single-spaced. */
  folded: string;
  /** The words of `folded`, in order. */
  tokens: string[];
}

// Parents type "j'ai", "m'pa", "l'école", "qu'est-ce": the apostrophe separates words everywhere.
const SEPARATORS = /[^a-z0-9]+/g;

/** Folds case and accents and splits into words; never throws. */
export function prepareText(text: string): PreparedText {
  const folded = foldText(text).replace(SEPARATORS, ' ').trim();
  return { folded, tokens: folded === '' ? [] : folded.split(' ') };
}

/** Lower case without diacritics ("Kreyòl" → "kreyol", "ñ" → "n", "œ" → "oe"). */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/ß/g, 'ss');
}
