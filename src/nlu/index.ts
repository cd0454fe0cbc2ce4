import { classifyIntent, modelInput } from './classifyIntent.ts';
import { detectLanguage } from './detectLanguage.ts';
import type { LanguageGuess } from './detectLanguage.ts';
import { extractEntities } from './entities.ts';
import { menuChoice } from './menuChoice.ts';
import { MODELS } from './models.ts';
import type { NluModels } from './models.ts';
import { findNeighbourhoods } from './neighbourhoods.ts';
import { findPostalCodes } from './postalCodes.ts';
import { requestedLanguage } from './requestedLanguage.ts';
import { originalSpan, prepareText, tokenize } from './text.ts';
import { LANGUAGES } from './types.ts';
import type { CrisisKind, IntentId, Language, NluEntity } from './types.ts';

export type { CrisisKind, IntentId, Language, NluEntity } from './types.ts';
export { CRISIS_KINDS, LANGUAGES } from './types.ts';
export { NEIGHBOURHOODS, neighbourhoodForFsa } from './neighbourhoods.ts';


export interface AnalyzeOptions {
  /** The contact's remembered language (default 'fr'). */
  currentLanguage?: Language;
  /** Only then run the (slow) recognizers-text date model. */
  expectDate?: boolean;
  /** Options of the menu the bot just showed: "2", "deux", "two", "de" pick menu[1]. */
  menu?: readonly string[];
  /** Injected clock: dates are resolved into the future relative to it. */
  now?: Date;
  /** Other statistical models than the shipped ones (cross-validation in `npm run nlu:train -- --cv`). */
  models?: NluModels;
}

export interface NluResult {
  /** Language to answer in: detected when confident, else the current language. */
  language: Language;
  /** 0..1 for the detected language. */
  languageConfidence: number;
  /** Best guess even when not confident; null with nothing to go on (digits, emoji). */
  detectedLanguage: Language | null;
  /** Explicit request: "in English please", "en español", "an kreyòl", a language menu pick. */
  requestedLanguage?: Language;
  /** Clearly another language (Arabic, Portuguese…): the bot shows the four-language menu. */
  foreignLanguage?: boolean;
  intent: IntentId;
  confidence: number;
  /** With intent `crisis`: the kind of danger, which decides the lines the family is given. */
  crisisKind?: CrisisKind;
  /**
   * Not read as a crisis, but too close to one (the models' P(crisis) between the thresholds in
   * `THRESHOLDS`): the bot answers what was asked and puts a person in touch at once.
   */
  possibleCrisis?: boolean;
  /** 1-based option picked from `options.menu`. */
  menuChoice?: number;
  entities: NluEntity[];
}

const NEEDS_INTENTS = new Set<IntentId>(['prenatal', 'breastfeeding', 'camp', 'school_readiness', 'childcare', 'housing', 'basic_needs', 'newcomer', 'events', 'crisis']);
// A detected language replaces the remembered one only on this much evidence.
const SWITCH_CONFIDENCE = 0.5;
// An SMS is at most 1,600 characters; anything longer is not a parent's message.
const MAX_LENGTH = 2000;
const INTENTS = new Set<string>([
  'prenatal', 'breastfeeding', 'camp', 'school_readiness', 'childcare', 'housing', 'basic_needs', 'newcomer', 'events',
  'human', 'crisis', 'stop', 'start', 'help', 'menu', 'change_language', 'delete_data', 'greeting', 'thanks', 'yes', 'no',
  'unknown',
]);

/**
 * Language, intent and details of one inbound message. Synchronous and never throws: input it
 * cannot read yields `unknown` in the contact's current language.
 */
export function analyze(text: string, options: AnalyzeOptions = {}): NluResult {
  const current = LANGUAGES.includes(options.currentLanguage as Language) ? (options.currentLanguage as Language) : 'fr';
  // Without a date to read or other models, the result depends on the text, the language and the
  // menu alone: a text analysed a moment ago (by another family) is answered from `recent`.
  const key = typeof text === 'string' && text.length <= RECENT_TEXT_LENGTH && !options.expectDate && !options.models
    ? `${current}\u0000${options.menu ? options.menu.join('\u0001') : ''}\u0000${text}`
    : undefined;
  const known = key === undefined ? undefined : recent.get(key);
  if (known) return copyResult(known);
  let result: NluResult;
  try {
    result = analyzeMessage(typeof text === 'string' ? text : '', options, current);
  } catch {
    result = { language: current, languageConfidence: 0, detectedLanguage: null, intent: 'unknown', confidence: 0, entities: [] };
  }
  if (key !== undefined) recent.set(key, copyResult(result));
  return result;
}

