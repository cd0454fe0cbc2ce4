import { BotkitConversation, type Botkit, type BotkitDialogWrapper, type BotkitMessage, type BotWorker } from 'botkit';
import { familyLanguage, type FamilyMessage } from '../turn/family.ts';
import { turnOfBot } from '../turn/botkitBridge.ts';
import type { TurnUnit } from '../turn/TurnUnit.ts';
import { needOf } from '../domain/needs.ts';
import { FLOW } from './flowIds.ts';
import { ACTIONS, learn, type FlowRuntime, type FlowVars } from './actions.ts';
import { unlistedNeedAsked } from '../directory/unlistedNeeds.ts';
import { EXPECTATIONS } from './expectations.ts';
import type { AskStep, DoStep, Flow } from './flowSchema.ts';
import { knownProfile, profileFromEntities, type FamilyProfile } from './profile.ts';
import { readSmalltalk } from './smalltalk.ts';
import { programQuestion } from './programQuestion.ts';
import { answerProgramQuestion } from './answerProgramQuestion.ts';
import { messageKind } from '../turn/messageKind.ts';

/** Dialog variables of the answer handling. */
interface AnswerVars extends FlowVars {
  /** Answers in a row the bot did not understand. */
  _misses?: number;
  /** The next question starts with "Sorry, I didn't understand". */
  _sorry?: boolean;
  /** The next question starts with "Thank you, noted": the family told something else than what was asked. */
  _noted?: boolean;
  /** The next question is asked in its short form (`again:`), when it has one: it was asked just before. */
  _again?: boolean;
  /** An i18n key said before the next question, in the same message ("Thank you for your location…"). */
  _before?: string;
}

type Handler = (answer: string | null, convo: BotkitDialogWrapper, bot: BotWorker, message: BotkitMessage) => Promise<void>;

/**
 * Turns a checked flow into a Botkit dialog: `say` lines are messages, `ask` lines questions whose
 * answer is read according to `expect` and leads where `on` says, `do` lines run an action of
 * `actions.ts`, `goto`/`start`/`end` move around. Texts stay i18n keys until the send middleware
 * renders them in the family's language with the dialog's variables.
 */
export function compileFlow(flow: Flow, controller: Botkit, runtime: FlowRuntime): BotkitConversation {
  const dialog = new BotkitConversation(flow.id, controller);
  for (const [thread, steps] of Object.entries(flow.threads)) {
    for (const step of steps) {
      if ('say' in step) dialog.addMessage({ text: [step.say] }, thread);
      else if ('ask' in step) {
        // `question` marks the prompt for the send middleware (the "sorry" prefix after a miss), `again` its short form.
        const channelData = step.again ? { question: true, again: step.again } : { question: true };
        dialog.addQuestion({ text: [step.ask], channelData }, [{ default: true, handler: answerHandler(flow, step, runtime) }], null as unknown as string, thread);
      } else if ('do' in step) dialog.addMessage(handlerLine(doHandler(flow, step, runtime)), thread);
      else if ('goto' in step) dialog.addMessage(handlerLine(async (_answer, convo, bot) => jump(flow, step.goto, convo, bot)), thread);
      else if ('start' in step) {
        dialog.addMessage(
          // A need's flow hands the family's own words on to the search; other jumps start afresh.
          handlerLine(async (_answer, convo, bot) => jump(flow, `flow:${step.start}`, convo, bot, { question: (convo.vars as FlowVars).question, ...step.with })),
          thread,
        );
      } else dialog.addAction('complete', thread);
    }
  }
  return dialog;
}

/** A script line that runs code (Botkit calls `handler` for a line with an action and a handler). */
function handlerLine(handler: Handler): { action: string; handler: Handler } {
  return { action: 'run', handler };
}

function doHandler(flow: Flow, step: DoStep, runtime: FlowRuntime): Handler {
  return async (_answer, convo, bot, message) => {
    try {
      const outcome = await ACTIONS[step.do]({ runtime, turn: turnOfBot(bot), bot, convo, message: message as FamilyMessage, args: step.with ?? {} });
      const target = outcome === undefined ? undefined : step.on?.[outcome];
      if (target) await jump(flow, target, convo, bot);
    } catch (error) {
      runtime.log.error({ err: error, flow: flow.id, action: step.do }, 'flows: action failed');
      turnOfBot(bot).fail(error);
    }
  };
}

function answerHandler(flow: Flow, step: AskStep, runtime: FlowRuntime): Handler {
  const expectation = EXPECTATIONS[step.expect];
  return async (answer, convo, bot, message) => {
    try {
      const family = message as FamilyMessage;
      const turn = turnOfBot(bot);
      const vars = convo.vars as AnswerVars;
      const read = expectation.read({
        text: answer ?? '',
        nlu: family.nlu,
        language: familyLanguage(family.contact),
        options: step.options,
        listed: vars.count,
        now: runtime.now(),
      });
      const target = read ? step.on[read.outcome] : undefined;
      vars._noted = false;
      vars._again = false;
      vars._before = undefined;
      // A need the directory does not cover ("a dentist", "un emploi"): said plainly, not counted as a
      // misunderstanding, nor taken for the menu item the NLU guessed with little confidence.
      const unlisted = flow.id === FLOW.unlistedNeed ? undefined : unlistedNeedAsked(answer ?? '', family.nlu);
      if (unlisted && (!read || !target || step.expect === 'choice')) return await jump(flow, `flow:${FLOW.unlistedNeed}`, convo, bot, { unlisted });
      if (!read || !target) return await notAnAnswer({ flow, step, runtime, turn, convo, bot, family, text: answer ?? '' });
      vars._misses = 0;
      vars._sorry = false;
      if (read.profile) learn(turn, vars, read.profile);
      if (read.language) turn.updateContact({ language: read.language, languageConfirmed: true });
      if (read.pick !== undefined) vars.pick = read.pick;
      if (read.outcome === 'skip') vars.skipped = { ...vars.skipped, [step.expect]: true };
      await jump(flow, target, convo, bot);
    } catch (error) {
      runtime.log.error({ err: error, flow: flow.id, question: step.ask }, 'flows: answer failed');
      turnOfBot(bot).fail(error);
    }
  };
}

