import { FLOW } from '../../conversation/flowIds.ts';
import { pendingOf } from '../pendingQuestion.ts';
import type { Interrupt } from './Interrupt.ts';

/** A message in a language we do not speak (Portuguese, Arabic…): the four-language menu, from anywhere. */
export const foreignLanguage: Interrupt = {
  name: 'foreign_language',
  matches: (message) => message.nlu.foreignLanguage === true && message.nlu.intent !== 'crisis',
  async handle(bot, message) {
    await bot.cancelAllDialogs();
    await bot.beginDialog(FLOW.language, pendingOf(message));
  },
};
