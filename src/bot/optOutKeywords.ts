import { fold } from '../domain/fold.ts';
import { TWILIO_OPT_IN_KEYWORDS, TWILIO_OPT_OUT_KEYWORDS } from '../domain/keywords.ts';

// Twilio's own opt-out and opt-in keywords: on SMS, Twilio blocks or resumes the number on these
// whatever the bot does. Everything else that asks to stop ("ARRÊT", "PARA", "KANPE", "arrêtez de
// m'écrire svp") is read by the NLU (intent `stop` / `start`), from the same keyword table.
// Only a whole message counts: "para mi hijo" is not an opt-out.
const STOP = new Set<string>(TWILIO_OPT_OUT_KEYWORDS);
const START = new Set<string>(TWILIO_OPT_IN_KEYWORDS);

/** "STOP" or "START" when the whole message is one of Twilio's keywords. */
export function optOutKeyword(text: string): 'STOP' | 'START' | undefined {
  const word = fold(text).replace(/[^a-z]+/g, '');
  if (STOP.has(word)) return 'STOP';
  if (START.has(word)) return 'START';
  return undefined;
}
