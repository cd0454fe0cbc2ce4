import { Botkit, BotkitConversation, type BotkitDialogWrapper, type BotkitMessage, type BotWorker } from 'botkit';
import type { Activity, TurnContext } from 'botbuilder';
import type { Database } from '../db/Database.ts';
import type { Logger } from '../log.ts';
import type { Contact } from '../generated/prisma/client.ts';
import type { TwilioAdapter, TwilioChannelData } from '../channels/twilio/TwilioAdapter.ts';
import { DEFAULT_LANGUAGE, isLanguage, isTranslationKey, translate, type Language } from '../i18n.ts';
import { PrismaStorage } from './PrismaStorage.ts';
import { TurnUnit, type ContactChanges } from './TurnUnit.ts';
import { languageChoice } from './languageChoice.ts';
import { optOutKeyword } from './optOutKeywords.ts';

/** A Botkit message from the Twilio adapter, with the family's record. */
type FamilyMessage = BotkitMessage & TwilioChannelData;

const LANGUAGE_DIALOG = 'language_menu';

/**
 * The Botkit controller: middleware (opt-out, media, language), interrupts and dialogs.
 * Replies are i18n keys, rendered in the family's language by the send middleware.
 */
export function createBot(args: { db: Database; adapter: TwilioAdapter; log: Logger }): Botkit {
  const { db, adapter, log } = args;
  const controller = new Botkit({ adapter, storage: new PrismaStorage(db), disable_webserver: true, disable_console: true });

  controller.middleware.send.use((bot: BotWorker, activity: Partial<Activity>, next: (err?: Error) => void) => {
    try {
      const context = bot.getConfig('context') as TurnContext | undefined;
      const contact = (context?.activity.channelData as TwilioChannelData | undefined)?.contact;
      const language = contact && isLanguage(contact.language) ? contact.language : DEFAULT_LANGUAGE;
      const vars = (activity.channelData as { vars?: Record<string, unknown> } | undefined)?.vars ?? {};
      if (activity.text && isTranslationKey(activity.text)) activity.text = translate(language, activity.text, vars);
      next();
    } catch (error) {
      next(error as Error);
    }
  });

  // Opt-out before anything else, and silence for families who opted out.
  controller.interrupts(
    async (message: BotkitMessage) => isOptOutTurn(message as FamilyMessage),
    'message',
    guarded(log, async (bot, message) => {
      const keyword = message.optOutType ?? optOutKeyword(message.text ?? '');
      const contact = message.contact;
      if (keyword === 'STOP' && !contact.optedOut) {
        await setContact(db, contact, { optedOut: true, optedOutAt: new Date() });
        // Twilio's Advanced Opt-Out already confirmed by SMS when it classified the message.
        if (!message.optOutType) await bot.say({ text: 'optout.confirmed', channelData: { transactional: true } });
      } else if (keyword === 'START' && contact.optedOut) {
        await setContact(db, contact, { optedOut: false, optedOutAt: null });
        if (!message.optOutType) await bot.say('optout.resumed');
      }
      // Any other message from an opted-out family: stay silent.
    }),
  );

  controller.interrupts(
    async (message: BotkitMessage) => !(message as FamilyMessage).text?.trim() && (message as FamilyMessage).numMedia > 0,
    'message',
    guarded(log, async (bot) => {
      await bot.say('media.text_only');
    }),
  );

  controller.interrupts(
    async (message: BotkitMessage) => /^\s*(langue|language|idioma|lang|lengua)\s*[.!]*\s*$/i.test(message.text ?? ''),
    'message',
    guarded(log, async (bot) => {
      await bot.cancelAllDialogs();
      await bot.beginDialog(LANGUAGE_DIALOG);
    }),
  );

  controller.addDialog(languageDialog(controller, db, log));

  controller.on(
    'message',
    guarded(log, async (bot, message) => {
      if (!message.contact.languageConfirmed) {
        const picked = languageChoice(message.text ?? '');
        if (picked) {
          await chooseLanguage(bot, db, message.contact, picked);
          return;
        }
        await bot.beginDialog(LANGUAGE_DIALOG);
        return;
      }
      await bot.say('fallback.noted');
    }),
  );

  return controller;
}

function languageDialog(controller: Botkit, db: Database, log: Logger): BotkitConversation {
  const dialog = new BotkitConversation(LANGUAGE_DIALOG, controller);
  const handlers = [
    {
      default: true,
      handler: async (answer: string, convo: BotkitDialogWrapper, bot: BotWorker, message: BotkitMessage) => {
        try {
          const picked = languageChoice(answer);
          if (!picked) return await convo.gotoThread('retry');
          await chooseLanguage(bot, db, (message as FamilyMessage).contact, picked);
        } catch (error) {
          log.error({ err: error }, 'bot: language choice failed');
          throw error;
        }
      },
    },
  ];
  dialog.ask('welcome.language_menu', handlers, 'language');
  dialog.addQuestion('welcome.language_retry', handlers, 'language', 'retry');
  return dialog;
}

async function chooseLanguage(bot: BotWorker, db: Database, contact: Contact, language: Language): Promise<void> {
  await setContact(db, contact, { language, languageConfirmed: true });
  await bot.say('welcome.language_set');
  await bot.say('welcome.intro');
}

/** Updates the family's record: with the turn's commit during a turn, at once otherwise. */
async function setContact(db: Database, contact: Contact, data: ContactChanges): Promise<void> {
  const unit = TurnUnit.current();
  if (unit) {
    unit.updateContact(data);
    if (unit.contact !== contact) Object.assign(contact, data);
    return;
  }
  await db.client().contact.update({ where: { id: contact.id }, data });
  Object.assign(contact, data);
}

function isOptOutTurn(message: FamilyMessage): boolean {
  if (message.optOutType === 'STOP' || message.optOutType === 'START') return true;
  if (optOutKeyword(message.text ?? '')) return true;
  return message.contact?.optedOut === true;
}

/**
 * Botkit hangs a turn whose handler throws; log here and rethrow so the turn fails, rolls back
 * and is retried by the TurnRunner rather than left hanging.
 */
function guarded(log: Logger, handler: (bot: BotWorker, message: FamilyMessage) => Promise<void>) {
  return async (bot: BotWorker, message: BotkitMessage): Promise<void> => {
    try {
      await handler(bot, message as FamilyMessage);
    } catch (error) {
      log.error({ err: error }, 'bot: handler failed');
      throw error;
    }
  };
}