/** Texts this long at most are remembered (an SMS segment is 160 characters; replies to a menu are a few). */
const RECENT_TEXT_LENGTH = 160;

/**
 * The results of texts analysed in the last 30 to 60 s, at most 2 × 1,000: families answering the
 * same broadcast or menu send the same few texts ("oui", "1", "merci", "STOP"), each read from
 * scratch in about 0.1 ms of CPU. Two generations, the older dropped every 30 s (or once the newer
 * holds 1,000): a text no one sent again is forgotten within a minute, and nothing ties a text to
 * the family that sent it. Both are emptied 60 s after the last text remembered, so a quiet
 * instance keeps none (a timer that does not keep the process alive).
 */
export class RecentAnalyses {
  private current = new Map<string, NluResult>();
  private previous = new Map<string, NluResult>();
  private startedAt = performance.now();
  private forget: NodeJS.Timeout | undefined;

  constructor(
    private readonly maxEntries = 1000,
    private readonly generationMs = 30_000,
  ) {}

  get(key: string): NluResult | undefined {
    this.age();
    const found = this.current.get(key);
    if (found !== undefined) return found;
    const older = this.previous.get(key);
    if (older !== undefined) this.set(key, older);
    return older;
  }

  set(key: string, result: NluResult): void {
    this.age();
    if (this.current.size >= this.maxEntries) this.rotate(performance.now());
    this.current.set(key, result);
    // Re-armed by each text (a few µs), so it fires only once texts stop coming.
    clearTimeout(this.forget);
    this.forget = setTimeout(() => this.clear(), 2 * this.generationMs);
    this.forget.unref();
  }

  /** Forgets every text. */
  clear(): void {
    this.current.clear();
    this.previous.clear();
    this.startedAt = performance.now();
  }

  private age(): void {
    const now = performance.now();
    if (now - this.startedAt < this.generationMs) return;
    // Two generations or more since the last rotation: nothing in either is recent.
    if (now - this.startedAt >= 2 * this.generationMs) this.current.clear();
    this.rotate(now);
  }

  private rotate(now: number): void {
    this.previous = this.current;
    this.current = new Map();
    this.startedAt = now;
  }
}

const recent = new RecentAnalyses();

/** A result callers may change without changing the remembered one. */
function copyResult(result: NluResult): NluResult {
  return { ...result, entities: result.entities.map((entity) => ({ ...entity })) };
}

function analyzeMessage(raw: string, options: AnalyzeOptions, current: Language): NluResult {
  const { cleaned, text, places, tokens } = prepareMessage(raw);
  const models = options.models ?? MODELS;
  const guess = refineLanguage(detectLanguage({ tokens, lowered: cleaned.toLowerCase() }), tokens, models);
  const classified = classifyIntent(tokens, models);
  let intent = classified.intent;
  let confidence = classified.confidence;
  let requested = requestedLanguage({ tokens, asksToChange: (classified.scores.get('change_language') ?? 0) > 0 || classified.intent === 'change_language' });
  // An explicit request answers "LANGUAGE", "English?"; a question that names a language ("a doula
  // who speaks English") keeps its topic.
  // The statistical model may take "I'd rather continue in English please" for a request for a person;
  // the lexicons' change-of-language phrase with a language named is the more precise reading.
  const lexicalRequest = (classified.scores.get('change_language') ?? 0) > 0 && (classified.scores.get('human') ?? 0) === 0 && !NEEDS_INTENTS.has(intent);
  if (requested && (lexicalRequest || ['unknown', 'help', 'menu', 'greeting', 'thanks', 'yes', 'no', 'change_language'].includes(intent))) {
    intent = 'change_language';
    confidence = Math.max(confidence, 0.9);
  } else if (requested && NEEDS_INTENTS.has(intent)) {
    // A need that names a language ("my son starts in a French school", "a doula who speaks English")
    // is answered in the language it is written in.
    requested = undefined;
  }
  // Words of another language only look like ours by accident ("ajuda" is not "ayuda").
  if (guess.foreign && intent !== 'crisis') intent = 'unknown';

  let choice: number | undefined;
  if (options.menu && options.menu.length > 0 && !['crisis', 'stop', 'human'].includes(intent)) {
    choice = menuChoice(tokens, options.menu.length);
    const option = choice === undefined ? undefined : options.menu[choice - 1];
    if (option !== undefined && LANGUAGES.includes(option as Language)) {
      requested = option as Language;
      intent = 'change_language';
      confidence = 0.95;
    } else if (option !== undefined && INTENTS.has(option)) {
      intent = option as IntentId;
      confidence = 0.95;
    }
  }

  let language = current;
  if (requested) language = requested;
  // A menu pick ("2", "dos", "de") says nothing about the language the parent reads.
  else if (choice === undefined && !guess.foreign && guess.detected && guess.confidence >= SWITCH_CONFIDENCE) language = guess.detected;
  const entities = extractEntities({ text, language, expectDate: options.expectDate === true, now: options.now ?? new Date(), places, ageModel: models?.ages });

  const result: NluResult = {
    language,
    languageConfidence: guess.confidence,
    detectedLanguage: guess.detected,
    intent,
    confidence: intent === 'unknown' ? 0 : confidence,
    entities,
  };
  if (intent === 'crisis') result.crisisKind = classified.crisisKind ?? 'violence';
  else if (classified.possibleCrisis) result.possibleCrisis = true;
  if (requested) result.requestedLanguage = requested;
  if (guess.foreign) result.foreignLanguage = true;
  if (choice !== undefined) result.menuChoice = choice;
  return result;
}

