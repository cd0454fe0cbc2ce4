import { describeAnswerTime } from '../../handoff/describeAnswerTime.ts';
import { turnOfBot } from '../botkitBridge.ts';
import { crisisAnswer } from '../crisisAnswer.ts';
import { adoptDetectedLanguage } from '../detectedLanguage.ts';
import { familyLanguage } from '../family.ts';
import type { Interrupt } from './Interrupt.ts';

/** A family in danger gets the emergency numbers before anything else, in its language, and the team is alerted (urgent). */
export const crisis: Interrupt = {
  name: 'crisis',
  matches: (message) => message.nlu.intent === 'crisis',
  async handle(bot, message, { runtime, log, gsm7ForSms }) {
    const turn = turnOfBot(bot);
    adoptDetectedLanguage(turn, message);
    // The lines that fit the kind of crisis, from the directory; then that a person will write back, with an honest time from the office hours.
    const language = familyLanguage(message.contact);
    const when = describeAnswerTime(runtime.officeHours, runtime.now(), language);
    const channel = message.contact.channel === 'whatsapp' ? 'whatsapp' : 'sms';
    const text = await crisisAnswer({ db: runtime.db, log, kind: message.nlu.crisisKind ?? 'violence', language, when, channel, gsm7: gsm7ForSms });
    await bot.say({ text, channelData: { transactional: true } });
    turn.requestHandoff({ reason: 'crisis', priority: 2 });
  },
};
