import { FLOW } from '../../conversation/flowIds.ts';
import { describeAnswerTime } from '../../handoff/describeAnswerTime.ts';
import { turnOfBot } from '../../turn/botkitBridge.ts';
import { familyLanguage } from '../../turn/family.ts';
import { handoffPriority, turnOf } from '../../turn/TurnUnit.ts';
import { adoptDetectedLanguage } from '../detectedLanguage.ts';
import type { Interrupt } from './Interrupt.ts';

/**
 * MENU (MENÚ, MENI, or the menu asked for in a sentence) while the family's request for a person
 * still waits, nobody of the team having claimed it: the family gets the bot back, with its main
 * menu. A request that is not urgent is withdrawn (resolved by the family, as a worker's hand-back
 * resolves one: recorded and announced to the console), and the family told it can ask again with
 * PERSON; an urgent one (a crisis) stays in the queue, and the family told a person will still
 * write. A family that never answered the privacy notice gets the notice instead of the menu (the
 * menu after its answer). Once a worker has claimed the conversation, MENU is for the worker (heldByTeam).
 */
export const menuWhileWaiting: Interrupt = {
  name: 'menu_while_waiting',
  matches: (message) => {
    if (message.nlu.intent !== 'menu') return false;
    const handoff = turnOf(message.context).openHandoff;
    return handoff?.status === 'waiting' && !handoff.botAnswers;
  },
  async handle(bot, message, { runtime }) {
    const turn = turnOfBot(bot);
    const handoff = turn.openHandoff!;
    adoptDetectedLanguage(turn, message);
    await bot.cancelAllDialogs();
    // A family that asked for a person before answering the privacy notice gets the notice first
    // (its yes or no, then the menu), as at a first contact: nothing of it is kept before a yes.
    const next = message.contact.consentAt ? FLOW.menu : FLOW.welcome;
    if (handoff.priority >= handoffPriority('urgent')) {
      turn.backToBot = { handoffId: handoff.id, outcome: 'kept' };
      const when = describeAnswerTime(runtime.officeHours, runtime.now(), familyLanguage(message.contact));
      await bot.beginDialog(next, { _before: 'person.still_coming', when });
    } else {
      turn.backToBot = { handoffId: handoff.id, outcome: 'withdrawn' };
      await bot.beginDialog(next, { _before: 'person.withdrawn' });
    }
  },
};
