import { randomUUID } from 'node:crypto';
import { Prisma } from '../generated/prisma/client.ts';
import type { Contact, Message } from '../generated/prisma/client.ts';
import type { SqlRunner } from '../db/Database.ts';
import { FAMILY_COLUMNS, type FamilyField } from '../domain/family.ts';
import { TurnUnit, type OpenHandoff } from '../turn/TurnUnit.ts';
import { botAnswersSql } from '../handoff/backToBot.ts';

// Field → column of the two tables a turn reads; one JSON object carries both rows.
const MESSAGE_COLUMNS = {
  id: 'id', contactId: 'contact_id', conversationId: 'conversation_id', direction: 'direction', twilioSid: 'twilio_sid',
  ourAddress: 'our_address', body: 'body', numMedia: 'num_media', media: 'media', optOutType: 'opt_out_type', author: 'author',
  messageType: 'message_type', latitude: 'latitude', longitude: 'longitude', locationLabel: 'location_label', buttonPayload: 'button_payload',
  status: 'status', errorCode: 'error_code', createdAt: 'created_at', processedAt: 'processed_at', attempts: 'attempts', statusAt: 'status_at',
} as const satisfies Partial<Record<keyof Message, string>>;

const CONTACT_COLUMNS = {
  id: 'id', address: 'address', phone: 'phone', channel: 'channel',
  ...(Object.fromEntries(Object.entries(FAMILY_COLUMNS).map(([field, { column }]) => [field, column])) as Record<FamilyField, string>),
  lastInboundAt: 'last_inbound_at', createdAt: 'created_at', updatedAt: 'updated_at',
} satisfies Record<keyof Contact, string>;

// JSON has no time: these come as ISO 8601 text (`timestamptz`, with its offset; `date`, read as UTC midnight as elsewhere).
const MESSAGE_TIMES = ['createdAt', 'processedAt', 'statusAt'] as const satisfies readonly (keyof Message)[];
const CONTACT_TIMES = [
  ...(Object.entries(FAMILY_COLUMNS) as [FamilyField, { type: string }][]).filter(([, { type }]) => type === 'timestamptz' || type === 'date').map(([field]) => field),
  'lastInboundAt', 'createdAt', 'updatedAt',
] as (keyof Contact)[];

const jsonObject = (alias: string, columns: Record<string, string>) =>
  `json_build_object(${Object.entries(columns).map(([field, column]) => `'${field}', ${alias}."${column}"`).join(', ')})`;

/**
 * What a turn reads about message `m` of contact `c`, as one JSON object for `turnInputFrom`: the two
 * rows (keys named as Prisma's fields), the contact's latest conversation, its dialog state, its
 * open handoff, and whether a person of the team talked with it before (a handoff a worker took or
 * closed, since resolved). Shared by `loadTurn` and by `commitTurn`, which loads the family's next
 * turn with the commit of the previous one. One column, not one per field: the ~50 columns' descriptions and
 * values cost the pg client more to parse on every turn than the JSON text does.
 */
export const TURN_JSON = Prisma.raw(`json_build_object(
      'message', ${jsonObject('m', MESSAGE_COLUMNS)},
      'contact', ${jsonObject('c', CONTACT_COLUMNS)},
      'openConversationId', (SELECT id FROM conversations
        WHERE contact_id = c.id ORDER BY created_at DESC LIMIT 1),
      'dialogState', (SELECT coalesce(json_agg(json_build_object('key', key, 'json', data::text, 'etag', etag)), '[]'::json)
        FROM dialog_state WHERE contact_id = c.id),
      'openHandoff', (SELECT json_build_object('id', h.id, 'status', h.status, 'priority', h.priority, 'botAnswers', ${botAnswersSql('h')}) FROM handoffs h
        WHERE h.contact_id = c.id AND h.status <> 'resolved' LIMIT 1),
      'talkedWithTeam', EXISTS (SELECT 1 FROM handoffs h
        WHERE h.contact_id = c.id AND h.status = 'resolved' AND (h.claimed_by IS NOT NULL OR h.resolved_by IS NOT NULL)))`);

/** The object `TURN_JSON` builds, as the driver parses it. */
export interface TurnJson {
  message: Record<string, unknown>;
  contact: Record<string, unknown>;
  openConversationId: string | null;
  dialogState: { key: string; json: string; etag: string }[];
  openHandoff: OpenHandoff | null;
  talkedWithTeam: boolean;
}

