import { FLOW } from '../../conversation/flowIds.ts';
import { askAgain } from '../botkitBridge.ts';
import { messageKind } from '../messageKind.ts';
import { pendingOf } from '../pendingQuestion.ts';
import type { Interrupt } from './Interrupt.ts';

/**
 * A photo, voice note, sticker, contact card… with nothing typed: asked politely to type, and the
 * question waiting asked again (briefly). Never a misunderstanding: the flow does not see it.
 */
export const media: Interrupt = {
  name: 'media',
  matches: (message) => messageKind(message) === 'media',
  async handle(bot, message) {
    if (await askAgain(bot, { brief: true, before: 'media.type_answer' })) return;
    // A first message: the four-language menu finds the family's language first.
    if (!message.contact.languageConfirmed) return void (await bot.beginDialog(FLOW.language, pendingOf(message)));
    await bot.say('media.text_only');
  },
};