// The word-list detector is right when it is sure; where it hesitates, the language model trained on
// parents' messages answers if it is sure itself and has two words or more to go on (a lone "ok" or
// "STOP" never changes the family's language).
const DETECTOR_SURE = 0.6;
const MODEL_SURE = 0.8;

function refineLanguage(guess: LanguageGuess, tokens: readonly string[], models: NluModels | undefined): LanguageGuess {
  if (!models || guess.foreign || guess.confidence >= DETECTOR_SURE) return guess;
  const input = modelInput(tokens);
  if (!input.includes(' ')) return guess;
  const [language, probability] = [...models.language.scores(input).entries()].reduce((a, b) => (b[1] > a[1] ? b : a));
  if (probability < MODEL_SURE || !LANGUAGES.includes(language as Language)) return guess;
  return { detected: language as Language, confidence: Math.max(guess.confidence, round2(probability - 0.3)), foreign: false };
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

/**
 * A message made ready for the matchers and the models: cleaned, folded, its places found and
 * masked out of the words ("Parc-Ex" is not about parks), so training and analysis see the same input.
 */
export function prepareMessage(raw: string): { cleaned: string; text: ReturnType<typeof prepareText>; places: ReturnType<typeof findPlaces>; tokens: string[] } {
  // Control characters and stray surrogates become spaces: they only ever come from broken clients.
  const cleaned = sanitize(raw.slice(0, MAX_LENGTH));
  const text = prepareText(cleaned);
  const places = findPlaces(text);
  let masked = text.plain;
  for (const place of places) masked = masked.slice(0, place.start) + ' '.repeat(place.end - place.start) + masked.slice(place.end);
  return { cleaned, text, places, tokens: tokenize(masked).tokens };
}

function findPlaces(text: ReturnType<typeof prepareText>): { start: number; end: number; entity: NluEntity }[] {
  const postal = findPostalCodes(text.plain).map((code) => ({
    start: code.start,
    end: code.end,
    entity: { type: 'postal_code', text: originalSpan(text, code.start, code.end), fsa: code.fsa, neighbourhood: code.neighbourhood } as NluEntity,
  }));
  const names = findNeighbourhoods(text.plain)
    .filter((name) => !postal.some((code) => name.start < code.end && name.end > code.start))
    .map((name) => ({
      start: name.start,
      end: name.end,
      entity: { type: 'neighbourhood', text: originalSpan(text, name.start, name.end), neighbourhood: name.neighbourhood } as NluEntity,
    }));
  return [...postal, ...names];
}

function sanitize(text: string): string {
  let out = '';
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    const control = code < 0x20 || (code >= 0x7f && code <= 0x9f);
    const loneSurrogate = code >= 0xd800 && code <= 0xdfff && !isPair(text, index);
    out += control || loneSurrogate ? ' ' : text[index];
  }
  return out;
}

function isPair(all: string, index: number): boolean {
  const code = all.charCodeAt(index);
  if (code >= 0xd800 && code <= 0xdbff) return (all.charCodeAt(index + 1) & 0xfc00) === 0xdc00;
  if (code >= 0xdc00 && code <= 0xdfff) return (all.charCodeAt(index - 1) & 0xfc00) === 0xd800;
  return false;
}
