import { Botkit, type BotkitMessage, type BotWorker } from 'botkit';
import type { Activity, TurnContext } from 'botbuilder';
import type { DialogContext } from 'botbuilder-dialogs';
import type { Database } from '../db/Database.ts';
import type { Logger } from '../log.ts';
import type { OfficeHours } from '../handoff/officeHours.ts';
import type { TwilioAdapter } from '../channels/twilio/TwilioAdapter.ts';
import { isTranslationKey, translate } from '../i18n.ts';
import { analyze } from '../nlu/index.ts';
import { describeAnswerTime } from '../handoff/describeAnswerTime.ts';
import { prepareText } from '../nlu/text.ts';
import { PrismaStorage } from './PrismaStorage.ts';
import { TurnUnit, failTurn } from './TurnUnit.ts';
import { languageChoice } from './languageChoice.ts';
import { optOutKeyword } from './optOutKeywords.ts';
import { familyLanguage, updateFamily, type FamilyMessage } from './family.ts';
import { compileFlow } from '../conversation/compileFlow.ts';
import { loadFlows } from '../conversation/loadFlows.ts';
import { confidentLanguage } from '../conversation/expectations.ts';
import { UNLISTED_NEED_FLOW, rememberProfile, type FlowRuntime, type FlowVars } from '../conversation/actions.ts';
import { unlistedNeedAsked } from '../directory/unlistedNeeds.ts';
import { profileFromEntities } from '../conversation/profile.ts';
import { NEEDS } from '../directory/seedSchema.ts';

export interface CreateBotOptions {
  db: Database;
  adapter: TwilioAdapter;
  log: Logger;
  /** The flows directory (tests). */
  flowsDir?: string;
  now?: () => Date;
  officeHours: OfficeHours;
}

/**
 * The Botkit controller: receive middleware (NLU), interrupts that work from any point of any
 * flow, in order of urgency (crisis, STOP/START, media, LANGUAGE, HELP, MENU, a person, erase),
 * the dialogs compiled from `flows/*.yaml`, and the first-contact routing. Replies are i18n keys,
 * rendered in the family's language by the send middleware.
 */
