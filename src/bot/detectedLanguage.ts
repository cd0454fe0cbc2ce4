import { prepareText } from '../nlu/text.ts';
import { confidentLanguage } from '../conversation/expectations.ts';
import type { FamilyMessage } from './family.ts';
import type { TurnUnit } from './TurnUnit.ts';

/**
 * A family that writes plainly in another of our languages is answered in it from now on. Once
 * its language is known, only a sentence can change it: HELP, MENU, STOP, OK, PERSON are the same
 * keyword in every language and say nothing of the language the family reads.
 */
export function adoptDetectedLanguage(turn: TurnUnit, message: FamilyMessage): void {
  if (message.contact.languageConfirmed && !isSentence(message.text ?? '')) return;
  const detected = confidentLanguage(message.nlu);
  if (detected && detected !== message.contact.language) turn.updateContact({ language: detected, languageConfirmed: true });
}

/** Three words or more: enough to tell a language from. */
export function isSentence(text: string): boolean {
  return prepareText(text).tokens.filter((token) => /\p{L}/u.test(token)).length >= 3;
}
