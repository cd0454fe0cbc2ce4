import { describeAnswerTime } from '../../handoff/describeAnswerTime.ts';
import { turnOfBot } from '../botkitBridge.ts';
import { adoptDetectedLanguage } from '../detectedLanguage.ts';
import { familyLanguage } from '../family.ts';
import type { Interrupt } from './Interrupt.ts';

// Intents with a flow of their own, which a possible crisis does not replace (a person, STOP, a language…).
const OWN_FLOW_INTENTS = new Set(['stop', 'start', 'human', 'change_language', 'delete_data']);

/**
 * Not sure enough for the emergency answer, too close to a crisis for a menu: 911 if anyone is in
 * danger, and a person of the team at once (high priority), rather than the flow's next question.
 */
export const possibleCrisis: Interrupt = {
  name: 'possible_crisis',
  matches: (message) => message.nlu.possibleCrisis === true && !OWN_FLOW_INTENTS.has(message.nlu.intent),
  async handle(bot, message, { runtime }) {
    const turn = turnOfBot(bot);
    adoptDetectedLanguage(turn, message);
    const when = describeAnswerTime(runtime.officeHours, runtime.now(), familyLanguage(message.contact));
    await bot.cancelAllDialogs();
    await bot.say({ text: 'crisis.possible', channelData: { transactional: true, vars: { when } } });
    turn.requestHandoff({ reason: 'possible_crisis', priority: 1 });
  },
};
