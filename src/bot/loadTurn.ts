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
}

/**
 * In one read-only statement: the contact's oldest unhandled inbound message, the contact, its
 * open conversation and its dialog state. Nothing is locked: `commitTurn` applies the turn only
 * if the message is still unhandled, so two instances racing on a family cannot both answer.
 */
export async function loadTurn(db: SqlRunner, contactId: string): Promise<TurnInput | undefined> {
  const rows = await db.$queryRaw<{ turn: TurnJson; hasMore: boolean }[]>(Prisma.sql`
    WITH waiting AS (
      SELECT id FROM messages
      WHERE contact_id = ${contactId}::uuid AND direction = 'inbound' AND processed_at IS NULL
      ORDER BY id LIMIT 2
    )
    SELECT ${TURN_JSON} AS turn, (SELECT count(*) FROM waiting) > 1 AS "hasMore"
    FROM messages m JOIN contacts c ON c.id = m.contact_id
    WHERE m.id = (SELECT min(id) FROM waiting)`);
  return rows[0] ? turnInputFrom(rows[0].turn, rows[0].hasMore) : undefined;
}

/**
 * The turn read from a `TURN_JSON` object; `hasMore`: another message of the family waits after
 * it. `after`: what the family's previous turn committed in the same statement, which that
 * statement could not see yet (its dialog-state writes and deletes, its changes to the family, the
 * conversation or handoff it opened).
 */
export function turnInputFrom(
  turn: TurnJson,
  hasMore: boolean,
  after?: { unit: TurnUnit; receivedAt: Date; openedHandoff: OpenHandoff | null },
): TurnInput {
  const message = withTimes(turn.message, MESSAGE_TIMES) as unknown as Message;
  const contact = withTimes(turn.contact, CONTACT_TIMES) as unknown as Contact;
  const state = new Map<string, { json: string; etag: string }>();
  for (const item of turn.dialogState) state.set(item.key, { json: item.json, etag: item.etag });
  let latestConversationId = turn.openConversationId;
  let openHandoff = turn.openHandoff;
  if (after) {
    const { unit } = after;
    Object.assign(contact, unit.contactChanges, { lastInboundAt: after.receivedAt });
    for (const write of unit.stateWrites.values()) state.set(write.key, { json: write.json, etag: write.newETag });
    for (const key of unit.stateDeletes) state.delete(key);
    if (unit.conversationIsNew || latestConversationId === null) latestConversationId = unit.conversationId;
    // A request of that turn: the handoff as it left it (a family the bot answered is held again).
    openHandoff = after.openedHandoff ?? openHandoff;
  }
  const openConversationId = message.conversationId ?? latestConversationId;
  return {
    message,
    unit: new TurnUnit(message.id, contact, openConversationId ?? randomUUID(), openConversationId === null, state, openHandoff, turn.talkedWithTeam),
    hasMore,
  };
}

function withTimes(row: Record<string, unknown>, fields: readonly string[]): Record<string, unknown> {
  for (const field of fields) {
    const value = row[field];
    if (typeof value === 'string') row[field] = new Date(value);
  }
  return row;
}
