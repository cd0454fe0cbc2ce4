import { randomUUID } from 'node:crypto';
import { Prisma } from '../generated/prisma/client.ts';
import type { Contact, Message } from '../generated/prisma/client.ts';
import type { SqlRunner } from '../db/Database.ts';
import { FAMILY_COLUMNS, type FamilyField } from '../domain/family.ts';
import { TurnUnit } from '../turn/TurnUnit.ts';

// Column → field names of the two tables a turn reads; one query returns both rows.
const MESSAGE_FIELDS = {
  id: 'id', contact_id: 'contactId', conversation_id: 'conversationId', direction: 'direction', twilio_sid: 'twilioSid',
  our_address: 'ourAddress', body: 'body', num_media: 'numMedia', media: 'media', opt_out_type: 'optOutType', author: 'author',
  message_type: 'messageType', latitude: 'latitude', longitude: 'longitude', location_label: 'locationLabel', button_payload: 'buttonPayload',
  status: 'status', error_code: 'errorCode', created_at: 'createdAt', processed_at: 'processedAt', attempts: 'attempts', status_at: 'statusAt',
} as const satisfies Record<string, keyof Message>;

const CONTACT_FIELDS = {
  id: 'id', address: 'address', phone: 'phone', channel: 'channel',
  ...(Object.fromEntries(Object.entries(FAMILY_COLUMNS).map(([field, { column }]) => [column, field])) as Record<string, FamilyField>),
  last_inbound_at: 'lastInboundAt', created_at: 'createdAt', updated_at: 'updatedAt',
} satisfies Record<string, keyof Contact>;

const ENUM_COLUMNS = new Set(['channel', 'direction', 'author']);
const selectList = (alias: string, fields: Record<string, string>, prefix: string) =>
  Object.entries(fields)
    .map(([column, field]) => `${alias}."${column}"${ENUM_COLUMNS.has(column) ? '::text' : ''} AS "${prefix}${field}"`)
    .join(', ');

const COLUMNS = Prisma.raw(`${selectList('m', MESSAGE_FIELDS, 'm.')}, ${selectList('c', CONTACT_FIELDS, 'c.')}`);

/**
 * What a turn reads about message `m` of contact `c`, as columns for `turnInputFrom`: the two rows,
 * the contact's latest conversation, its dialog state and its open handoff. Shared by `loadTurn`
 * and by `commitTurn`, which loads the family's next turn with the commit of the previous one.
 */
export const TURN_COLUMNS = Prisma.sql`${COLUMNS},
      (SELECT id FROM conversations
        WHERE contact_id = c.id ORDER BY created_at DESC LIMIT 1) AS "openConversationId",
      (SELECT coalesce(json_agg(json_build_object('key', key, 'json', data::text, 'etag', etag)), '[]'::json)
        FROM dialog_state WHERE contact_id = c.id) AS "dialogState",
      (SELECT json_build_object('id', h.id, 'status', h.status) FROM handoffs h
        WHERE h.contact_id = c.id AND h.status <> 'resolved' LIMIT 1) AS "openHandoff"`;

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
  const rows = await db.$queryRaw<Record<string, unknown>[]>(Prisma.sql`
    WITH waiting AS (
      SELECT id FROM messages
      WHERE contact_id = ${contactId}::uuid AND direction = 'inbound' AND processed_at IS NULL
      ORDER BY id LIMIT 2
    )
    SELECT ${TURN_COLUMNS},
      (SELECT count(*) FROM waiting) > 1 AS "hasMore"
    FROM messages m JOIN contacts c ON c.id = m.contact_id
    WHERE m.id = (SELECT min(id) FROM waiting)`);
  return rows[0] ? turnInputFrom(rows[0]) : undefined;
}

/**
 * The turn read from a row of `TURN_COLUMNS` and "hasMore". `after`: what the family's previous
 * turn committed in the same statement, which that statement could not see yet (its dialog-state
 * writes and deletes, its changes to the family, the conversation or handoff it opened).
 */
export function turnInputFrom(
  row: Record<string, unknown>,
  after?: { unit: TurnUnit; receivedAt: Date; openedHandoff: { id: string; status: 'waiting' | 'active' } | null },
): TurnInput {
  const message = pick(row, 'm.', MESSAGE_FIELDS) as unknown as Message;
  const contact = pick(row, 'c.', CONTACT_FIELDS) as unknown as Contact;
  const state = new Map<string, { json: string; etag: string }>();
  for (const item of row.dialogState as { key: string; json: string; etag: string }[]) state.set(item.key, { json: item.json, etag: item.etag });
  let latestConversationId = (row.openConversationId ?? null) as string | null;
  let openHandoff = (row.openHandoff as { id: string; status: 'waiting' | 'active' } | null) ?? null;
  if (after) {
    const { unit } = after;
    Object.assign(contact, unit.contactChanges, { lastInboundAt: after.receivedAt });
    for (const write of unit.stateWrites.values()) state.set(write.key, { json: write.json, etag: write.newETag });
    for (const key of unit.stateDeletes) state.delete(key);
    if (unit.conversationIsNew || latestConversationId === null) latestConversationId = unit.conversationId;
    openHandoff ??= after.openedHandoff;
  }
  const openConversationId = message.conversationId ?? latestConversationId;
  return {
    message,
    unit: new TurnUnit(message.id, contact, openConversationId ?? randomUUID(), openConversationId === null, state, openHandoff),
    hasMore: row.hasMore === true,
  };
}

function pick(row: Record<string, unknown>, prefix: string, fields: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of Object.values(fields)) out[field] = row[prefix + field];
  return out;
}
