import type { Botkit, BotkitMessage, BotWorker } from 'botkit';
import type { Activity, TurnContext } from 'botbuilder';
import type { DialogContext } from 'botbuilder-dialogs';
import type { Database } from '../db/Database.ts';
import type { Logger } from '../log.ts';
import type { OfficeHours } from '../handoff/officeHours.ts';
import type { TwilioAdapter } from '../channels/twilio/TwilioAdapter.ts';
import { isTranslationKey, translate } from '../i18n.ts';
import { analyze } from '../nlu/index.ts';
import { describeAnswerTime } from '../handoff/describeAnswerTime.ts';
import { crisisAnswer } from './crisisAnswer.ts';
import { prepareText } from '../nlu/text.ts';
import { TurnBot, turnOfBot } from './botkitBridge.ts';
import { turnOf, type TurnUnit } from './TurnUnit.ts';
import { languageChoice } from './languageChoice.ts';
import { optOutKeyword } from './optOutKeywords.ts';
import { familyLanguage, type FamilyMessage } from './family.ts';
import { compileFlow } from '../conversation/compileFlow.ts';
import { loadFlows } from '../conversation/loadFlows.ts';
import { confidentLanguage } from '../conversation/expectations.ts';
import { UNLISTED_NEED_FLOW, rememberProfile, type FlowRuntime, type FlowVars } from '../conversation/actions.ts';
import { unlistedNeedAsked } from '../directory/unlistedNeeds.ts';
import { profileFromEntities } from '../conversation/profile.ts';
import { NEEDS } from '../directory/seedSchema.ts';
import { readSmalltalk } from '../conversation/smalltalk.ts';
import { programQuestion } from '../conversation/programQuestion.ts';
import { neighbourhoodAt } from '../directory/neighbourhoodAt.ts';
import { messageKind } from './messageKind.ts';

export interface CreateBotOptions {
  db: Database;
  adapter: TwilioAdapter;
  log: Logger;
  /** The flows directory (tests). */
  flowsDir?: string;
  now?: () => Date;
  officeHours: OfficeHours;
  /** SMS go out spelled in GSM-7 (`SMS_GSM7`): the crisis answer is fitted to 3 segments on that spelling. */
  gsm7ForSms?: boolean;
}

// Intents with a flow of their own, which a possible crisis does not replace (a person, STOP, a language…).
const OWN_FLOW_INTENTS = new Set(['stop', 'start', 'human', 'change_language', 'delete_data']);

/**
 * The Botkit controller: receive middleware (NLU), interrupts that work from any point of any
 * flow, in order of urgency (crisis, STOP/START, media, LANGUAGE, HELP, MENU, a person, erase),
 * the dialogs compiled from `flows/*.yaml`, and the first-contact routing. Replies are i18n keys,
 * rendered in the family's language by the send middleware.
 */
