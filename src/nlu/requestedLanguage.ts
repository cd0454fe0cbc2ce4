import type { Language } from './types.ts';
import { VOCABULARY } from './vocabulary.ts';

// Words that can surround a language name in a plain request: "in English please", "en
// español por favor", "an kreyòl tanpri", "English?", "français svp".
const REQUEST_WORDS = new Set([
  'in', 'en', 'an', 'please', 'pls', 'plz', 'svp', 'stp', 'por', 'favor', 'porfa', 'tanpri', 'souple', 'merci',
  'thanks', 'gracias', 'mesi', 'ok', 'oui', 'yes', 'si', 'wi', 'the', 'le', 'la', 'el', 'language', 'langue',
  'idioma', 'lang', 'lengua', 'only', 'seulement', 'solo', 'selman', 'sil', 'vous', 'plait', 'speak', 'parle',
  'pale', 'habla', 'hablo', 'i', 'je', 'yo', 'mwen', 'm', 'prefer', 'prefere', 'prefiero', 'prefere', 'pito',
]);
const INTO = new Set(['in', 'en', 'an', 'into', 'to', 'al', 'a']);
const NAMES = new Map<string, Language>([
  ...VOCABULARY.lexicons.flatMap((lexicon) => Object.entries(lexicon.languageNames)),
  ['french', 'fr'], ['frances', 'fr'], ['franse', 'fr'], ['english', 'en'], ['anglais', 'en'], ['ingles', 'en'],
  ['angle', 'en'], ['spanish', 'es'], ['espagnol', 'es'], ['espanol', 'es'], ['panyol', 'es'], ['creole', 'ht'],
  ['kreyol', 'ht'], ['criollo', 'ht'], ['haitian', 'ht'], ['haitien', 'ht'], ['ayisyen', 'ht'],
]);

/**
 * The language a parent explicitly asks for: a language name alone or with request words, or
 * with a language-change phrase ("parlez-vous espagnol", "can you write in French").
 */
export function requestedLanguage(args: { tokens: readonly string[]; asksToChange: boolean }): Language | undefined {
  const named = args.tokens.map((token) => NAMES.get(token)).filter((language) => language !== undefined);
  let first = named[0];
  if (first === undefined) return undefined;
  if (named.some((language) => language !== first)) {
    // "answer in Spanish, my English is not good": the language after "in", "en", "an" is the one asked for.
    const asked = new Set(args.tokens.flatMap((token, index) => (INTO.has(args.tokens[index - 1] ?? '') && NAMES.has(token) ? [NAMES.get(token)] : [])));
    if (!args.asksToChange || asked.size !== 1) return undefined;
    first = [...asked][0];
    if (first === undefined) return undefined;
  }
  if (args.asksToChange) return first;
  return args.tokens.every((token) => NAMES.has(token) || REQUEST_WORDS.has(token)) ? first : undefined;
}
