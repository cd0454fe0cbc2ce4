import { ENGLISH } from './lexicon/en.ts';
import { SPANISH } from './lexicon/es.ts';
import { FRENCH } from './lexicon/fr.ts';
import { CREOLE } from './lexicon/ht.ts';
import { FuzzyIndex } from './fuzzy.ts';
import { fold } from '../domain/fold.ts';
import { TrigramModel } from './trigrams.ts';
import type { IntentId, Language, Lexicon } from './types.ts';

/** One intent phrase, ready to match against a message's words. */
export interface Phrase {
  intent: IntentId;
  language: Language;
  /** Folded words; a word ending in "*" matches any word that starts with the rest. */
  words: readonly string[];
  weight: number;
}

/** Everything the matchers need, built once when the module loads (a few milliseconds). */
export interface Vocabulary {
  lexicons: readonly Lexicon[];
  phrasesByFirstWord: ReadonlyMap<string, readonly Phrase[]>;
  /** Phrases whose first word is a prefix ("allait*"): checked against every word. */
  prefixPhrases: readonly Phrase[];
  /** How much a word says about each language. */
  evidence: ReadonlyMap<string, Readonly<Partial<Record<Language, number>>>>;
  fuzzy: FuzzyIndex;
  trigrams: TrigramModel;
}

// Words every language uses in SMS say nothing about the language ("STOP", "ok", "menu").
const NEUTRAL_WORDS = ['stop', 'start', 'menu', 'ok', 'okay', 'oki', 'info', 'infos', 'cancel', 'end', 'quit', 'lol', 'bye', 'cpe', 'hlm', 'ramq', 'sms', 'camp', 'taxi', 'mdr'];

export const VOCABULARY: Vocabulary = compileVocabulary([FRENCH, ENGLISH, SPANISH, CREOLE]);

function compileVocabulary(lexicons: readonly Lexicon[]): Vocabulary {
  const phrasesByFirstWord = new Map<string, Phrase[]>();
  const prefixPhrases: Phrase[] = [];
  const intentWords = new Map<string, Set<Language>>();
  const trigramTexts = new Map<Language, string>();
  const seen = new Set<string>();

  for (const lexicon of lexicons) {
    const texts: string[] = [fold(lexicon.sample), ...Object.keys(lexicon.markers)];
    for (const [intent, entries] of Object.entries(lexicon.intents) as [IntentId, readonly string[]][]) {
      for (const entry of entries) {
        const phrase = compilePhrase({ entry, intent, language: lexicon.language });
        // The same phrase in two lexicons ("gratis", "camp") must not count twice.
        const key = `${intent} ${phrase?.words.join(' ')}`;
        if (!phrase || seen.has(key)) continue;
        seen.add(key);
        const first = phrase.words[0] ?? '';
        if (first.endsWith('*')) prefixPhrases.push(phrase);
        else phrasesByFirstWord.set(first, [...(phrasesByFirstWord.get(first) ?? []), phrase]);
        for (const word of phrase.words) {
          if (word.endsWith('*') || /\d/.test(word)) continue;
          intentWords.set(word, (intentWords.get(word) ?? new Set()).add(lexicon.language));
          texts.push(word);
        }
      }
    }
    trigramTexts.set(lexicon.language, texts.join(' '));
  }

  const evidence = new Map<string, Partial<Record<Language, number>>>();
  // Content words ("garderie", "embarazada") speak for their language unless several share them.
  for (const [word, languages] of intentWords) {
    if (word.length < 3) continue;
    const weight = languages.size === 1 ? 1 : 0.3;
    const entry: Partial<Record<Language, number>> = {};
    for (const language of languages) entry[language] = weight;
    evidence.set(word, entry);
  }
  // Function words carry the weights the lexicons give them, overriding the above.
  for (const lexicon of lexicons) {
    for (const [word, weight] of Object.entries(lexicon.markers)) {
      const key = fold(word);
      const entry = { ...evidence.get(key) };
      entry[lexicon.language] = weight;
      evidence.set(key, entry);
    }
  }

  for (const word of NEUTRAL_WORDS) evidence.delete(word);
  const fuzzyWords = [...evidence.keys(), ...lexicons.flatMap((lexicon) => Object.keys(lexicon.languageNames))];
  return {
    lexicons,
    phrasesByFirstWord,
    prefixPhrases,
    evidence,
    fuzzy: new FuzzyIndex(fuzzyWords, [...fuzzyWords, ...intentWords.keys(), ...lexicons.flatMap((lexicon) => Object.keys(lexicon.numbers))]),
    trigrams: new TrigramModel(trigramTexts),
  };
}

// "sage-femme", "parler à quelqu'un=1.5": folded, split like messages are, optional weight after "=".
function compilePhrase(args: { entry: string; intent: IntentId; language: Language }): Phrase | undefined {
  const [text = '', weightText] = args.entry.split('=');
  const words = fold(text).split(/[^a-z0-9*]+/).filter((word) => word !== '');
  if (words.length === 0) return undefined;
  const weight = weightText === undefined ? 1 + 0.6 * (words.length - 1) : Number(weightText);
  return { intent: args.intent, language: args.language, words, weight };
}

