import type { BotWorker } from 'botkit';
import type { Logger } from '../../log.ts';
import type { FlowRuntime } from '../../conversation/actions.ts';
import type { FamilyMessage } from '../family.ts';

/** What interrupts use from the running app. */
export interface InterruptDeps {
  runtime: FlowRuntime;
  log: Logger;
  /** SMS go out spelled in GSM-7 (`SMS_GSM7`): the crisis answer is fitted to 3 segments on that spelling. */
  gsm7ForSms: boolean;
}

/**
 * Something that works from any point of any flow: when `matches` says the message is for it,
 * `handle` answers instead of the flow under way (the flow does not see the message).
 */
export interface Interrupt {
  /** For logs and tests. */
  name: string;
  matches(message: FamilyMessage): boolean;
  handle(bot: BotWorker, message: FamilyMessage, deps: InterruptDeps): Promise<void>;
}