/** What one turn works on. */
export interface TurnInput {
  message: Message;
  unit: TurnUnit;
  /** Another unhandled message from this contact is waiting after this one. */
  hasMore: boolean;
  /**
   * The family's unhandled messages after this one, in order, as loaded with it (at most
   * `TURNS_PER_COMMIT`): their turns can run before this one commits (`followingTurn`).
   */
  following: Message[];
  /** More messages may wait after those of `following` (they were not loaded). */
  moreUnloaded: boolean;
}

/**
 * At most this many turns of one family are committed in one statement: when a family's
 * messages wait (a burst, or a parent who types in three short messages), their turns run one
 * after the other in memory and commit together (`followingTurn`, `mergeTurns`, `commitTurn`).
 * One commit instead of eight saved most of PostgreSQL's work per message in the burst of
 * `npm run bench` (bench/RESULTS.md); the first reply waits for the batch's turns (about 1 ms each).
 */
export const TURNS_PER_COMMIT = 8;

/**
 * The `LoadedTurn` fields beside 'turn' (for `json_build_object`): `waiting`, the CTE of the
 * family's unhandled messages (oldest first, at most `TURNS_PER_COMMIT + 1`); `current`, the
 * alias of the turn's own message.
 */
export const WAITING_FIELDS = (waiting: string, current: string) =>
  Prisma.raw(`'waiting', (SELECT count(*) FROM ${waiting})::int, 'following', (SELECT coalesce(json_agg(${jsonObject('f', MESSAGE_COLUMNS)} ORDER BY f.id), '[]'::json)
        FROM messages f WHERE f.id IN (SELECT id FROM ${waiting}) AND f.id <> ${current}.id)`);

/** A turn's JSON with its family's waiting messages (`loadTurn`, and `commitTurn` loading the next turn). */
export interface LoadedTurn {
  turn: TurnJson;
  /** Unhandled messages of the family, this one included, counted up to `TURNS_PER_COMMIT + 1`. */
  waiting: number;
  following: Record<string, unknown>[];
}

/**
 * In one read-only statement: the contact's oldest unhandled inbound message, the contact, its
 * open conversation and its dialog state, with the family's next unhandled messages
 * (`following`). Nothing is locked: `commitTurn` applies the turn only if the message is still
 * unhandled, so two instances racing on a family cannot both answer.
 */
export async function loadTurn(db: SqlRunner, contactId: string): Promise<TurnInput | undefined> {
  const rows = await db.$queryRaw<{ loaded: LoadedTurn }[]>(Prisma.sql`
    WITH waiting AS (
      SELECT id FROM messages
      WHERE contact_id = ${contactId}::uuid AND direction = 'inbound' AND processed_at IS NULL
      ORDER BY id LIMIT ${TURNS_PER_COMMIT + 1}
    )
    SELECT json_build_object('turn', ${TURN_JSON}, ${WAITING_FIELDS('waiting', 'm')}) AS loaded
    FROM messages m JOIN contacts c ON c.id = m.contact_id
    WHERE m.id = (SELECT min(id) FROM waiting)`);
  return rows[0] ? turnInputFrom(rows[0].loaded) : undefined;
}

/**
 * The turn read from a `TURN_JSON` object and the family's waiting messages loaded with it.
 * `after`: what the family's previous turn committed in the same statement, which that statement
 * could not see yet (its dialog-state writes and deletes, its changes to the family, the
 * conversation or handoff it opened).
 */
export function turnInputFrom(
  loaded: LoadedTurn,
  after?: { unit: TurnUnit; receivedAt: Date; openedHandoff: OpenHandoff | null },
): TurnInput {
  const { turn } = loaded;
  const message = withTimes(turn.message, MESSAGE_TIMES) as unknown as Message;
  const contact = withTimes(turn.contact, CONTACT_TIMES) as unknown as Contact;
  const state = new Map<string, { json: string; etag: string }>();
  for (const item of turn.dialogState) state.set(item.key, { json: item.json, etag: item.etag });
  let latestConversationId = turn.openConversationId;
  let openHandoff = turn.openHandoff;
  if (after) {
    const { unit } = after;
    Object.assign(contact, unit.contactChanges, { lastInboundAt: after.receivedAt });
    applyStateChanges(state, unit);
    if (unit.conversationIsNew || latestConversationId === null) latestConversationId = unit.conversationId;
    // A request of that turn: the handoff as it left it (a family the bot answered is held again).
    openHandoff = after.openedHandoff ?? openHandoff;
  }
  const openConversationId = message.conversationId ?? latestConversationId;
  const following = loaded.following.map((row) => withTimes(row, MESSAGE_TIMES) as unknown as Message);
  return {
    message,
    unit: new TurnUnit(message.id, contact, openConversationId ?? randomUUID(), openConversationId === null, state, openHandoff, turn.talkedWithTeam),
    hasMore: loaded.waiting > 1,
    following,
    // Counted up to TURNS_PER_COMMIT + 1 and all loaded: at the limit, more may wait unseen.
    moreUnloaded: loaded.waiting > TURNS_PER_COMMIT,
  };
}

