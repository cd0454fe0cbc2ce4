import type { Botkit, BotkitMessage, BotWorker } from 'botkit';
import type { Database } from '../db/Database.ts';
import type { Logger } from '../log.ts';
import type { OfficeHours } from '../handoff/officeHours.ts';
import type { TurnAdapter } from '../turn/channelData.ts';
import { compileFlow } from '../conversation/compileFlow.ts';
import type { Flow } from '../conversation/flowSchema.ts';
import type { FlowRuntime } from '../conversation/actions.ts';
import { TurnBot, renderReply, turnOfBot } from '../turn/botkitBridge.ts';
import type { FamilyMessage } from '../turn/family.ts';
import { firstContact } from './firstContact.ts';
import { INTERRUPTS, type Interrupt, type InterruptDeps } from './interrupts/index.ts';
import { nluMiddleware } from './nluMiddleware.ts';

export interface CreateBotOptions {
  db: Database;
  adapter: TurnAdapter;
  log: Logger;
  /**
   * The flows (`loadFlows`), read and validated by the caller: the processing thread gets them
   * from the web thread, and never loads the YAML parser or zod (issue 15).
   */
  flows: readonly Flow[];
  now?: () => Date;
  officeHours: OfficeHours;
  /** SMS go out spelled in GSM-7 (`SMS_GSM7`): the crisis answer is fitted to 3 segments on that spelling. */
  gsm7ForSms?: boolean;
}

/**
 * The Botkit controller, assembled: the NLU reads each message (receive middleware), the
 * interrupts answer what works from any point of any flow (`interrupts/index.ts`, in order of
 * urgency), the dialogs compiled from `flows/*.yaml` answer the rest, and a message with no flow
 * under way starts one (`firstContact`). Replies are i18n keys, rendered in the family's language
 * by the send middleware (`renderReply`).
 */
export function createBot(options: CreateBotOptions): Botkit {
  const { db, adapter, log, gsm7ForSms = true } = options;
  const controller = new TurnBot({ adapter, disable_webserver: true, disable_console: true });
  const runtime: FlowRuntime = { db, log, now: options.now ?? (() => new Date()), officeHours: options.officeHours };
  const deps: InterruptDeps = { runtime, log, gsm7ForSms };
  for (const flow of options.flows) controller.addDialog(compileFlow(flow, controller, runtime));

  controller.middleware.receive.use(nluMiddleware(runtime.now));
  controller.middleware.send.use(renderReply);
  // One Botkit interrupt for all of them: Botkit awaits each trigger's test in turn (a generator and
  // promises apiece, for tests that are plain conditions), and the first that matches answers either way.
  const matched = new WeakMap<BotkitMessage, Interrupt>();
  controller.interrupts(
    async (message: BotkitMessage) => {
      const interrupt = INTERRUPTS.find((each) => each.matches(message as FamilyMessage));
      if (interrupt) matched.set(message, interrupt);
      return interrupt !== undefined;
    },
    'message',
    guarded(log, (bot, message) => matched.get(message)!.handle(bot, message, deps)),
  );
  controller.on('message', guarded(log, firstContact));
  return controller;
}

/**
 * Botkit hangs a turn whose handler throws: log, and mark the turn failed so the TurnRunner
 * throws it away (nothing written) and retries it.
 */
function guarded(log: Logger, handler: (bot: BotWorker, message: FamilyMessage) => Promise<void>) {
  return async (bot: BotWorker, message: BotkitMessage): Promise<void> => {
    try {
      await handler(bot, message as FamilyMessage);
    } catch (error) {
      log.error({ err: error }, 'bot: handler failed');
      turnOfBot(bot).fail(error);
    }
  };
}
