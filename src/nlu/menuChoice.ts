import { VOCABULARY } from './vocabulary.ts';

// Words around a number that still make it a menu pick: "option 2", "le 2", "#2", "nimewo 2".
const AROUND = new Set(['option', 'opcion', 'opsyon', 'choix', 'choice', 'numero', 'number', 'nimewo', 'no', 'le', 'la', 'el', 'the', 'num', 'nb', 'ok', 'svp', 'please', 'tanpri', 'por', 'favor', 'je', 'choisis', 'choose', 'mwen', 'chwazi', 'quiero', 'want', 'veux', 'pran', 'prends', 'take']);
const NUMBER_WORDS = new Map<string, number>(VOCABULARY.lexicons.flatMap((lexicon) => Object.entries(lexicon.numbers)));

/** The 1-based option a reply picks from a menu of `size` options, or undefined. */
export function menuChoice(tokens: readonly string[], size: number): number | undefined {
  const numbers = tokens.filter((token) => !AROUND.has(token));
  if (numbers.length !== 1) return undefined;
  const token = numbers[0] ?? '';
  const value = /^\d{1,2}$/.test(token) ? Number(token) : NUMBER_WORDS.get(token);
  return value !== undefined && value >= 1 && value <= size ? value : undefined;
}
