/** How finely a text may be cut: after a whole sentence only, also after a clause (", ", " : ", "(…"), or also between words. */
export type Cut = 'sentence' | 'clause' | 'word';

/** What is added where a text was cut inside a sentence (plain dots: GSM-7 has no "…"). */
export const ELLIPSIS = '...';

/**
 * `text` in at most `max` characters, cut where a reader does not notice a sentence was broken:
 * the leading sentences that fit; else, when `cut` allows, the first sentence up to a clause
 * (", ", " : ", " ; ", before "(" or a spaced dash) with "..."; else up to a word with "...". A
 * clause or word cut never ends on a small word ("de", "of", "para", "pou") nor on a bare number
 * ("enfants de 0..."), nor inside brackets: the cut moves back before them. Returns "" when no
 * allowed cut fits.
 */
export function shortenText(text: string, options: { max: number; cut: Cut }): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length <= options.max) return clean;
  const fits = (candidate: string) => candidate.length <= options.max;
  const sentence = sentencePrefixes(clean).find(fits);
  if (sentence) return sentence;
  if (options.cut === 'sentence') return '';
  const first = sentencesOf(clean)[0] ?? clean;
  const clause = clausePrefixes(first).find(fits);
  if (options.cut === 'clause') return clause ?? '';
  const word = wordPrefixes(first).find(fits);
  // A clause cut reads better, unless it throws away much more than a cut between words.
  if (clause && (!word || clause.length >= 0.6 * word.length)) return clause;
  return word ?? '';
}

/**
 * Every way `text` may be shortened under `cut`, longest first and ending with "": the whole text,
 * its leading sentences, then (per `cut`) the first sentence's leading clauses and words. For a
 * message that must fit a budget counted otherwise than in characters (SMS segments).
 */
export function shortenings(text: string, options: { cut: Cut }): string[] {
  const clean = text.replace(/\s+/g, ' ').trim();
  const first = sentencesOf(clean)[0] ?? clean;
  const candidates = [
    clean,
    ...sentencePrefixes(clean),
    ...(options.cut === 'sentence' ? [] : clausePrefixes(first)),
    ...(options.cut === 'word' ? wordPrefixes(first) : []),
  ].filter((candidate) => candidate !== '');
  return [...new Set(candidates)].sort((a, b) => b.length - a.length).concat('');
}

// ── helpers ───────────────────────────────────────────────────────────────────────────────

// Words a cut text must not end on, in the four languages at once: a name in one language often
// holds words of another ("More social housing in La Petite-Patrie"). Articles, prepositions,
// conjunctions, possessives; Haitian Creole's determiners, which follow the noun ("timoun yo"),
// are among them only where French has them too ("la", "a").
const SMALL_WORDS: ReadonlySet<string> = new Set([
  // fr
  'a', 'à', 'au', 'aux', 'avec', 'ce', 'ces', 'cet', 'cette', 'chez', 'd', 'dans', 'de', 'des', 'dont', 'du', 'en', 'entre', 'et', 'jusqu', 'l', 'la', 'le', 'les',
  'leur', 'leurs', 'ma', 'mes', 'mon', 'ni', 'nos', 'notre', 'ou', 'par', 'pour', 'qu', 'que', 'qui', 'sa', 'sans', 'ses', 'son', 'sous', 'sur', 'un', 'une', 'vers', 'vos', 'votre',
  // en
  'about', 'aged', 'an', 'and', 'as', 'at', 'between', 'by', 'for', 'from', 'her', 'his', 'in', 'into', 'its', 'my', 'nor', 'of', 'on', 'or', 'our', 'than', 'that', 'the',
  'their', 'to', 'until', 'who', 'with', 'your',
  // es
  'al', 'con', 'del', 'desde', 'e', 'el', 'hasta', 'las', 'lo', 'los', 'mi', 'mis', 'o', 'para', 'por', 'sin', 'sobre', 'su', 'sus', 'tu', 'tus', 'u', 'una', 'unas', 'unos', 'y',
  // ht
  'ak', 'ant', 'avè', 'avèk', 'depi', 'epi', 'jiska', 'ki', 'nan', 'oswa', 'pa', 'pou', 'rive', 'sou', 'soti', 'yon',
]);
// A number alone at the end of a cut was most likely the start of a range ("de 0 à 5 ans").
const BARE_NUMBER = /^\d+([.,]\d+)?½?$/;
// "p. ex.", "St. Michel", "Dr. Smith": a dot that does not end a sentence.
const ABBREVIATIONS = new Set(['p', 'ex', 'env', 'approx', 'st', 'ste', 'dr', 'dre', 'm', 'mme', 'mr', 'mrs', 'ms', 'no', 'tél', 'tel', 'av', 'boul', 'sr', 'sra', 'e.g', 'i.e']);

/** The sentences of `text`, each with its final punctuation. */
function sentencesOf(text: string): string[] {
  const sentences: string[] = [];
  let start = 0;
  // An end mark (and closing quotes or brackets), a space, then what may start a sentence.
  const end = /[.!?…]+["'’”»)\]]*(?=\s+["'‘“«(¿¡]?[\p{Lu}\d])/gu;
  for (const match of text.matchAll(end)) {
    const before = text.slice(start, match.index);
    const word = /(\S+)$/.exec(before)?.[1] ?? '';
    if (match[0] === '.' && (ABBREVIATIONS.has(word.toLowerCase()) || /^\p{L}$/u.test(word))) continue;
    const stop = match.index + match[0].length;
    sentences.push(text.slice(start, stop).trim());
    start = stop;
  }
  const rest = text.slice(start).trim();
  if (rest) sentences.push(rest);
  return sentences;
}

/** The text's leading sentences, one, two… (not the whole text), longest first. */
function sentencePrefixes(text: string): string[] {
  const sentences = sentencesOf(text);
  return sentences
    .slice(0, -1)
    .map((_, index) => sentences.slice(0, index + 1).join(' '))
    .reverse();
}

/** The sentence up to each of its clause boundaries, with "...", longest first. */
function clausePrefixes(sentence: string): string[] {
  const prefixes: string[] = [];
  for (const match of sentence.matchAll(/\s*[,;:]\s|\s[–—-]\s|\s\(/g)) {
    const head = sentence.slice(0, match.index).replace(/[\s,;:.–—-]+$/, '');
    if (head && endsWell(head)) prefixes.push(`${head}${ELLIPSIS}`);
  }
  return prefixes.reverse();
}

/** The sentence up to each word (never a small word nor a bare number), with "...", longest first. */
function wordPrefixes(sentence: string): string[] {
  const words = sentence.split(' ');
  const prefixes: string[] = [];
  for (let count = 1; count < words.length; count++) {
    const head = words.slice(0, count).join(' ').replace(/[\s,;:.–—(-]+$/, '');
    if (head && endsWell(head)) prefixes.push(`${head}${ELLIPSIS}`);
  }
  return prefixes.reverse();
}

/** Whether a cut after `head` reads well: not on a small word, a bare number, an elision ("l’") or inside brackets. */
function endsWell(head: string): boolean {
  const last = (head.split(' ').at(-1) ?? '').replace(/^[("«“¿¡]+|[)"»”]+$/g, '');
  const word = last.toLowerCase().replace(/['’]$/, '');
  const open = (head.match(/\(/g) ?? []).length > (head.match(/\)/g) ?? []).length;
  return word !== '' && !open && !SMALL_WORDS.has(word) && !BARE_NUMBER.test(word) && !/['’]$/.test(last);
}
