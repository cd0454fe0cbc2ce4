import type { Language } from '../domain/languages.ts';

export { LANGUAGES, type Language } from '../domain/languages.ts';

/** What a message asks for; other modules and the flows rely on these ids. */
export type IntentId =
  | 'prenatal'
  | 'breastfeeding'
  | 'camp'
  | 'school_readiness'
  | 'childcare'
  | 'housing'
  | 'basic_needs'
  | 'newcomer'
  | 'events'
  | 'human'
  | 'crisis'
  | 'stop'
  | 'start'
  | 'help'
  | 'menu'
  | 'change_language'
  | 'delete_data'
  | 'greeting'
  | 'thanks'
  | 'yes'
  | 'no'
  | 'unknown';

/** A detail found in a message. `text` is the substring as the parent typed it. */
export type NluEntity =
  | { type: 'age'; text: string; months: number }
  | { type: 'date'; text: string; date: string }
  | { type: 'number'; text: string; value: number }
  | { type: 'postal_code'; text: string; fsa: string; neighbourhood: string | null }
  | { type: 'neighbourhood'; text: string; neighbourhood: string };

/** Word lists for one language, all folded (lower case, no accents). */
export interface Lexicon {
  language: Language;
  /** Frequent words of the language with a weight: 3 = belongs to it alone, 1 = shared with another. */
  markers: Readonly<Record<string, number>>;
  /** Phrases per intent; a word ending in "*" matches any ending ("enceint*"). */
  intents: Readonly<Partial<Record<IntentId, readonly string[]>>>;
  /** Number words up to the ones parents use for ages and menus. */
  numbers: Readonly<Record<string, number>>;
  /** Month names and common misspellings → 1..12. */
  months: Readonly<Record<string, number>>;
  /** How this language's speakers name each of the four languages. */
  languageNames: Readonly<Record<string, Language>>;
  /** Running text in the language, for character-trigram statistics. */
  sample: string;
}

/**
 * Kinds of crisis, each answered with the lines that fit it after 911 when there is immediate
 * danger: violence (SOS violence conjugale), self-harm (9-8-8), a child in danger (the DPJ),
 * a medical emergency (the poison centre, Info-Santé), a parent at the end of their rope (Ligne Parents).
 */
export const CRISIS_KINDS = ['violence', 'self_harm', 'child_danger', 'medical', 'parent_distress'] as const;
export type CrisisKind = (typeof CRISIS_KINDS)[number];
