// Twilio's own opt-out and opt-in keywords (Advanced Opt-Out's defaults): on SMS, Twilio blocks or
// resumes the number on these whatever the bot does, so the bot must agree with it word for word.
// Everything else that asks to stop ("ARRÊT", "PARA", "KANPE", "arrêtez de m'écrire svp") is read
// by the NLU (intent `stop` / `start`). Only a whole message counts: "para mi hijo" is not an opt-out.
const STOP = new Set(['stop', 'stopall', 'unsubscribe', 'end', 'quit', 'revoke', 'optout', 'cancel']);
const START = new Set(['start', 'unstop', 'yes', 'subscribe', 'optin']);

/** "STOP" or "START" when the whole message is one of Twilio's keywords. */
export function optOutKeyword(text: string): 'STOP' | 'START' | undefined {
  const word = text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z]+/g, '');
  if (STOP.has(word)) return 'STOP';
  if (START.has(word)) return 'START';
  return undefined;
}
