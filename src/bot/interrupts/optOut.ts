import { turnOfBot } from '../../turn/botkitBridge.ts';
import type { FamilyMessage } from '../../turn/family.ts';
import { adoptDetectedLanguage } from '../detectedLanguage.ts';
import { optOutKeyword } from '../optOutKeywords.ts';
import type { Interrupt } from './Interrupt.ts';

/** Opt-out (STOP and what the NLU reads as one), opt-in for a family that opted out, and silence for it meanwhile. */
export const optOut: Interrupt = {
  name: 'opt_out',
  matches(message) {
    // START, YES…: an opt-in only for a family that opted out; otherwise "yes" answers the question asked.
    return optOutRequest(message) === 'STOP' || message.contact?.optedOut === true;
  },
  async handle(bot, message, { runtime }) {
    const keyword = optOutRequest(message);
    const contact = message.contact;
    const turn = turnOfBot(bot);
    // "PARA" or "KANPE" as a first message says which language the confirmation must be in. Not START
    // or YES: Twilio's English keywords, which every family uses, say nothing of its language.
    if (keyword === 'STOP') adoptDetectedLanguage(turn, message);
    if (keyword === 'STOP' && !contact.optedOut) {
      await bot.cancelAllDialogs();
      turn.updateContact({ optedOut: true, optedOutAt: runtime.now() });
      // Twilio's Advanced Opt-Out already confirmed by SMS when it classified the message.
      if (!message.optOutType) await bot.say({ text: 'optout.confirmed', channelData: { transactional: true } });
    } else if (keyword === 'START' && contact.optedOut) {
      turn.updateContact({ optedOut: false, optedOutAt: null });
      if (!message.optOutType) await bot.say('optout.resumed');
    }
    // Any other message from an opted-out family: stay silent.
  },
};

/**
 * What the message asks of the subscription: Twilio's classification, Twilio's own keywords, or
 * the NLU's reading (`stop`: "Stop. Merci", "arrêtez de m'écrire", "ya no quiero mensajes").
 */
function optOutRequest(message: FamilyMessage): 'STOP' | 'START' | undefined {
  if (message.optOutType === 'STOP' || message.optOutType === 'START') return message.optOutType;
  const keyword = optOutKeyword(message.text ?? '');
  if (keyword) return keyword;
  // "8 mois", "H2S 1A1" answer a question, whatever the intent model reads in them: an opt-out carries no age, number, date or place.
  if (message.nlu.intent === 'stop' && message.nlu.entities.length === 0) return 'STOP';
  if (message.nlu.intent === 'start') return 'START';
  return undefined;
}
