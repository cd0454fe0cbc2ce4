import { fold } from '../domain/fold.ts';
import type { Language } from '../i18n.ts';

const BY_NUMBER: Record<string, Language> = { '1': 'fr', '2': 'en', '3': 'es', '4': 'ht' };

// Language names as parents type them, accents and case removed.
const BY_NAME: [RegExp, Language][] = [
  [/^(francais|french|frances|franse|fr)$/, 'fr'],
  [/^(english|anglais|ingles|angle|en|eng)$/, 'en'],
  [/^(espanol|spanish|espagnol|espanyol|panyol|es|esp)$/, 'es'],
  [/^(kreyol|creole|creol|kreol|criollo|haitian|haitien|ht)$/, 'ht'],
];

/** The language a reply to the numbered language menu picks, or undefined. */
export function languageChoice(text: string): Language | undefined {
  const folded = fold(text)
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
  if (BY_NUMBER[folded]) return BY_NUMBER[folded];
  return BY_NAME.find(([pattern]) => pattern.test(folded))?.[1];
}