export function createBot(options: CreateBotOptions): Botkit {
  const { db, adapter, log, gsm7ForSms = true } = options;
  const controller = new TurnBot({ adapter, disable_webserver: true, disable_console: true });
  const runtime: FlowRuntime = { db, log, now: options.now ?? (() => new Date()), officeHours: options.officeHours };
  for (const flow of loadFlows(options.flowsDir)) controller.addDialog(compileFlow(flow, controller, runtime));

  controller.middleware.receive.use((bot: BotWorker, message: BotkitMessage, next: (err?: Error) => void) => {
    try {
      const family = message as FamilyMessage;
      family.nlu = analyze(family.text ?? '', { currentLanguage: familyLanguage(family.contact), now: runtime.now() });
      // A shared location says where the family is, as a typed neighbourhood would: the flows read it so.
      const place = family.location && messageKind(family) === 'location' ? neighbourhoodAt(family.location) : undefined;
      if (place) family.nlu = { ...family.nlu, entities: [...family.nlu.entities, { type: 'neighbourhood', text: family.location?.label ?? '', neighbourhood: place }] };
      // A message that only thanks or closes ("de rien", "pa dekwa", "you're welcome") means nothing
      // else, whatever its words look like (housing, STOP, HELP); only a crisis reading stands.
      const talk = readSmalltalk(family.text ?? '', family.nlu);
      if ((talk === 'thanks' || talk === 'closing') && family.nlu.intent !== 'crisis') family.nlu = { ...family.nlu, intent: 'thanks' };
      // A sentence plainly in another of our languages switches to it, even in the middle of a flow.
      if (family.contact?.languageConfirmed && isSentence(family.text ?? '')) adoptDetectedLanguage(turnOfBot(bot), family);
      next();
    } catch (error) {
      next(error as Error);
    }
  });

  controller.middleware.send.use((bot: BotWorker, activity: Partial<Activity>, next: (err?: Error) => void) => {
    try {
      const context = bot.getConfig('context') as TurnContext | undefined;
      const language = familyLanguage((context?.activity.channelData as FamilyMessage | undefined)?.contact);
      const channelData = (activity.channelData ?? {}) as { vars?: Record<string, unknown>; question?: boolean; key?: string; again?: string };
      // A flow's texts use its variables ({{list}}, {{details}}…).
      const dialog = bot.getConfig('dialogContext') as DialogContext | undefined;
      const dialogVars = ((dialog?.activeDialog?.state as { values?: Record<string, unknown> } | undefined)?.values ?? {}) as Record<string, unknown>;
      // A question is kept in the dialog's state as sent; its key stays beside it so that asking it
      // again (after a language change) renders it afresh, in the family's language of the moment.
      if (activity.text && isTranslationKey(activity.text) && channelData.question) channelData.key = activity.text;
      const vars = { ...dialogVars, ...channelData.vars };
      // A question asked again after something that was not an answer takes its short form, when it has one.
      const again = channelData.question && vars._again === true ? channelData.again : undefined;
      const key = again ?? (channelData.question && channelData.key ? channelData.key : activity.text);
      if (key && isTranslationKey(key)) {
        let text = translate(language, key, vars);
        if (channelData.question && vars._sorry === true) text = `${translate(language, 'fallback.sorry')}\n${text}`;
        else if (channelData.question && vars._noted === true) text = `${translate(language, 'profile.noted')}\n${text}`;
        else if (channelData.question && typeof vars._before === 'string' && isTranslationKey(vars._before)) text = `${translate(language, vars._before, vars)}\n${text}`;
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
      const turn = turnOfBot(bot);
      adoptDetectedLanguage(turn, message);
      // The lines that fit the kind of crisis, from the directory; then that a person will write back, with an honest time from the office hours.
      const language = familyLanguage(message.contact);
      const when = describeAnswerTime(runtime.officeHours, runtime.now(), language);
      const channel = message.contact.channel === 'whatsapp' ? 'whatsapp' : 'sms';
      const text = await crisisAnswer({ db, log, kind: message.nlu.crisisKind ?? 'violence', language, when, channel, gsm7: gsm7ForSms });
      await bot.say({ text, channelData: { transactional: true } });
      turn.requestHandoff({ reason: 'crisis', priority: 2 });
    }),
  );

  // Opt-out, and silence for families who opted out.
  controller.interrupts(
    async (message: BotkitMessage) => isOptOutTurn(message as FamilyMessage),
    'message',
    guarded(log, async (bot, message) => {
      const keyword = optOutRequest(message);
      const contact = message.contact;
      const turn = turnOfBot(bot);
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
    }),
  );

  // A person of the team has the conversation (or will soon): the bot stays quiet, the console shows the message.
  controller.interrupts(
    async (message: BotkitMessage) => Boolean(turnOf(message.context).openHandoff),
    'message',
    guarded(log, async () => undefined),
  );

  // Not sure enough for the emergency answer, too close to a crisis for a menu: 911 if anyone is in
  // danger, and a person of the team at once (high priority), rather than the flow's next question.
  controller.interrupts(
    async (message: BotkitMessage) => (message as FamilyMessage).nlu.possibleCrisis === true && !OWN_FLOW_INTENTS.has(intent(message)),
    'message',
    guarded(log, async (bot, message) => {
      const turn = turnOfBot(bot);
      adoptDetectedLanguage(turn, message);
      const when = describeAnswerTime(runtime.officeHours, runtime.now(), familyLanguage(message.contact));
      await bot.cancelAllDialogs();
      await bot.say({ text: 'crisis.possible', channelData: { transactional: true, vars: { when } } });
      turn.requestHandoff({ reason: 'possible_crisis', priority: 1 });
    }),
  );

  // A photo, voice note, sticker, contact card… with nothing typed: asked politely to type, and the
  // question waiting asked again (briefly). Never a misunderstanding: the flow does not see it.
  controller.interrupts(
    async (message: BotkitMessage) => messageKind(message as FamilyMessage) === 'media',
    'message',
    guarded(log, async (bot, message) => {
      const dialog = bot.getConfig('dialogContext') as DialogContext | undefined;
      if (dialog?.activeDialog && (await askAgain(bot, dialog, { brief: true, before: 'media.type_answer' }))) return;
      // A first message: the four-language menu finds the family's language first.
      if (!message.contact.languageConfirmed) return void (await bot.beginDialog('language', pendingOf(message)));
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
    // "2 ans" answers the age asked, whatever the intent model reads in it: a bare language request carries no age or place.
    async (message: BotkitMessage) =>
      intent(message) === 'change_language' && (Boolean(message.nlu.requestedLanguage) || (message as FamilyMessage).nlu.entities.length === 0),
    'message',
    guarded(log, async (bot, message) => {
      const requested = message.nlu.requestedLanguage;
      if (requested) {
        turnOfBot(bot).updateContact({ language: requested, languageConfirmed: true });
        await bot.say('welcome.language_set');
        // Consent, profile and the flow under way are kept: the question waiting is asked again in the new language.
        const dialog = bot.getConfig('dialogContext') as DialogContext | undefined;
        if (dialog?.activeDialog && (await askAgain(bot, dialog))) return;
        if (!message.contact.consentAt) await bot.beginDialog('welcome', pendingOf(message));
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
      (message as FamilyMessage).optOutType === 'HELP' ||
      (intent(message) === 'help' &&
        // "c'est quand?" asks about the programs, whatever the intent model reads: the flow answers it.
        !programQuestion(message.text ?? '') &&
        ((message as FamilyMessage).contact.languageConfirmed || HELP_KEYWORDS.test(folded(message.text ?? '')))),
    'message',
    guarded(log, async (bot, message) => {
      // Twilio's Advanced Opt-Out has already sent the account's HELP answer: one is enough.
      if (message.optOutType === 'HELP') return;
      adoptDetectedLanguage(turnOfBot(bot), message);
      await bot.say('help.about');
    }),
  );

  for (const [id, flow] of [['menu', 'menu'], ['human', 'person'], ['delete_data', 'delete_data']] as const) {
    controller.interrupts(
      async (message: BotkitMessage) => intent(message) === id,
      'message',
      guarded(log, async (bot, message) => {
        adoptDetectedLanguage(turnOfBot(bot), message);
        await bot.cancelAllDialogs();
        await bot.beginDialog(flow);
      }),
    );
  }

  controller.on(
    'message',
    guarded(log, async (bot, message) => {
      const contact = message.contact;
      const turn = turnOfBot(bot);
      if (!contact.languageConfirmed) {
        const picked = languageChoice(message.text ?? '') ?? confidentLanguage(message.nlu);
        if (!picked) return void (await bot.beginDialog('language', pendingOf(message)));
        turn.updateContact({ language: picked, languageConfirmed: true });
      } else {
        adoptDetectedLanguage(turn, message);
      }
      await startFirstContact(bot, message);
    }),
  );

  /** What a message with no flow under way leads to: the notice first, then its need, or the menu. */
  async function startFirstContact(bot: BotWorker, message: FamilyMessage): Promise<void> {
    const pending = pendingOf(message);
    if (messageKind(message) === 'location') {
      // A location with nothing asked: thanks (and where it is), then the notice or the menu; the place is kept.
      const profile = pending.pending.profile ?? {};
      const place = profile.neighbourhood;
      const said = { _before: place ? 'location.thanks' : 'location.unplaced', place };
      if (!message.contact.consentAt) return void (await bot.beginDialog('welcome', { ...pending, ...said }));
      rememberProfile(turnOfBot(bot), profile);
      return void (await bot.beginDialog('menu', { profile, ...said }));
    }
    if (!message.contact.consentAt) return void (await bot.beginDialog('welcome', pending));
    const need = pending.pending.need;
    if (need) {
      rememberProfile(turnOfBot(bot), pending.pending.profile ?? {});
      return void (await bot.beginDialog(need, { profile: pending.pending.profile, question: pending.pending.question }));
    }
    // A need the directory does not cover (a dentist, a job…): said plainly, a person offered, recorded.
    if (pending.pending.unlisted) return void (await bot.beginDialog(UNLISTED_NEED_FLOW, { unlisted: pending.pending.unlisted, profile: pending.pending.profile }));
    // Thanks, "de rien", 👍 with nothing asked: a short answer, not the menu.
    const talk = readSmalltalk(message.text ?? '', message.nlu);
    if (message.nlu.intent === 'thanks') return void (await bot.say(talk === 'closing' ? 'smalltalk.bye' : 'smalltalk.thanks'));
    if (talk === 'ack' && message.nlu.intent !== 'yes') return void (await bot.say('smalltalk.bye'));
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

/**
 * A family that writes plainly in another of our languages is answered in it from now on. Once
 * its language is known, only a sentence can change it: HELP, MENU, STOP, OK, PERSON are the same
 * keyword in every language and say nothing of the language the family reads.
 */
function adoptDetectedLanguage(turn: TurnUnit, message: FamilyMessage): void {
  if (message.contact.languageConfirmed && !isSentence(message.text ?? '')) return;
  const detected = confidentLanguage(message.nlu);
  if (detected && detected !== message.contact.language) turn.updateContact({ language: detected, languageConfirmed: true });
}

/** Three words or more: enough to tell a language from. */
function isSentence(text: string): boolean {
  return prepareText(text).tokens.filter((token) => /\p{L}/u.test(token)).length >= 3;
}

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

/**
 * Asks the question waiting again (after a language change), rendered afresh in the family's
 * language with the flow's variables ({{list}}…). Botkit's prompt is on top of the stack and keeps
 * the question as it was sent, its key beside it; the flow that asked it sits below with its values.
 * "Sorry" and "noted" are not said again. `brief`: the question's short form (`again:` in its flow),
 * when it has one; `before`: an i18n key said first, in the same message.
 */
async function askAgain(bot: BotWorker, dialog: DialogContext, options: { brief?: boolean; before?: string } = {}): Promise<boolean> {
  const stack = dialog.stack;
  const prompt = (stack.at(-1)?.state as { options?: { prompt?: Partial<Activity> } } | undefined)?.options?.prompt;
  const { key, again } = (prompt?.channelData ?? {}) as { key?: string; again?: string };
  const values = [...stack].reverse().map((entry) => (entry.state as { values?: Record<string, unknown> }).values).find(Boolean);
  if (!key) return false;
  if (values) Object.assign(values, { _sorry: false, _noted: false, _again: false, _before: undefined });
  const vars = { ...values, _again: options.brief === true, _before: options.before };
  await bot.say({ text: key, channelData: { question: true, key, again, vars } });
  return true;
}

function isOptOutTurn(message: FamilyMessage): boolean {
  const keyword = optOutRequest(message);
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
      turnOfBot(bot).fail(error);
    }
  };
}