export function createBot(options: CreateBotOptions): Botkit {
  const { db, adapter, log } = options;
  const controller = new Botkit({ adapter, storage: new PrismaStorage(db), disable_webserver: true, disable_console: true });
  const runtime: FlowRuntime = { db, log, now: options.now ?? (() => new Date()), officeHours: options.officeHours };
  for (const flow of loadFlows(options.flowsDir)) controller.addDialog(compileFlow(flow, controller, runtime));

  controller.middleware.receive.use((_bot: BotWorker, message: BotkitMessage, next: (err?: Error) => void) => {
    try {
      const family = message as FamilyMessage;
      family.nlu = analyze(family.text ?? '', { currentLanguage: familyLanguage(family.contact), now: runtime.now() });
      // A sentence plainly in another of our languages switches to it, even in the middle of a flow.
      if (family.contact?.languageConfirmed && (family.text ?? '').trim().split(/\s+/).length >= 3) {
        adoptDetectedLanguage(db, family).then(() => next(), next);
        return;
      }
      next();
    } catch (error) {
      next(error as Error);
    }
  });

  controller.middleware.send.use((bot: BotWorker, activity: Partial<Activity>, next: (err?: Error) => void) => {
    try {
      const context = bot.getConfig('context') as TurnContext | undefined;
      const language = familyLanguage((context?.activity.channelData as FamilyMessage | undefined)?.contact);
      const channelData = (activity.channelData ?? {}) as { vars?: Record<string, unknown>; question?: boolean };
      // A flow's texts use its variables ({{list}}, {{details}}…).
      const dialog = bot.getConfig('dialogContext') as DialogContext | undefined;
      const dialogVars = ((dialog?.activeDialog?.state as { values?: Record<string, unknown> } | undefined)?.values ?? {}) as Record<string, unknown>;
      if (activity.text && isTranslationKey(activity.text)) {
        let text = translate(language, activity.text, { ...dialogVars, ...channelData.vars });
        if (channelData.question && dialogVars._sorry === true) text = `${translate(language, 'fallback.sorry')}\n${text}`;
        activity.text = text;
      }
      // The adapter's OutboundComposer fits the text to the channel (GSM-7 by SMS), as for every outbound message.
      next();
    } catch (error) {
      next(error as Error);
    }
  });

  const intent = (message: BotkitMessage) => (message as FamilyMessage).nlu.intent;

  // A family in danger gets the emergency numbers before anything else, in its language, and the team is alerted.
  controller.interrupts(
    async (message: BotkitMessage) => intent(message) === 'crisis',
    'message',
    guarded(log, async (bot, message) => {
      await adoptDetectedLanguage(db, message);
      // …and that a person will write back, with an honest time from the office hours.
      const when = describeAnswerTime(runtime.officeHours, runtime.now(), familyLanguage((message as FamilyMessage).contact));
      await bot.say({ text: 'crisis.emergency', channelData: { transactional: true, vars: { when } } });
      TurnUnit.current()?.requestHandoff({ reason: 'crisis', priority: 2 });
    }),
  );

  // Opt-out, and silence for families who opted out.
  controller.interrupts(
    async (message: BotkitMessage) => isOptOutTurn(message as FamilyMessage),
    'message',
    guarded(log, async (bot, message) => {
      const keyword = message.optOutType ?? optOutKeyword(message.text ?? '');
      const contact = message.contact;
      if (keyword === 'STOP' && !contact.optedOut) {
        await bot.cancelAllDialogs();
        await updateFamily(db, contact, { optedOut: true, optedOutAt: runtime.now() });
        // Twilio's Advanced Opt-Out already confirmed by SMS when it classified the message.
        if (!message.optOutType) await bot.say({ text: 'optout.confirmed', channelData: { transactional: true } });
      } else if (keyword === 'START' && contact.optedOut) {
        await updateFamily(db, contact, { optedOut: false, optedOutAt: null });
        if (!message.optOutType) await bot.say('optout.resumed');
      }
      // Any other message from an opted-out family: stay silent.
    }),
  );

  // A person of the team has the conversation (or will soon): the bot stays quiet, the console shows the message.
  controller.interrupts(
    async () => Boolean(TurnUnit.current()?.openHandoff),
    'message',
    guarded(log, async () => undefined),
  );

  controller.interrupts(
    async (message: BotkitMessage) => !(message as FamilyMessage).text?.trim() && (message as FamilyMessage).numMedia > 0,
    'message',
    guarded(log, async (bot) => {
      await bot.say('media.text_only');
    }),
  );

  // A message in a language we do not speak (Portuguese, Arabic…): the four-language menu, from anywhere.
  controller.interrupts(
    async (message: BotkitMessage) => (message as FamilyMessage).nlu.foreignLanguage === true && intent(message) !== 'crisis',
    'message',
    guarded(log, async (bot, message) => {
      await bot.cancelAllDialogs();
      await bot.beginDialog('language', pendingOf(message));
    }),
  );

  controller.interrupts(
    // LANGUE, LANGUAGE, IDIOMA, LANG, "in English please", "an kreyòl"…: all read by the NLU.
    async (message: BotkitMessage) => intent(message) === 'change_language',
    'message',
    guarded(log, async (bot, message) => {
      const requested = message.nlu.requestedLanguage;
      if (requested) {
        await updateFamily(db, message.contact, { language: requested, languageConfirmed: true });
        await bot.say('welcome.language_set');
        // The flow under way starts over in the new language (what the family said is kept).
        // The flow is the bottom of the stack; a question under way sits above it as a prompt.
        const active = (bot.getConfig('dialogContext') as DialogContext | undefined)?.stack[0];
        if (active) {
          const values = (active.state as { values?: Record<string, unknown> }).values ?? {};
          await bot.cancelAllDialogs();
          // Botkit names a dialog's stack entry "<id>:botkit-wrapper".
          await bot.beginDialog(active.id.replace(/:botkit-wrapper$/, ''), { ...values, _sorry: false, _misses: 0 });
        } else if (!message.contact.consentAt) await bot.beginDialog('welcome', pendingOf(message));
        return;
      }
      await bot.cancelAllDialogs();
      await bot.beginDialog('language', pendingOf(message));
    }),
  );

  // HELP answers and leaves the question under way open: the family can still answer it.
  controller.interrupts(
    // At first contact "busco ayuda" is a question for the notice and the menu; the bare keyword is HELP anywhere.
    async (message: BotkitMessage) =>
      intent(message) === 'help' && ((message as FamilyMessage).contact.languageConfirmed || HELP_KEYWORDS.test(folded(message.text ?? ''))),
    'message',
    guarded(log, async (bot, message) => {
      await adoptDetectedLanguage(db, message);
      await bot.say('help.about');
    }),
  );

  for (const [id, flow] of [['menu', 'menu'], ['human', 'person'], ['delete_data', 'delete_data']] as const) {
    controller.interrupts(
      async (message: BotkitMessage) => intent(message) === id,
      'message',
      guarded(log, async (bot, message) => {
        await adoptDetectedLanguage(db, message);
        await bot.cancelAllDialogs();
        await bot.beginDialog(flow);
      }),
    );
  }

  controller.on(
    'message',
    guarded(log, async (bot, message) => {
      const contact = message.contact;
      if (!contact.languageConfirmed) {
        const picked = languageChoice(message.text ?? '') ?? confidentLanguage(message.nlu);
        if (!picked) return void (await bot.beginDialog('language', pendingOf(message)));
        await updateFamily(db, contact, { language: picked, languageConfirmed: true });
      } else {
        await adoptDetectedLanguage(db, message);
      }
      await startFirstContact(bot, message);
    }),
  );

  /** What a message with no flow under way leads to: the notice first, then its need, or the menu. */
  async function startFirstContact(bot: BotWorker, message: FamilyMessage): Promise<void> {
    const pending = pendingOf(message);
    if (!message.contact.consentAt) return void (await bot.beginDialog('welcome', pending));
    const need = pending.pending.need;
    if (need) {
      await rememberProfile(runtime, message, pending.pending.profile ?? {});
      return void (await bot.beginDialog(need, { profile: pending.pending.profile, question: pending.pending.question }));
    }
    // A need the directory does not cover (a dentist, a job…): said plainly, a person offered, recorded.
    if (pending.pending.unlisted) return void (await bot.beginDialog(UNLISTED_NEED_FLOW, { unlisted: pending.pending.unlisted, profile: pending.pending.profile }));
    if (message.nlu.intent === 'thanks') return void (await bot.say('smalltalk.thanks'));
    if (['greeting', 'yes', 'no', 'start'].includes(message.nlu.intent)) return void (await bot.beginDialog('menu'));
    // Not understood: say so, and show what the bot can do; a second miss offers a person.
    await bot.beginDialog('menu', { _sorry: true, _misses: 1 });
  }

  return controller;
}

