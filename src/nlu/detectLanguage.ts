import { LANGUAGES } from '../domain/languages.ts';
import type { Language } from './types.ts';
import { VOCABULARY } from './vocabulary.ts';

/** What the words of a message say about its language. */
export interface LanguageGuess {
  /** Best of the four, or null with nothing to go on (digits, emoji, "ok"). */
  detected: Language | null;
  /** 0..1: how far ahead the best language is. */
  confidence: number;
  /** Clearly written in a fifth language (Arabic script, Portuguese…). */
  foreign: boolean;
}


// Letters that only some of the four languages write, when the parent types accents at all.
const ACCENT_CUES: readonly [RegExp, Language, number][] = [
  [/[ñ¿¡]/, 'es', 2],
  [/[áíóú]/, 'es', 1],
  [/ò/, 'ht', 2],
  [/[çêâîûëïœ]/, 'fr', 1.5],
  [/[éàù]/, 'fr', 0.5],
];

// Frequent words of languages parents in Montreal also write (Portuguese, Italian, German),
// chosen so that none is a word of the four: enough to offer the language menu.
const OTHER_LANGUAGE_WORDS = new Set([
  'voce', 'obrigado', 'obrigada', 'nao', 'meu', 'minha', 'preciso', 'estou', 'tenho', 'filho', 'filha', 'crianca',
  'criancas', 'creche', 'gostaria', 'moradia', 'gravida', 'muito', 'entao', 'tambem', 'sim', 'isso', 'aluguel',
  'quero', 'falar', 'alguem', 'portugues', 'bom', 'boa', 'ajuda', 'uma', 'com', 'escola', 'onde', 'voces',
  'grazie', 'ciao', 'buongiorno', 'sono', 'bambino', 'bambina', 'figlio', 'figlia', 'aiuto', 'vorrei', 'dove',
  'scuola', 'italiano', 'anni', 'della', 'questo', 'cerco', 'gli', 'danke', 'bitte', 'hallo', 'ich', 'und',
  'nicht', 'habe', 'brauche', 'wohnung', 'deutsch',
]);

const TRIGRAM_WEIGHT = 1.2;
const SHORT_REPLIES = new Map<Language, Set<string>>(
  VOCABULARY.lexicons.map((lexicon) => [
    lexicon.language,
    new Set(Object.values(lexicon.intents).flatMap((phrases) => phrases.map((phrase) => phrase.split('=')[0] ?? '')).filter((phrase) => /^[a-z]+$/.test(phrase))),
  ]),
);

/** Scores the four languages from word evidence, accents and character trigrams. */
export function detectLanguage(args: { tokens: readonly string[]; lowered: string }): LanguageGuess {
  const { tokens, lowered } = args;
  const latin = (lowered.match(/[a-zà-ÿ]/g) ?? []).length;
  const otherScript = (lowered.match(/[\p{L}]/gu) ?? []).length - latin;
  if (otherScript > 0 && otherScript >= latin) return { detected: null, confidence: 0, foreign: true };

  const scores: Record<Language, number> = { fr: 0, en: 0, es: 0, ht: 0 };
  let otherWords = 0;
  for (const token of tokens) {
    const entry = VOCABULARY.evidence.get(token);
    if (entry) {
      for (const language of LANGUAGES) scores[language] += entry[language] ?? 0;
      continue;
    }
    if (OTHER_LANGUAGE_WORDS.has(token)) {
      otherWords += 2;
      continue;
    }
    // A misspelt content word still says something, a little less.
    const near = VOCABULARY.fuzzy.near(token);
    for (const word of near) {
      const weights = VOCABULARY.evidence.get(word) ?? {};
      for (const language of LANGUAGES) scores[language] += (0.6 * (weights[language] ?? 0)) / near.length;
    }
  }
  // A one-word message ("si", "wi", "unsubscribe", "idioma") belongs to the language whose lexicon has it.
  if (tokens.length === 1) {
    const owners = LANGUAGES.filter((language) => SHORT_REPLIES.get(language)?.has(tokens[0] ?? ''));
    for (const language of owners) scores[language] += 2 / owners.length;
  }
  for (const [pattern, language, weight] of ACCENT_CUES) if (pattern.test(lowered)) scores[language] += weight;

  const trigrams = VOCABULARY.trigrams.posterior(tokens);
  if (!trigrams) return { detected: null, confidence: 0, foreign: false };
  for (const language of LANGUAGES) scores[language] += TRIGRAM_WEIGHT * (trigrams.get(language) ?? 0);

  const ranked = [...LANGUAGES].sort((a, b) => scores[b] - scores[a]);
  const best = ranked[0] ?? 'fr';
  const bestScore = scores[best];
  const margin = bestScore - scores[ranked[1] ?? 'fr'];
  const lexical = bestScore - TRIGRAM_WEIGHT * (trigrams.get(best) ?? 0);
  const foreign = otherWords >= 4 && otherWords >= 0.8 * lexical;
  // Trigrams alone ("STOP", a name) are a hint, never enough to switch a contact's language.
  const confidence = foreign ? 0 : round((1 - Math.exp(-margin / 1.5)) * (lexical < 1 ? 0.5 : 1));
  return { detected: bestScore >= 0.9 ? best : null, confidence, foreign };
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
