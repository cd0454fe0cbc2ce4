import type { BotkitDialogWrapper, BotWorker } from 'botkit';
import type { Database } from '../db/Database.ts';
import type { Logger } from '../log.ts';
import { translate } from '../i18n.ts';
import type { OfficeHours } from '../handoff/officeHours.ts';
import { describeAnswerTime } from '../handoff/describeAnswerTime.ts';
import { familyLanguage, type FamilyMessage } from '../turn/family.ts';
import { handoffPriority, type ContactChanges, type TurnUnit } from '../turn/TurnUnit.ts';
import { searchDirectory, type DirectoryResult } from '../directory/searchDirectory.ts';
import { queryFromMessage } from '../directory/queryFromMessage.ts';
import { analyze } from '../nlu/index.ts';
import { needOf, type Need } from '../domain/needs.ts';
import { UNLISTED_NEED_IDS, unlistedNeed, type UnlistedNeed } from '../directory/unlistedNeeds.ts';
import type { ActionName } from './actionOutcomes.ts';
import { FLOW } from './flowIds.ts';
import { knownProfile, type FamilyProfile } from './profile.ts';
import { renderDetails, renderListHint, renderResultList } from './renderResults.ts';

/** What the flows' actions use from the running app. */
export interface FlowRuntime {
  db: Database;
  log: Logger;
  now: () => Date;
  /** When the team answers, to tell a family that asks for a person. */
  officeHours: OfficeHours;
}

export interface ActionInput {
  runtime: FlowRuntime;
  /** The turn the action runs in: what it records and changes lands with the turn's commit. */
  turn: TurnUnit;
  bot: BotWorker;
  convo: BotkitDialogWrapper;
  message: FamilyMessage;
  /** The step's `with:`. */
  args: Record<string, unknown>;
}

/** A profile field a search may need, as the need flows name them in `asks`. */
export type ProfileQuestion = 'child_age' | 'due_date' | 'place';

/** Dialog variables the actions share (the rest of `convo.vars` is Botkit's). */
export interface FlowVars {
  profile?: FamilyProfile;
  need?: Need;
  asks?: ProfileQuestion[];
  skipped?: Partial<Record<string, boolean>>;
  /** The question the family wrote before the consent notice, answered right after it. */
  pending?: { need?: Need; unlisted?: UnlistedNeed; profile?: FamilyProfile; question?: string };
  /** A need outside the directory the family asked about (flow `unlisted_need`), and its name in the family's language. */
  unlisted?: UnlistedNeed;
  topic?: string;
  /** The family's own words for its need: they rank the programs that answer them first. */
  question?: string;
  results?: DirectoryResult[];
  offset?: number;
  total?: number;
  pick?: number;
  picked?: string;
  list?: string;
  hint?: string;
  details?: string;
  count?: number;
  /** When a person of the team will answer ("tomorrow from 9:00"). */
  when?: string;
  /** Why the family is offered a person (flows started with `with: {reason}`). */
  reason?: string;
}

const PAGE = 3;


/** The code behind each `do:` of the flows; returns the outcome when the action has some. */
export const ACTIONS: Record<ActionName, (input: ActionInput) => Promise<string | undefined>> = {
  async record_consent({ runtime, turn, convo, args }) {
    const given = args.given === true;
    turn.updateContact({ consentGiven: given, consentAt: runtime.now() });
    turn.recordEvent({ type: 'consent', data: { given } });
    const vars = convo.vars as FlowVars;
    // What the family said before saying yes is kept only now.
    if (given) rememberProfile(turn, vars.pending?.profile ?? {});
    return undefined;
  },

  async consent_notice({ turn }) {
    return turn.talkedWithTeam ? 'returning' : 'first_contact';
  },

  async continue({ bot, convo }) {
    const vars = convo.vars as FlowVars;
    const profile = { ...vars.pending?.profile, ...vars.profile };
    if (vars.pending?.need) await bot.replaceDialog(vars.pending.need, { profile, question: vars.pending.question });
    else if (vars.pending?.unlisted) await bot.replaceDialog(FLOW.unlistedNeed, { profile, unlisted: vars.pending.unlisted });
    else await bot.replaceDialog(FLOW.menu, { profile });
    return undefined;
  },

  async after_language({ message }) {
    return message.contact.consentAt ? 'done' : 'first_contact';
  },

  async next_question({ message, convo }) {
    const vars = convo.vars as FlowVars;
    const profile = knownProfile(message.contact, vars.profile);
    const skipped = vars.skipped ?? {};
    for (const ask of vars.asks ?? []) {
      if (ask === 'child_age' && profile.ageMonths === undefined && profile.pregnant !== true && !skipped.age) return 'child_age';
      if (ask === 'due_date' && profile.pregnant !== false && !profile.dueDate && profile.ageMonths === undefined && !skipped.due_date) return 'due_date';
      if (ask === 'place' && !profile.neighbourhood && !profile.postalCode && !profile.noPlace && !skipped.place) return 'place';
    }
    return 'ready';
  },

  async search(input) {
    (input.convo.vars as FlowVars).offset = 0;
    return showPage(input);
  },

  async next_page(input) {
    const vars = input.convo.vars as FlowVars;
    // The list on screen stays valid when there is nothing more to show.
    if ((vars.offset ?? 0) + PAGE >= (vars.total ?? 0)) return 'none';
    vars.offset = (vars.offset ?? 0) + PAGE;
    return showPage(input);
  },

  async show_details({ runtime, turn, message, convo }) {
    const vars = convo.vars as FlowVars;
    const result = vars.results?.[(vars.pick ?? 1) - 1];
    if (!result) return undefined;
    const language = familyLanguage(message.contact);
    vars.details = renderDetails(result, { language, channel: channelOf(message), around: translate(language, 'results.details', { details: '' }) });
    vars.picked = result.id;
    turn.recordEvent({ type: 'referral', data: { serviceId: result.id, need: vars.need ?? null } });
    runtime.log.debug({ serviceId: result.id }, 'flows: referral');
    return undefined;
  },

  async record_feedback({ turn, convo, args }) {
    const vars = convo.vars as FlowVars;
    turn.recordEvent({ type: 'feedback', data: { useful: args.useful === true, serviceId: vars.picked ?? null } });
    return undefined;
  },

  async request_person({ runtime, turn, message, args, convo }) {
    const vars = convo.vars as FlowVars;
    vars.when = describeAnswerTime(runtime.officeHours, runtime.now(), familyLanguage(message.contact));
    const reason = typeof args.reason === 'string' ? args.reason : typeof vars.reason === 'string' ? vars.reason : 'asked';
    turn.requestHandoff({ reason, priority: handoffPriority(args.priority), data: { need: vars.need ?? vars.unlisted ?? null } });
    return undefined;
  },

  async record_unmet_need({ turn, message, convo }) {
    const vars = convo.vars as FlowVars;
    const need = UNLISTED_NEED_IDS.find((known) => known === vars.unlisted) ?? unlistedNeed(message.text ?? '') ?? 'other';
    const language = familyLanguage(message.contact);
    vars.topic = translate(language, `unlisted.topic.${need}`);
    // What the neighbourhood tables report on: what families ask for that nobody offers, and where
    // (the neighbourhood only with the family's consent, like everything it says about itself).
    const neighbourhood = message.contact.consentGiven ? (knownProfile(message.contact, vars.profile).neighbourhood ?? null) : null;
    turn.recordEvent({ type: 'unmet_need', data: { need, neighbourhood, language, channel: channelOf(message) } });
    return undefined;
  },

  async erase_data({ turn }) {
    turn.erase = true;
    return undefined;
  },
};