/**
 * A message that does not answer the question asked, read in order: a thank-you or a closing
 * (answered briefly), a question about the programs (answered, then the question again), a new
 * need (its flow), something the family tells that another question would ask (kept, then the
 * question again) — none of them a misunderstanding. Only what is left counts as one.
 */
async function notAnAnswer(input: {
  flow: Flow;
  step: AskStep;
  runtime: FlowRuntime;
  turn: TurnUnit;
  convo: BotkitDialogWrapper;
  bot: BotWorker;
  family: FamilyMessage;
  text: string;
}): Promise<void> {
  const { flow, step, runtime, turn, convo, bot, family, text } = input;
  const vars = convo.vars as AnswerVars;
  const language = familyLanguage(family.contact);
  if (messageKind(family) === 'location') {
    // A location where no place is asked (or one outside the neighbourhoods the bot knows): kept when
    // it says where, else the family is told it could not be placed; the question again, briefly.
    const told = profileFromEntities(family.nlu.entities);
    vars._sorry = false;
    vars._again = true;
    if (step.expect !== 'language') {
      if (told.neighbourhood) learn(turn, vars, told);
      vars._noted = Boolean(told.neighbourhood);
      vars._before = told.neighbourhood ? undefined : 'location.unplaced';
      if (told.neighbourhood && step.on.changed) return await jump(flow, step.on.changed, convo, bot);
    }
    return await convo.repeat();
  }
  const talk = step.expect === 'language' ? undefined : readSmalltalk(text, family.nlu);
  if (talk === 'thanks' || talk === 'closing') {
    vars._misses = 0;
    vars._sorry = false;
    const mapped = step.on.thanks;
    if (mapped) return await jump(flow, mapped, convo, bot);
    await bot.say(talk === 'thanks' ? 'smalltalk.thanks' : 'smalltalk.bye');
    return await convo.stop();
  }
  if (talk === 'ack') {
    // "ok", 👍 where no yes is asked: the question stays open, asked again without "sorry".
    vars._sorry = false;
    vars._again = true;
    return await convo.repeat();
  }
  const topic = step.expect === 'language' ? undefined : programQuestion(text);
  if (topic) {
    const said = await answerProgramQuestion({
      db: runtime.db,
      topic,
      language,
      results: vars.results,
      // "it" under a program's details is that program; under a list, each one listed.
      picked: step.expect === 'feedback' ? vars.picked : undefined,
      need: vars.need,
      profile: knownProfile(family.contact, vars.profile),
    });
    await bot.say({ text: said });
    // The program's details are not sent again after the answer: only the short question.
    vars._sorry = false;
    vars._again = true;
    return await convo.repeat();
  }
  // Not an answer but a new question ("actually, I need housing"): go where it leads.
  const need = needOf(family.nlu.intent);
  if (need && step.expect !== 'choice') {
    learn(turn, vars, profileFromEntities(family.nlu.entities));
    return await jump(flow, `flow:${need}`, convo, bot, { question: text });
  }
  // An answer to a question not asked yet ("H1Z 3K4" when the due date is asked): kept, and the question
  // asked again; or, where the step says what a change leads to (`changed`: under a list of programs,
  // another neighbourhood or age), the search again.
  const told = profileFromEntities(family.nlu.entities);
  const known = knownProfile(family.contact, vars.profile);
  if (step.expect !== 'choice' && step.expect !== 'language' && Object.keys(told).length > 0) {
    vars._sorry = false;
    if (Object.entries(told).some(([key, value]) => known[key as keyof FamilyProfile] !== value)) {
      learn(turn, vars, told);
      vars._noted = true;
      if (step.on.changed) return await jump(flow, step.on.changed, convo, bot);
    }
    // What the bot knew already ("Saint-Michel" after a Saint-Michel postal code) is no misunderstanding either.
    vars._again = true;
    return await convo.repeat();
  }
  vars._misses = (vars._misses ?? 0) + 1;
  if (vars._misses >= 2) return await jump(flow, `flow:${FLOW.personOffer}`, convo, bot, { reason: 'not_understood' });
  vars._sorry = true;
  return await convo.repeat();
}

/** Goes to a thread of this flow, another flow (with the family's profile), or the end. */
async function jump(flow: Flow, target: string, convo: BotkitDialogWrapper, bot: BotWorker, extra: Record<string, unknown> = {}): Promise<void> {
  if (target === 'end') return convo.stop();
  if (!target.startsWith('flow:')) return convo.gotoThread(target);
  const next = target.slice('flow:'.length);
  const vars = convo.vars as FlowVars;
  if (next === flow.id) {
    // Restarting the same dialog from inside it would confuse Botkit's step bookkeeping: jump to its start.
    Object.assign(convo.vars, extra);
    return convo.gotoThread('default');
  }
  await bot.replaceDialog(next, { profile: vars.profile, need: vars.need, pending: vars.pending, ...extra });
}
