// What a parent must never read: a text cut in the middle. Written apart from the code that
// shortens texts (src/conversation/shortenText.ts), with its own word lists, so that a test built on
// it does not check that code against itself.

// Words a text cannot end on, in the four languages ("de", "à", "of", "to", "a", "pou"…).
const SMALL_WORDS = new Set([
  'a', 'à', 'au', 'aux', 'avec', 'd', 'dans', 'de', 'des', 'du', 'en', 'entre', 'et', 'l', 'la', 'le', 'les', 'ou', 'par', 'pour', 'qui', 'que', 'sur', 'un', 'une',
  'aged', 'an', 'and', 'at', 'between', 'by', 'for', 'from', 'in', 'of', 'on', 'or', 'the', 'to', 'with',
  'al', 'con', 'del', 'desde', 'el', 'hasta', 'las', 'los', 'o', 'para', 'por', 'una', 'y',
  'ak', 'depi', 'jiska', 'ki', 'nan', 'oswa', 'pou', 'rive', 'soti', 'sou', 'yon',
]);
const BARE_NUMBER = /^\d+([.,]\d+)?½?$/;
const CUT_MARK = /\.\.\.|…/g;

/** The texts a message was made from: names may be cut between words; prose only after a sentence or a clause. */
export interface MessageSources {
  names: readonly string[];
  prose: readonly string[];
}

/**
 * Every place `message` reads as cut in the middle, described for a failing test: a cut ("...")
 * after a part of a word, a small word or a bare number ("pour les enfants de 0..."), a cut of
 * prose inside a clause, or a line that stops on a small word or a number inside a source text.
 */
export function cutsIn(message: string, sources: MessageSources): string[] {
  const all = [...sources.names, ...sources.prose];
  const words = new Set(all.flatMap((text) => text.split(/\s+/).map(bare).filter(Boolean)).map((word) => word.toLowerCase()));
  const problems: string[] = [];
  for (const line of message.split('\n')) {
    for (const match of line.matchAll(CUT_MARK)) {
      const before = line.slice(0, match.index);
      const word = bare(/(\S+)$/.exec(before)?.[1] ?? '');
      // Dots the directory itself writes are not a cut.
      if (all.some((text) => text.includes(`${word}${match[0]}`))) continue;
      if (!word) problems.push(`cut after nothing: "${line}"`);
      else if (!words.has(word.toLowerCase())) problems.push(`cut inside a word: "${word}" in "${line}"`);
      else if (SMALL_WORDS.has(word.toLowerCase().replace(/['’]$/, ''))) problems.push(`cut after a small word: "${word}" in "${line}"`);
      else if (BARE_NUMBER.test(word)) problems.push(`cut after a bare number: "${word}" in "${line}"`);
      const prose = proseCut(before, sources.prose);
      if (prose) problems.push(`${prose} in "${line}"`);
    }
    // A line that ends inside a source text, where that text goes on, was cut without saying so.
    const tail = line.replace(/[\s.!?)\]"»”]+$/, '').split(/\s+/).slice(-3).join(' ');
    const last = bare(tail.split(' ').at(-1) ?? '');
    const small = SMALL_WORDS.has(last.toLowerCase()) || BARE_NUMBER.test(last);
    if (small && !/\.\.\.|…/.test(line) && all.some((text) => text.includes(tail)) && !all.some((text) => endsWith(text, tail))) {
      problems.push(`ends on a small word or a number: "${last}" in "${line}"`);
    }
  }
  return problems;
}

/** The numbers of a program's ages a parent must read ("5" for 0 to 71 months), or null when it sets none. */
export function ageNumbers(ages: { min: number | null; max: number | null }): string[] | null {
  const min = ages.min ?? 0;
  const max = ages.max;
  if (max === null && min === 0) return null;
  const inMonths = max !== null && max < 24;
  const say = (months: number) => String(inMonths || (months < 24 && months % 12 !== 0) ? months : Math.floor(months / 12));
  return [...(min > 0 ? [say(min)] : []), ...(max !== null ? [say(max)] : [])];
}

/** Whether `text` gives each of `numbers` (phone numbers aside). */
export function givesNumbers(text: string, numbers: readonly string[]): boolean {
  const plain = text.replace(/\b(1-)?\d{3}-\d{3}-\d{4}\b/g, '');
  return numbers.every((number) => new RegExp(`(^|[^\\d])${number}([^\\d]|$)`).test(plain));
}

/** Where prose shown up to a cut stops inside a clause of its source, else null. */
function proseCut(before: string, prose: readonly string[]): string | null {
  // The prose shown on this line: what follows a label such as "Pour qui: ", if any.
  for (const shown of [before, before.replace(/^[^:]{1,20}:\s/, '')]) {
    const text = shown.trim();
    if (text.length < 8) continue;
    for (const source of prose) {
      const at = source.indexOf(text);
      if (at < 0) continue;
      const next = source.slice(at + text.length);
      return /^(\s*[,;:]|\s[(–—-])/.test(next) ? null : `prose cut inside a clause: before "${next.slice(0, 20)}"`;
    }
  }
  return null;
}

/** Whether `tail` ends `text` or one of its sentences. */
function endsWith(text: string, tail: string): boolean {
  const at = text.lastIndexOf(tail);
  const next = at < 0 ? '' : text.slice(at + tail.length);
  return at >= 0 && (/^[.!?…]*["'’”»)\]]*\s*$/.test(next) || /^[.!?…]+["'’”»)\]]*\s/.test(next));
}

function bare(word: string): string {
  return word.replace(/^[("«“¿¡]+|[)"»”.,;:!?]+$/g, '');
}