const HELP_KEYWORDS = /^(help|aide|ayuda|ed|info)$/;

function folded(text: string): string {
  return prepareText(text).tokens.join(' ');
}

/** The question a message asks, kept while the language or the notice comes first. */
function pendingOf(message: FamilyMessage): Required<Pick<FlowVars, 'pending'>> {
  const unlisted = unlistedNeedAsked(message.text ?? '', message.nlu);
  const need = unlisted ? undefined : NEEDS.find((known) => known === message.nlu.intent);
  return {
    pending: { ...(need ? { need, question: message.text ?? '' } : {}), ...(unlisted ? { unlisted } : {}), profile: profileFromEntities(message.nlu.entities) },
  };
}

/** A family that writes plainly in another of our languages is answered in it from now on. */
async function adoptDetectedLanguage(db: Database, message: FamilyMessage): Promise<void> {
  const detected = confidentLanguage(message.nlu);
  if (detected && detected !== message.contact.language) await updateFamily(db, message.contact, { language: detected, languageConfirmed: true });
}

function isOptOutTurn(message: FamilyMessage): boolean {
  const keyword = message.optOutType === 'STOP' || message.optOutType === 'START' ? message.optOutType : optOutKeyword(message.text ?? '');
  if (keyword === 'STOP') return true;
  // START, YES…: an opt-in only for a family that opted out; otherwise "yes" answers the question asked.
  return message.contact?.optedOut === true;
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
      failTurn(error);
    }
  };
}
