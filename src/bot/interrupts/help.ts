import { prepareText } from '../../nlu/text.ts';
import { programQuestion } from '../../conversation/programQuestion.ts';
import { turnOfBot } from '../botkitBridge.ts';
import { adoptDetectedLanguage } from '../detectedLanguage.ts';
import type { Interrupt } from './Interrupt.ts';

const HELP_KEYWORDS = /^(help|aide|ayuda|ed|info)$/;

/** HELP answers and leaves the question under way open: the family can still answer it. */
export const help: Interrupt = {
  name: 'help',
  matches: (message) =>
    message.optOutType === 'HELP' ||
    (message.nlu.intent === 'help' &&
      // "c'est quand?" asks about the programs, whatever the intent model reads: the flow answers it.
      !programQuestion(message.text ?? '') &&
      // At first contact "busco ayuda" is a question for the notice and the menu; the bare keyword is HELP anywhere.
      (message.contact.languageConfirmed || HELP_KEYWORDS.test(prepareText(message.text ?? '').tokens.join(' ')))),
  async handle(bot, message) {
    // Twilio's Advanced Opt-Out has already sent the account's HELP answer: one is enough.
    if (message.optOutType === 'HELP') return;
    adoptDetectedLanguage(turnOfBot(bot), message);
    await bot.say('help.about');
  },
};
