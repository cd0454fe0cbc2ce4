import type { Language } from './types.ts';

/**
 * Character-trigram statistics per language, learned from the lexicons' sample sentences and
 * word lists: the fallback for words no lexicon knows ("garderieeee", names, rare verbs).
 */
export class TrigramModel {
  private readonly logProbabilities = new Map<Language, Map<string, number>>();
  private readonly unseen = new Map<Language, number>();

  constructor(texts: ReadonlyMap<Language, string>) {
    for (const [language, text] of texts) {
      const counts = new Map<string, number>();
      let total = 0;
      for (const gram of trigramsOf(text.split(/\s+/))) {
        counts.set(gram, (counts.get(gram) ?? 0) + 1);
        total++;
      }
      // Add-half smoothing over a vocabulary a little larger than what was seen.
      const denominator = total + 0.5 * (counts.size + 2000);
      const table = new Map<string, number>();
      for (const [gram, count] of counts) table.set(gram, Math.log((count + 0.5) / denominator));
      this.logProbabilities.set(language, table);
      this.unseen.set(language, Math.log(0.5 / denominator));
    }
  }

  /** Probability of each language given the words' trigrams (sums to 1), or undefined without letters. */
  posterior(words: readonly string[]): Map<Language, number> | undefined {
    const grams = trigramsOf(words.filter((word) => /[a-z]/.test(word)));
    if (grams.length === 0) return undefined;
    const scores = new Map<Language, number>();
    for (const [language, table] of this.logProbabilities) {
      const unseen = this.unseen.get(language) ?? -20;
      let sum = 0;
      for (const gram of grams) sum += table.get(gram) ?? unseen;
      // Trigrams of one text are far from independent: temper the evidence so it stays a hint.
      scores.set(language, (sum / grams.length) * Math.min(grams.length, 12) * 0.5);
    }
    const max = Math.max(...scores.values());
    let total = 0;
    for (const [language, score] of scores) {
      const weight = Math.exp(score - max);
      scores.set(language, weight);
      total += weight;
    }
    for (const [language, weight] of scores) scores.set(language, weight / total);
    return scores;
  }
}

function trigramsOf(words: readonly string[]): string[] {
  const grams: string[] = [];
  for (const word of words) {
    if (word === '') continue;
    const padded = ` ${word} `;
    for (let i = 0; i + 3 <= padded.length; i++) grams.push(padded.slice(i, i + 3));
  }
  return grams;
}
