import { FLOW } from '../../conversation/flowIds.ts';
import { askAgain, turnOfBot } from '../botkitBridge.ts';
import { pendingOf } from '../pendingQuestion.ts';
import type { Interrupt } from './Interrupt.ts';

/** LANGUE, LANGUAGE, IDIOMA, LANG, "in English please", "an kreyòl"…: all read by the NLU. */
export const changeLanguage: Interrupt = {
  name: 'change_language',
  // "2 ans" answers the age asked, whatever the intent model reads in it: a bare language request carries no age or place.
  matches: (message) => message.nlu.intent === 'change_language' && (Boolean(message.nlu.requestedLanguage) || message.nlu.entities.length === 0),
  async handle(bot, message) {
    const requested = message.nlu.requestedLanguage;
    if (requested) {
      turnOfBot(bot).updateContact({ language: requested, languageConfirmed: true });
      await bot.say('welcome.language_set');
      // Consent, profile and the flow under way are kept: the question waiting is asked again in the new language.
      if (await askAgain(bot)) return;
      if (!message.contact.consentAt) await bot.beginDialog(FLOW.welcome, pendingOf(message));
      return;
    }
    await bot.cancelAllDialogs();
    await bot.beginDialog(FLOW.language, pendingOf(message));
  },
};
