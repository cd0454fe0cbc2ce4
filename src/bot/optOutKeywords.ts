// Twilio's opt-out and opt-in keywords, plus French, Spanish and Creole ones parents use.
// Only a whole message counts: "para mi hijo" is not an opt-out.
const STOP = new Set(['stop', 'stopall', 'unsubscribe', 'end', 'quit', 'revoke', 'optout', 'cancel', 'arret', 'arrete', 'para', 'kanpe', 'desabonner']);
const START = new Set(['start', 'unstop', 'yes', 'subscribe', 'optin', 'reprendre', 'kòmanse', 'komanse']);

/** "STOP" or "START" when the whole message is such a keyword. */
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
