/**
 * Finds vocabulary words one typo away (insertion, deletion, substitution or swap of neighbours)
 * with a symmetric-delete index: only words of five letters or more, where a typo still leaves
 * the word recognisable ("garderi", "enceite", "apartment").
 */
export class FuzzyIndex {
  private readonly words = new Set<string>();
  private readonly byDeletion = new Map<string, string[]>();
  private readonly known: ReadonlySet<string>;

  /** `known`: every correctly spelt word, of any length ("pase" is Creole, not a typo of "paseo"). */
  constructor(words: Iterable<string>, known: Iterable<string> = [], private readonly minLength = 5) {
    this.known = new Set(known);
    for (const word of words) {
      if (word.length < minLength || this.words.has(word)) continue;
      this.words.add(word);
      for (const key of [word, ...deletions(word)]) {
        const list = this.byDeletion.get(key);
        if (list) list.push(word);
        else this.byDeletion.set(key, [word]);
      }
    }
  }

  /** Vocabulary words at distance one from `token`; empty when the token is itself a word. */
  near(token: string): string[] {
    if (token.length < this.minLength - 1 || this.words.has(token) || this.known.has(token) || /\d/.test(token)) return [];
    const found = new Set<string>();
    for (const key of [token, ...deletions(token)]) {
      for (const word of this.byDeletion.get(key) ?? []) {
        if (!found.has(word) && withinOneEdit(token, word)) found.add(word);
      }
    }
    return [...found];
  }
}

function deletions(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

// Two deletions can pair words two edits apart ("garde"/"grade" is fine, "camps"/"clamp" is not).
function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}
