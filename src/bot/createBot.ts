import { Botkit, BotkitConversation, type BotkitDialogWrapper, type BotkitMessage, type BotWorker } from 'botkit';
import type { Activity, TurnContext } from 'botbuilder';
import type { Database } from '../db/Database.ts';
import type { Logger } from '../log.ts';
import type { Contact } from '../generated/prisma/client.ts';
import type { TwilioAdapter, TwilioChannelData } from '../channels/twilio/TwilioAdapter.ts';
import { DEFAULT_LANGUAGE, isLanguage, isTranslationKey, translate, type Language } from '../i18n.ts';
import { analyze, type NluResult } from '../nlu/index.ts';
import { PrismaStorage } from './PrismaStorage.ts';
import { TurnUnit, type ContactChanges } from './TurnUnit.ts';
import { languageChoice } from './languageChoice.ts';
import { toGsm7 } from '../sms/gsm7.ts';
import { optOutKeyword } from './optOutKeywords.ts';

/** A Botkit message from the Twilio adapter, with the family's record and what NLU read in it. */
type FamilyMessage = BotkitMessage & TwilioChannelData & { nlu: NluResult };

const LANGUAGE_DIALOG = 'language_menu';

/**
 * The Botkit controller: receive middleware (NLU, language), interrupts in order of urgency
 * (crisis, opt-out, media, language, help) and dialogs. Replies are i18n keys, rendered in the
 * family's language by the send middleware.
 */
export function createBot(args: { db: Database; adapter: TwilioAdapter; log: Logger; gsm7ForSms?: boolean }): Botkit {
  const { db, adapter, log, gsm7ForSms = true } = args;
  const controller = new Botkit({ adapter, storage: new PrismaStorage(db), disable_webserver: true, disable_console: true });

  controller.middleware.receive.use((_bot: BotWorker, message: BotkitMessage, next: (err?: Error) => void) => {
    try {
      const family = message as FamilyMessage;
      const current = isLanguage(family.contact?.language) ? family.contact.language : DEFAULT_LANGUAGE;
      family.nlu = analyze(family.text ?? '', { currentLanguage: current });
      next();
    } catch (error) {
      next(error as Error);
    }
  });

  controller.middleware.send.use((bot: BotWorker, activity: Partial<Activity>, next: (err?: Error) => void) => {
    try {
      const context = bot.getConfig('context') as TurnContext | undefined;
      const contact = (context?.activity.channelData as TwilioChannelData | undefined)?.contact;
      const language = contact && isLanguage(contact.language) ? contact.language : DEFAULT_LANGUAGE;
      const vars = (activity.channelData as { vars?: Record<string, unknown> } | undefined)?.vars ?? {};
      if (activity.text && isTranslationKey(activity.text)) activity.text = translate(language, activity.text, vars);
      // French and Spanish accents outside GSM-7 would make every SMS cost two to three times more.
      if (activity.text && gsm7ForSms && context?.activity.channelId === 'sms') activity.text = toGsm7(activity.text);
      next();
    } catch (error) {
      next(error as Error);
    }
  });

  // A family in danger gets the emergency numbers before anything else, in its language.
  controller.interrupts(
    async (message: BotkitMessage) => (message as FamilyMessage).nlu.intent === 'crisis',
    'message',
    guarded(log, async (bot, message) => {
      await adoptDetectedLanguage(db, message);
      await bot.say({ text: 'crisis.emergency', channelData: { transactional: true } });
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
    // LANGUE, LANGUAGE, IDIOMA, LANG, "in English please", "an kreyòl"…: all read by the NLU.
    async (message: BotkitMessage) => (message as FamilyMessage).nlu.intent === 'change_language',
    'message',
    guarded(log, async (bot, message) => {
      await bot.cancelAllDialogs();
      const requested = message.nlu.requestedLanguage;
      if (requested) await chooseLanguage(bot, db, message.contact, requested);
      else await bot.beginDialog(LANGUAGE_DIALOG);
    }),
  );

  controller.interrupts(
    async (message: BotkitMessage) => (message as FamilyMessage).nlu.intent === 'help' && (message as FamilyMessage).contact.languageConfirmed,
    'message',
    guarded(log, async (bot, message) => {
      await adoptDetectedLanguage(db, message);
      await bot.say('help.about');
    }),
  );

  controller.addDialog(languageDialog(controller, db, log));

  controller.on(
    'message',
    guarded(log, async (bot, message) => {
      const contact = message.contact;
      if (!contact.languageConfirmed) {
        const picked = languageChoice(message.text ?? '') ?? confidentLanguage(message.nlu);
        if (!picked) return void (await bot.beginDialog(LANGUAGE_DIALOG));
        await setContact(db, contact, { language: picked, languageConfirmed: true });
        await bot.say('welcome.first_reply');
        return;
      }
      if (message.nlu.foreignLanguage) return void (await bot.beginDialog(LANGUAGE_DIALOG));
      await adoptDetectedLanguage(db, message);
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
          const family = message as FamilyMessage;
          // A number or a language name; or a real question written plainly in one language.
          const picked = languageChoice(answer) ?? family.nlu?.requestedLanguage ?? confidentLanguage(family.nlu);
          if (!picked) return await convo.gotoThread('retry');
          await chooseLanguage(bot, db, family.contact, picked);
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
  await bot.say('welcome.language_set_reply');
}

/** The language a message is plainly written in, when NLU is confident of it. */
function confidentLanguage(nlu: NluResult | undefined): Language | undefined {
  if (!nlu || nlu.foreignLanguage || !nlu.detectedLanguage) return undefined;
  return nlu.language === nlu.detectedLanguage && nlu.languageConfidence >= 0.5 ? nlu.detectedLanguage : undefined;
}

/** A family that writes plainly in another of our languages is answered in it from now on. */
async function adoptDetectedLanguage(db: Database, message: FamilyMessage): Promise<void> {
  const detected = confidentLanguage(message.nlu);
  if (detected && detected !== message.contact.language) await setContact(db, message.contact, { language: detected, languageConfirmed: true });
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
 * Botkit hangs a turn whose handler throws; log here and rethrow so the turn fails, nothing is
 * written, and the TurnRunner retries it rather than leave it hanging.
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
