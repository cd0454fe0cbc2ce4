import { classifyIntent } from '../nlu/classifyIntent.ts';
import { prepareText } from '../nlu/text.ts';
import { needOf } from '../domain/needs.ts';

/**
 * Needs families ask about that the directory does not cover (it lists the neighbourhood partners'
 * programs for young families, not health care, legal help or jobs). A family asking for one is
 * told plainly, offered a person, and the ask is recorded as an `unmet_need` contact event, so the
 * neighbourhood tables see what families ask for that nobody offers. Words are folded (lower case,
 * no accents); `word*` matches any ending; a phrase matches consecutive words.
 */
export const UNLISTED_NEEDS = {
  dentist: ['dentist*', 'dentiste*', 'dentista*', 'dantis', 'teeth', 'dents', 'dientes', 'odontolog*', 'orthodont*', 'doktè dan', 'dokte dan'],
  doctor: [
    'medecin*', 'docteur', 'doctor', 'doctors', 'pediatre*', 'pediatrician*', 'pediatra*', 'doktè', 'dokte', 'family doctor', 'gp',
    'medico', 'medica',
  ],
  lawyer: ['avocat*', 'lawyer*', 'abogad*', 'avoka', 'aide juridique', 'legal aid', 'asistencia legal', 'ayuda legal', 'notaire', 'notary', 'notario'],
  job: ['emploi*', 'job', 'jobs', 'djob', 'travail', 'trabajo', 'empleo*', 'travay', 'chomage', 'unemployment', 'desempleo', 'cv', 'resume'],
} as const;

export type UnlistedNeed = keyof typeof UNLISTED_NEEDS;
export const UNLISTED_NEED_IDS = Object.keys(UNLISTED_NEEDS) as UnlistedNeed[];

/** One word of a phrase: `prefix` when it ended in `*` and matches any ending. */
interface PatternWord {
  text: string;
  prefix: boolean;
}

const PATTERNS: { need: UnlistedNeed; words: PatternWord[] }[] = UNLISTED_NEED_IDS.flatMap((need) =>
  UNLISTED_NEEDS[need].map((phrase) => ({
    need,
    words: prepareText(phrase).tokens.map((text, index, all) => ({ text, prefix: phrase.endsWith('*') && index === all.length - 1 })),
  })),
);

/** The need outside the directory that `text` asks about ("un dentiste pour mon fils" → "dentist"), if any. */
export function unlistedNeed(text: string): UnlistedNeed | undefined {
  const tokens = prepareText(text).tokens;
  // Plain loops: this runs on every message, and a closure per word position was a tenth of what
  // the processing thread allocated under load.
  for (const { need, words } of PATTERNS) {
    for (let start = 0; start + words.length <= tokens.length; start++) {
      if (matchesAt(tokens, start, words)) return need;
    }
  }
  return undefined;
}

// Below this confidence, the NLU's guess of a listed need yields to a need the message names plainly ("yon dantis").
const CONFIDENT_NEED = 0.6;
// At or above this the model's reading of a listed need stands even when only the unlisted need is named.
const SURE_NEED = 0.95;

/**
 * The need outside the directory a message asks about, unless the NLU confidently read one of the
 * directory's needs in it and the message names that need too ("un dentiste et une garderie" is a
 * childcare question). A need the statistical model alone guessed, and not all but surely ("a dentist
 * for my 3 yr old" read as school readiness at 0.92), yields to the one the message names.
 */
export function unlistedNeedAsked(text: string, nlu: { intent: string; confidence: number }): UnlistedNeed | undefined {
  const unlisted = unlistedNeed(text);
  if (!unlisted) return undefined;
  if (needOf(nlu.intent) === undefined || nlu.confidence < CONFIDENT_NEED) return unlisted;
  // The listed need stands when the message names it too, or the model is all but sure of it ("une
  // place pour mon bébé pendant que je suis au travail": childcare at 0.99, whatever "travail" says).
  return nlu.confidence >= SURE_NEED || needOf(classifyIntent(prepareText(text).tokens).intent) !== undefined ? undefined : unlisted;
}

function matchesAt(tokens: string[], start: number, words: PatternWord[]): boolean {
  for (let offset = 0; offset < words.length; offset++) {
    const token = tokens[start + offset]!;
    const word = words[offset]!;
    if (word.prefix ? !token.startsWith(word.text) : token !== word.text) return false;
  }
  return true;
}
