import { FLOW, type FlowId } from '../../conversation/flowIds.ts';
import { turnOfBot } from '../botkitBridge.ts';
import { adoptDetectedLanguage } from '../detectedLanguage.ts';
import type { Interrupt } from './Interrupt.ts';

/** MENU, asking for a person, EFFACER: each leaves the flow under way for its own. */
export const keywordFlows: Interrupt[] = (
  [
    ['menu', FLOW.menu],
    ['human', FLOW.person],
    ['delete_data', FLOW.deleteData],
  ] as const satisfies readonly (readonly [string, FlowId])[]
).map(([intent, flow]) => ({
  name: flow,
  matches: (message) => message.nlu.intent === intent,
  async handle(bot, message) {
    adoptDetectedLanguage(turnOfBot(bot), message);
    await bot.cancelAllDialogs();
    await bot.beginDialog(flow);
  },
}));
