import { LANGUAGES, type Language as DirectoryLanguage } from '../domain/languages.ts';
import { textTerms } from './textTerms.ts';

/** How well each service's words match a family's, by service position: the sum of the matched words' weights, and the largest one. */
export interface WordScores {
  score: Float64Array;
  best: Float64Array;
  /** Positions of the services sharing at least one word. */
  matched: number[];
}

/**
 * The words of every service's name and description, per language, for ranking services by a
 * family's own words. Services are known by their position (0 to size - 1) in the caller's list.
 */
export class WordIndex {
  /** Per language: word stem (see textTerms) → positions of the services whose texts hold it. */
  private readonly postings = new Map<string, Map<string, number[]>>(LANGUAGES.map((language) => [language, new Map()]));

  constructor(private readonly size: number) {}

  /** Adds one text of the service at `position`; texts in a language the directory does not speak are ignored. */
  add(position: number, language: string, text: string): void {
    const postings = this.postings.get(language);
    if (!postings || position < 0 || position >= this.size) return;
    for (const term of textTerms(text)) {
      const list = postings.get(term);
      if (list === undefined) postings.set(term, [position]);
      else if (list[list.length - 1] !== position) list.push(position);
    }
  }

  /**
   * Per service, how much of `terms` its texts in `language` or French share. A word weighs more the
   * fewer services use it: ln(N / services using it) / ln(N), 1 for a word one service alone uses,
   * 0 for a word all use. A word found in both languages of a service counts once, at its larger weight.
   */
  score(terms: readonly string[], language: DirectoryLanguage): WordScores {
    const size = this.size;
    const scores: WordScores = { score: new Float64Array(size), best: new Float64Array(size), matched: [] };
    if (terms.length === 0 || size === 0) return scores;
    const { score, best, matched } = scores;
    const countedFor = new Int32Array(size);
    const counted = new Float64Array(size);
    const total = Math.log(Math.max(size, 2));
    const languages = language === 'fr' ? ['fr'] : [language, 'fr'];
    terms.forEach((term, t) => {
      for (const text of languages) {
        const postings = this.postings.get(text)?.get(term);
        if (!postings) continue;
        const weight = Math.log(size / postings.length) / total;
        for (const at of postings) {
          if (countedFor[at] === t + 1) {
            if (weight <= counted[at]!) continue;
            score[at]! += weight - counted[at]!;
          } else {
            if (countedFor[at] === 0) matched.push(at);
            countedFor[at] = t + 1;
            score[at]! += weight;
          }
          counted[at] = weight;
          if (weight > best[at]!) best[at] = weight;
        }
      }
    });
    return scores;
  }
}
