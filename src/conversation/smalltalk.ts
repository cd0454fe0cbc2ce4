import type { NluResult } from '../nlu/index.ts';
import { prepareText } from '../nlu/text.ts';

/**
 * What a message that only closes or acknowledges says:
 * - `thanks`: "merci!", "gracias", "mèsi anpil", "ok merci";
 * - `closing`: "de rien", "bonne journée", "bye", "de nada", "pa dekwa", "you're welcome";
 * - `ack`: "ok", "d'accord", "super", 👍, 👌, 🙏 — an acknowledgement, a yes where a yes/no is asked.
 */
export type Smalltalk = 'thanks' | 'closing' | 'ack';

// Whole messages, folded (lower case, no accents, no punctuation). "de rien" is not about housing,
// "pa dekwa" not an opt-out, "de nada" not a no: a closing is read before any other meaning.
const CLOSINGS = new Set([
  // fr
  'de rien', 'bienvenue', 'pas de quoi', 'il ny a pas de quoi', 'ya pas de quoi', 'avec plaisir', 'bonne journee', 'bonne soiree', 'bonne fin de journee',
  'bonne nuit', 'au revoir', 'a bientot', 'a plus', 'bye', 'bye bye', 'salut', 'ciao', 'merci a vous aussi', 'vous aussi', 'toi aussi', 'pareillement',
  // en
  'youre welcome', 'you are welcome', 'welcome', 'no problem', 'no worries', 'np', 'have a nice day', 'have a good day', 'good night', 'goodbye', 'see you',
  'you too', 'same to you', 'take care', 'cheers',
  // es
  'de nada', 'con gusto', 'igualmente', 'adios', 'hasta luego', 'buen dia', 'buenas noches', 'que tenga buen dia', 'cuidese', 'chao',
  // ht
  'pa dekwa', 'pa gen pwoblem', 'orevwa', 'babay', 'bon jounen', 'bon nwit', 'pita', 'a pita', 'ou menm tou', 'menm jan an',
]);
const ACKS = new Set([
  'ok', 'okay', 'oki', 'okey', 'k', 'kk', 'dac', 'dak', 'daccord', 'parfait', 'super', 'genial', 'top', 'cool', 'nice', 'great', 'perfect', 'good', 'alright',
  'all right', 'got it', 'vale', 'bueno', 'perfecto', 'listo', 'entendido', 'oke', 'dako', 'bon', 'tres bien', 'very good', 'muy bien', 'byen', 'anfom', 'compris', 'noted', 'entendu',
]);
const FILLERS = new Set(['svp', 'please', 'pls', 'so', 'much', 'very', 'beaucoup', 'bcp', 'infiniment', 'muchas', 'mil', 'anpil', 'a', 'lot', 'encore', 'again', 'por', 'todo', 'tout', 'mwen', 'ou', 'pour', 'for', 'everything', 'the', 'your', 'votre', 'pou', 'de', 'del', 'su', 'help', 'laide', 'aide', 'la', 'ayuda', 'ed', 'lo', 'you']);
const THANKS = /^(merci|mersi|thanks|thank|thx|ty|gracias|grax|mesi)\b/;
// Thumbs-up, OK hand, folded hands, smiles, hearts, clapping, check mark, sparkles: a message of these
// only, once skin tones, variation selectors and joiners are set aside.
const EMOJI_MODIFIERS = /[\u{1F3FB}-\u{1F3FF}]|\u{FE0F}|\u{200D}|\s/gu;
const POSITIVE_EMOJI = /^[\u{1F44D}\u{1F44C}\u{1F64F}\u{1F60A}\u{1F642}\u{1F600}-\u{1F606}\u{1F609}\u{1F60D}\u{1F618}\u{1F970}\u{1F917}\u{1F44F}\u{1F4AA}\u{2764}\u{1F499}\u{1F49A}\u{1F49B}\u{1F49C}\u{1F5A4}\u{1F90D}\u{1F495}\u{1F496}\u{2705}\u{2728}]+$/u;

/**
 * Reads a message that only thanks, closes or acknowledges; undefined for anything else (a
 * question, an answer, "merci, et pour le logement?"). Short messages only: a closing is a few words.
 */
export function readSmalltalk(text: string, nlu: Pick<NluResult, 'intent'>): Smalltalk | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  if (POSITIVE_EMOJI.test(trimmed.replace(EMOJI_MODIFIERS, ''))) return 'ack';
  const tokens = prepareText(trimmed).tokens;
  const folded = tokens.join(' ');
  if (folded === '' || tokens.length > 6) return undefined;
  if (CLOSINGS.has(folded)) return 'closing';
  if (ACKS.has(folded)) return 'ack';
  // "merci", "ok merci", "merci beaucoup, bonne journée", "thanks a lot", "vale gracias", "mèsi anpil".
  const rest = tokens.filter((token) => !ACKS.has(token) && !FILLERS.has(token)).join(' ');
  const match = THANKS.exec(rest);
  if (match && (rest.slice(match[0].length).trim() === '' || CLOSINGS.has(rest.slice(match[0].length).trim()))) return 'thanks';
  if (nlu.intent === 'thanks' && tokens.length <= 3) return 'thanks';
  return undefined;
}