/**
 * The turn of the family's next waiting message (`input.following`), as `loadTurn` would load it
 * once `unit`, the turn of `input`, is committed: the family's record and dialog state with the
 * unit's changes, in the same conversation. Undefined when no message was loaded after it, or
 * when that message belongs to another conversation (it then waits for the commit).
 */
export function followingTurn(input: TurnInput, unit: TurnUnit): TurnInput | undefined {
  const [message, ...rest] = input.following;
  if (!message) return undefined;
  if (message.conversationId !== null && message.conversationId !== unit.conversationId) return undefined;
  const contact = { ...unit.contact, lastInboundAt: input.message.createdAt };
  const state = new Map(unit.state);
  applyStateChanges(state, unit);
  const next = new TurnUnit(message.id, contact, unit.conversationId, false, state, unit.openHandoff, unit.talkedWithTeam);
  next.eventsBefore = [...unit.eventsBefore, ...unit.events];
  return {
    message,
    unit: next,
    hasMore: rest.length > 0 || input.moreUnloaded,
    following: rest,
    moreUnloaded: input.moreUnloaded,
  };
}

/**
 * The turns of one family's consecutive messages (`followingTurn`, oldest first) as one unit
 * for `commitTurn`: every message handled, the replies and events in order, the family's changes
 * and dialog state as the last turn left them. A dialog-state key keeps the eTag the first turn
 * that wrote it expected (the one in the database); a key deleted and then written again is
 * written over whatever is there. One turn is returned as it is.
 */
export function mergeTurns(units: readonly TurnUnit[]): TurnUnit {
  const first = units[0];
  const last = units.at(-1);
  if (!first || !last) throw new Error('mergeTurns: no turn');
  if (units.length === 1) return first;
  const merged = new TurnUnit(last.messageId, last.contact, first.conversationId, first.conversationIsNew, first.state, first.openHandoff, first.talkedWithTeam);
  // Only the last turn of a batch may go back to the bot (it ends the batch).
  merged.backToBot = last.backToBot;
  merged.earlierMessageIds = units.slice(0, -1).map((unit) => unit.messageId);
  for (const unit of units) {
    merged.replies.push(...unit.replies);
    merged.events.push(...unit.events);
    Object.assign(merged.contactChanges, unit.contactChanges);
    for (const [key, write] of unit.stateWrites) {
      const earlier = merged.stateWrites.get(key);
      const wasDeleted = merged.stateDeletes.delete(key);
      merged.stateWrites.set(key, { ...write, expectedETag: earlier ? earlier.expectedETag : wasDeleted ? undefined : write.expectedETag });
    }
    for (const key of unit.stateDeletes) {
      merged.stateWrites.delete(key);
      merged.stateDeletes.add(key);
    }
    const request = unit.handoffRequest;
    if (request && (!merged.handoffRequest || request.priority > merged.handoffRequest.priority)) merged.handoffRequest = request;
  }
  return merged;
}

/** `state` (key → JSON text and eTag) as `unit` leaves it: its writes, with their new eTags, over it; its deletes gone. */
function applyStateChanges(state: Map<string, { json: string; etag: string }>, unit: TurnUnit): void {
  for (const write of unit.stateWrites.values()) state.set(write.key, { json: write.json, etag: write.newETag });
  for (const key of unit.stateDeletes) state.delete(key);
}

function withTimes(row: Record<string, unknown>, fields: readonly string[]): Record<string, unknown> {
  for (const field of fields) {
    const value = row[field];
    if (typeof value === 'string') row[field] = new Date(value);
  }
  return row;
}
