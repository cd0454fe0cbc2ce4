import type { TurnContext } from 'botbuilder';
import type { FamilyField } from '../domain/family.ts';
import type { Contact } from '../generated/prisma/client.ts';
import type { ReservedJob } from '../outbox/OutboxDispatcher.ts';

/** A reply written during a turn, waiting for the turn to commit. */
export interface PendingReply {
  to: string;
  from: string;
  body: string;
  transactional: boolean;
  author: 'bot' | 'worker';
}

/**
 * A dialog-state write, its data as JSON text (as the commit stores it and the next turn reads
 * it): `expectedETag` undefined or "*" overwrites; otherwise it must still match.
 */
export interface PendingStateWrite {
  key: string;
  json: string;
  expectedETag: string | undefined;
  newETag: string;
}

/** Fields of the family's record a turn may change (`FAMILY_COLUMNS`). */
export type ContactChanges = Partial<Pick<Contact, FamilyField>>;

/** 0 normal, 1 high (a housing emergency), 2 urgent (a crisis). */
export type HandoffPriority = 0 | 1 | 2;
const PRIORITY_NAMES = ['normal', 'high', 'urgent'] as const;

/** A request for a person of the team. */
export interface HandoffRequest {
  reason: string;
  priority: HandoffPriority;
  data?: Record<string, unknown>;
}

/** The family's open handoff, as its turn was loaded. */
export interface OpenHandoff {
  id: string;
  /** waiting: nobody of the team has claimed it yet; active: a worker holds the conversation. */
  status: 'waiting' | 'active';
  priority: HandoffPriority;
  /** The family went back to the bot (MENU) while its urgent request waits: the bot answers it meanwhile. */
  botAnswers: boolean;
}

/**
 * The family went back to the bot (MENU) while its request waited: `withdrawn` resolves a request
 * that was not urgent; `kept` leaves an urgent one in the queue, the bot answering meanwhile.
 */
export interface BackToBot {
  handoffId: string;
  outcome: 'withdrawn' | 'kept';
}

/** The priority named in a flow (`with: {priority: high}`). */
export function handoffPriority(name: unknown): HandoffPriority {
  const index = PRIORITY_NAMES.indexOf(name as (typeof PRIORITY_NAMES)[number]);
  return index < 0 ? 0 : (index as HandoffPriority);
}

/** Something the team reports on (consent, a referral, feedback, a person asked for), written with the turn. */
export interface PendingEvent {
  type: 'consent' | 'referral' | 'feedback' | 'handoff_requested' | 'unmet_need' | 'loop_guard' | 'handoff_reminder';
  data: Record<string, unknown>;
}

/**
 * A reply committed already reserved for sending ("sending", leased), for the local outbox;
 * `optedOut` (not transactional, and the family opted out) makes the outbox record it failed.
 */
export type StartedSend = ReservedJob;

/**
 * Everything one turn reads and writes. The turn reads from what was loaded with the message and
 * writes here; `commitTurn` then applies it all in one statement, only if the message is still
 * unhandled, so a turn's effects land together or not at all.
 */
export class TurnUnit {
  readonly replies: PendingReply[] = [];
  readonly stateWrites = new Map<string, PendingStateWrite>();
  readonly stateDeletes = new Set<string>();
  readonly contactChanges: ContactChanges = {};
  readonly events: PendingEvent[] = [];
  /**
   * Messages of the family handled by this unit's commit before `messageId`: their turns ran
   * first, in memory, and were merged into this unit (`mergeTurns`). Empty for a single turn.
   */
  earlierMessageIds: number[] = [];
  /**
   * Events recorded by the family's earlier turns that run before this one and commit with it
   * (`followingTurn`): what a turn would otherwise read back from the database (a reminder sent).
   */
  eventsBefore: readonly PendingEvent[] = [];
  /** The family asked to be forgotten: erase its data in the commit's transaction. */
  erase = false;
  /** The team is asked to write to the family (the most urgent request of the turn). */
  handoffRequest: HandoffRequest | undefined;
  /** The family went back to the bot while its request waited; a request in the same turn wins. */
  backToBot: BackToBot | undefined;
  /** Replies the commit reserved for this instance to send at once (see `commitTurn`'s `startSending`). */
  startedSends: StartedSend[] = [];
  /** Earlier replies of the family were still being sent by this instance when those were reserved. */
  startedBehind = false;

  constructor(
    readonly messageId: number,
    readonly contact: Contact,
    readonly conversationId: string,
    /** The conversation does not exist yet: the commit creates it. */
    readonly conversationIsNew: boolean,
    /** Dialog state as loaded: key → data (JSON text, parsed afresh by each read) and eTag. */
    readonly state: Map<string, { json: string; etag: string }>,
    /** The family's open handoff, if a person of the team has it or will: then the bot stays quiet (unless `botAnswers`). */
    readonly openHandoff: OpenHandoff | null = null,
    /** A person of the team has talked with the family before (took or closed a request of it, since handed back). */
    readonly talkedWithTeam = false,
  ) {}

  /** The first error a handler hit: the turn is then thrown away and retried, nothing written. */
  failure: Error | undefined;

  /**
   * Marks the turn failed. Botkit runs handlers inside callbacks nobody awaits, so an error
   * thrown there would hang the turn and surface as an unhandled rejection: handlers report here.
   */
  fail(error: unknown): void {
    this.failure ??= error instanceof Error ? error : new Error(String(error));
  }

  /** Asks the team for a person; the commit opens a handoff, or raises the priority of the open one. */
  requestHandoff(request: HandoffRequest): void {
    if (!this.handoffRequest || request.priority > this.handoffRequest.priority) this.handoffRequest = request;
    this.recordEvent({ type: 'handoff_requested', data: { reason: request.reason, priority: PRIORITY_NAMES[request.priority], ...request.data } });
  }

  /** Records an event with the turn's commit. */
  recordEvent(event: PendingEvent): void {
    this.events.push(event);
  }

  /** Changes the family's record now (for the rest of the turn) and at commit. */
  updateContact(changes: ContactChanges): void {
    Object.assign(this.contactChanges, changes);
    Object.assign(this.contact, changes);
  }
}

// Where a turn's unit rides on botbuilder's TurnContext (Botkit's place for per-turn data).
const TURN_STATE_KEY = Symbol('bienvenue.turn');

/** Puts `unit` on the context of the turn it belongs to (the adapter does, before running the bot). */
export function attachTurn(context: TurnContext, unit: TurnUnit): void {
  context.turnState.set(TURN_STATE_KEY, unit);
}

/**
 * The unit of the turn `context` belongs to. Throws when there is none: everything the bot
 * writes lands with a turn's commit, so a write without one is a bug to surface, not to drop.
 */
export function turnOf(context: TurnContext | undefined): TurnUnit {
  const unit = context?.turnState.get(TURN_STATE_KEY) as TurnUnit | undefined;
  if (!unit) throw new Error('no turn: the bot ran outside TurnRunner (nothing it writes would be committed)');
  return unit;
}
