import type { Language } from '../i18n.ts';
import { analyze, type NluResult } from '../nlu/index.ts';
import { prepareText } from '../nlu/text.ts';
import type { Expectation } from './expectationNames.ts';
import { languageChoice } from './languageChoice.ts';
import { profileFromEntities, type FamilyProfile } from './profile.ts';
import { readSmalltalk } from './smalltalk.ts';

/** What an answer to a question says: an outcome the flow maps to a thread, and what it taught us. */
export interface Answer {
  outcome: string;
  profile?: FamilyProfile;
  language?: Language;
  /** 1-based item picked from a list. */
  pick?: number;
}

export interface AnswerInput {
  text: string;
  nlu: NluResult;
  language: Language;
  /** `expect: choice`: the options in menu order. */
  options?: readonly string[];
  /** `expect: results`: how many programs the list showed. */
  listed?: number;
  now: Date;
}

/**
 * The kinds of answer a question may expect, the outcomes each can lead to (all must be mapped
 * by the flow, except `choice`, whose outcomes are its options), and how an answer is read.
 * Undefined means the answer was not understood.
 */
export const EXPECTATIONS = {
  yes_no: { outcomes: ['yes', 'no'], read: readYesNo },
  choice: { outcomes: [], read: readChoice },
  age: { outcomes: ['answered', 'pregnant', 'skip'], read: readAge },
  due_date: { outcomes: ['answered', 'skip'], read: readDueDate },
  place: { outcomes: ['answered', 'skip'], read: readPlace },
  language: { outcomes: ['answered'], read: readLanguage },
  results: { outcomes: ['pick', 'more', 'done', 'person'], read: readResults },
  /** "Was this useful?" under a program's details; another number gives another program. */
  feedback: { outcomes: ['yes', 'no', 'pick'], read: readFeedback },
} as const satisfies Record<Expectation, { outcomes: readonly string[]; read: (input: AnswerInput) => Answer | undefined }>;

export type { Expectation };

// Short answers the intent lists need not hold: "o", "ok", "dak", "sip", "nop".
const YES = new Set(['o', 'y', 'yes', 'yep', 'yeah', 'oui', 'ouais', 'ok', 'okay', 'si', 'sip', 'claro', 'wi', 'dakò', 'dako', 'dak', 'daccord', 'accepte', 'acepto', 'agree', 'accept', 'vale', 'bien', 'bon', 'parfait', 'sure']);
const NO = new Set(['n', 'no', 'non', 'nope', 'nah', 'pas', 'nop', 'nan', 'nada', 'refuse', 'rechazo']);
const SKIP = [
  'sais pas', 'sais plus', 'je ne sais', 'chai pas', 'jsais pas', 'jsais plus', 'jsai pas', 'pas sure', 'aucune idee', 'prefere pas', 'passe',
  'know', 'not sure', 'no idea', 'idk', 'dunno', 'rather not', 'skip',
  'no se', 'no lo se', 'ni idea', 'no tengo idea', 'no estoy segura', 'no estoy seguro', 'prefiero no',
  'pa konnen', 'pa konn', 'konn pa', 'poko konnen', 'poko konn', 'pa gen lide', 'pa vle di',
];
const MORE = new Set(['plus', 'more', 'mas', 'plis', 'autre', 'autres', 'other', 'others', 'otro', 'otros', 'lot', 'suivant', 'next', 'siguiente', 'encore', 'anko']);
const PREGNANT = /\b(enceinte|grossesse|pregnant|expecting|embarazada|embarazo|ansent|gwosès|gwoses|pas encore ne|not born|no ha nacido|poko fet)\b/;

function words(text: string): string[] {
  return prepareText(text).tokens;
}

function readYesNo({ text, nlu }: AnswerInput): Answer | undefined {
  // 👍, "ok", "d'accord": a yes. A thank-you is not one (the notice wants a clear yes): see `closing`.
  const talk = readSmalltalk(text, nlu);
  if (talk === 'ack') return { outcome: 'yes' };
  if (talk) return undefined;
  if (nlu.intent === 'yes') return { outcome: 'yes' };
  if (nlu.intent === 'no') return { outcome: 'no' };
  const first = words(text)[0];
  const joined = words(text).join('');
  if (first && (YES.has(first) || YES.has(joined))) return { outcome: 'yes' };
  if (first && (NO.has(first) || NO.has(joined))) return { outcome: 'no' };
  return undefined;
}