/** Keeps what the family told on its record, with the turn's commit, when it consented. */
export function rememberProfile(turn: TurnUnit, learned: FamilyProfile): void {
  const contact = turn.contact;
  const changes: ContactChanges = {};
  if (!contact.consentGiven) return;
  if (learned.ageMonths !== undefined) {
    const ages = new Set(contact.childrenAgesMonths ?? []);
    ages.add(learned.ageMonths);
    changes.childrenAgesMonths = [...ages].sort((a, b) => a - b).slice(0, 10);
  }
  if (learned.pregnant !== undefined) changes.pregnant = learned.pregnant;
  if (learned.dueDate) changes.dueDate = new Date(`${learned.dueDate}T00:00:00Z`);
  // A place is one: a neighbourhood told alone forgets the postal code of another one, and the reverse.
  if (learned.neighbourhood || learned.postalCode) {
    changes.neighbourhood = learned.neighbourhood ?? null;
    changes.postalCode = learned.postalCode ?? null;
  }
  if (Object.keys(changes).length > 0) turn.updateContact(changes);
}

/**
 * Merges what an answer taught into the conversation's profile and, with consent, the record. A
 * place told (a neighbourhood, a postal code or both) replaces the whole place known before.
 */
export function learn(turn: TurnUnit, vars: FlowVars, learned: FamilyProfile): void {
  const cleaned = Object.fromEntries(Object.entries(learned).filter(([, value]) => value !== undefined)) as FamilyProfile;
  const before = { ...vars.profile };
  if (cleaned.neighbourhood || cleaned.postalCode) {
    delete before.neighbourhood;
    delete before.postalCode;
  }
  vars.profile = { ...before, ...cleaned };
  rememberProfile(turn, cleaned);
}

async function showPage({ runtime, message, convo }: ActionInput): Promise<string> {
  const vars = convo.vars as FlowVars;
  const language = familyLanguage(message.contact);
  const channel = channelOf(message);
  const profile = knownProfile(message.contact, vars.profile);
  const need = needOf(vars.need) ?? 'events';
  // The words of the family's question, without its ages and places, weigh in the ranking.
  const words = vars.question ? queryFromMessage({ text: vars.question, nlu: analyze(vars.question, { currentLanguage: language }) }, {}).text : undefined;
  const found = await searchDirectory(runtime.db, {
    need,
    ageMonths: profile.ageMonths,
    pregnant: profile.pregnant ?? (need === 'prenatal' ? true : undefined),
    neighbourhood: profile.neighbourhood,
    language,
    text: words,
    limit: PAGE,
    offset: vars.offset ?? 0,
  });
  // "What comes closest" changes the need or the place, never both: another need only nearby (or city-wide).
  const otherNeeds = (found.nearest?.otherNeedsNearby ?? []).filter((result) => result.why.place !== 'other');
  const offered = found.results.length > 0 ? found.results : [...(found.nearest?.sameNeedElsewhere ?? []), ...otherNeeds].slice(0, PAGE);
  vars.results = offered;
  vars.total = found.total;
  vars.count = offered.length;
  vars.hint = offered.length > 0 ? renderListHint(offered.length, found.results.length > 0 && (vars.offset ?? 0) + PAGE < found.total, language) : '';
  // The message the list goes in, to fit it in two SMS segments.
  const around = translate(language, found.results.length > 0 ? 'results.page' : 'results.nearby', { list: '', hint: vars.hint, count: offered.length });
  vars.list = renderResultList(offered, { language, channel, around });
  if (found.results.length > 0) return 'found';
  return offered.length > 0 ? 'nearby' : 'none';
}

function channelOf(message: FamilyMessage): 'sms' | 'whatsapp' {
  return message.contact.channel === 'whatsapp' ? 'whatsapp' : 'sms';
}