function readChoice({ text, options = [], language }: AnswerInput): Answer | undefined {
  const tokens = words(text);
  // 0 is "a person" in every menu that offers one (the flow maps `person`, or the answer is not understood).
  if (tokens.length === 1 && (tokens[0] === '0' || tokens[0] === 'zero')) return { outcome: 'person' };
  const nlu = analyze(text, { currentLanguage: language, menu: options });
  if (nlu.menuChoice !== undefined) return { outcome: options[nlu.menuChoice - 1] ?? '' };
  if (options.includes(nlu.intent)) return { outcome: nlu.intent, profile: profileFromEntities(nlu.entities) };
  if (nlu.intent === 'human') return { outcome: 'person' };
  return undefined;
}

function readAge({ text, nlu }: AnswerInput): Answer | undefined {
  const folded = prepareText(text).plain;
  const place = profileFromEntities(nlu.entities);
  delete place.ageMonths;
  const ages = nlu.entities.filter((entity) => entity.type === 'age');
  // The youngest child is the one most programs here are for; a family with several is asked again next time.
  if (ages.length > 0) return { outcome: 'answered', profile: { ...place, ageMonths: Math.min(...ages.map((age) => age.months)), pregnant: false } };
  if (PREGNANT.test(folded) || nlu.intent === 'prenatal') return { outcome: 'pregnant', profile: { ...place, pregnant: true } };
  // A bare number is years: "4", "4 ans" already came as an age.
  const tokens = words(text);
  if (tokens.length === 1 && /^\d{1,2}$/.test(tokens[0] ?? '') && Number(tokens[0]) <= 17) return { outcome: 'answered', profile: { ageMonths: Number(tokens[0]) * 12, pregnant: false } };
  if (isSkip(text, nlu)) return { outcome: 'skip' };
  return undefined;
}

function readDueDate({ text, nlu, language, now }: AnswerInput): Answer | undefined {
  const dated = analyze(text, { currentLanguage: language, expectDate: true, now });
  const date = dated.entities.find((entity) => entity.type === 'date');
  if (date) return { outcome: 'answered', profile: { dueDate: date.date, pregnant: true } };
  const age = dated.entities.find((entity) => entity.type === 'age');
  // "Il est né il y a 2 mois": the baby is here; programs for its age fit.
  if (age) return { outcome: 'answered', profile: { ageMonths: age.months, pregnant: false } };
  if (isSkip(text, nlu)) return { outcome: 'skip' };
  return undefined;
}

function readPlace({ text, nlu }: AnswerInput): Answer | undefined {
  const profile = profileFromEntities(nlu.entities);
  if (profile.neighbourhood || profile.postalCode) return { outcome: 'answered', profile: { neighbourhood: profile.neighbourhood, postalCode: profile.postalCode, noPlace: false } as FamilyProfile };
  if (isSkip(text, nlu)) return { outcome: 'skip', profile: { noPlace: true } };
  return undefined;
}

function readLanguage({ text, nlu }: AnswerInput): Answer | undefined {
  const picked = languageChoice(text) ?? nlu.requestedLanguage ?? confidentLanguage(nlu);
  return picked ? { outcome: 'answered', language: picked } : undefined;
}

function readResults({ text, nlu, listed = 0, language }: AnswerInput): Answer | undefined {
  const tokens = words(text);
  if (tokens.length === 1 && (tokens[0] === '0' || tokens[0] === 'zero')) return { outcome: 'person' };
  if (tokens.length > 0 && tokens.length <= 3 && tokens.some((token) => MORE.has(token))) return { outcome: 'more' };
  if (listed > 0) {
    const picked = analyze(text, { currentLanguage: language, menu: Array.from({ length: listed }, (_, i) => `item_${i + 1}`) }).menuChoice;
    if (picked !== undefined) return { outcome: 'pick', pick: picked };
  }
  if (nlu.intent === 'no' || nlu.intent === 'thanks' || readSmalltalk(text, nlu)) return { outcome: 'done' };
  return undefined;
}

function readFeedback(input: AnswerInput): Answer | undefined {
  const picked = readResults(input);
  if (picked?.outcome === 'pick') return picked;
  // "merci!", "gracias", 👍, "de rien" under a program's details: it was useful.
  if (readSmalltalk(input.text, input.nlu)) return { outcome: 'yes' };
  return readYesNo(input);
}

function isSkip(text: string, nlu: NluResult): boolean {
  if (nlu.intent === 'no') return true;
  const folded = words(text).join(' ');
  return SKIP.some((phrase) => folded === phrase || folded.includes(` ${phrase} `) || folded.startsWith(`${phrase} `) || folded.endsWith(` ${phrase}`));
}

/** The language a message is plainly written in, when NLU is confident of it. */
export function confidentLanguage(nlu: NluResult | undefined): Language | undefined {
  if (!nlu || nlu.foreignLanguage || !nlu.detectedLanguage) return undefined;
  return nlu.language === nlu.detectedLanguage && nlu.languageConfidence >= 0.5 ? nlu.detectedLanguage : undefined;
}
