import { Prisma } from '../generated/prisma/client.ts';
import type { Contact, Message } from '../generated/prisma/client.ts';
import type { Tx } from '../db/Database.ts';

// Column → field names of the two tables a turn reads; one query returns both rows.
const MESSAGE_FIELDS = {
  id: 'id', contact_id: 'contactId', conversation_id: 'conversationId', direction: 'direction', twilio_sid: 'twilioSid',
  our_address: 'ourAddress', body: 'body', num_media: 'numMedia', media: 'media', opt_out_type: 'optOutType', author: 'author',
  status: 'status', error_code: 'errorCode', received_at: 'receivedAt', processed_at: 'processedAt', attempts: 'attempts', status_at: 'statusAt',
} as const satisfies Record<string, keyof Message>;

const CONTACT_FIELDS = {
  id: 'id', address: 'address', phone: 'phone', channel: 'channel', language: 'language', language_confirmed: 'languageConfirmed',
  opted_out: 'optedOut', opted_out_at: 'optedOutAt', consent_given: 'consentGiven', consent_at: 'consentAt', neighbourhood: 'neighbourhood',
  postal_code: 'postalCode', pregnant: 'pregnant', due_date: 'dueDate', children_ages_months: 'childrenAgesMonths',
  last_inbound_at: 'lastInboundAt', created_at: 'createdAt', updated_at: 'updatedAt',
} as const satisfies Record<string, keyof Contact>;

const selectList = (alias: string, fields: Record<string, string>, prefix: string) =>
  Object.entries(fields)
    .map(([column, field]) => `${alias}."${column}"${column === 'channel' || column === 'direction' || column === 'author' ? '::text' : ''} AS "${prefix}${field}"`)
    .join(', ');

const COLUMNS = Prisma.raw(`${selectList('m', MESSAGE_FIELDS, 'm.')}, ${selectList('c', CONTACT_FIELDS, 'c.')}`);

/** What one turn works on. */
export interface TurnInput {
  message: Message;
  contact: Contact;
  conversationId: string;
  /** Another unhandled message from this contact is waiting. */
  hasMore: boolean;
}

/**
 * In one statement: takes the contact's oldest unhandled inbound message (marking it handled:
 * the turn's transaction rolls that back if the turn fails), the contact (its last inbound time
 * brought up to date) and its open conversation, created when there is none. Call it after
 * taking the contact's lock, so the statement's snapshot sees every commit before.
 */
export async function loadTurn(tx: Tx, contactId: string): Promise<TurnInput | undefined> {
  const rows = await tx.$queryRaw<Record<string, unknown>[]>`
    WITH waiting AS (
      SELECT id FROM messages
      WHERE contact_id = ${contactId}::uuid AND direction = 'inbound' AND processed_at IS NULL
      ORDER BY id LIMIT 2
    ), m AS (
      SELECT * FROM messages WHERE id = (SELECT min(id) FROM waiting)
    ), c AS (
      UPDATE contacts SET last_inbound_at = (SELECT received_at FROM m), updated_at = now()
      WHERE id = ${contactId}::uuid AND EXISTS (SELECT 1 FROM m)
      RETURNING *
    ), open_conversation AS (
      SELECT id FROM conversations
      WHERE contact_id = ${contactId}::uuid AND status <> 'resolved'
      ORDER BY created_at DESC LIMIT 1
    ), new_conversation AS (
      INSERT INTO conversations (id, contact_id, updated_at)
      SELECT gen_random_uuid(), ${contactId}::uuid, now()
      WHERE EXISTS (SELECT 1 FROM m) AND NOT EXISTS (SELECT 1 FROM open_conversation)
      RETURNING id
    ), handled AS (
      UPDATE messages SET processed_at = now(), status = 'processed',
        conversation_id = COALESCE(conversation_id, (SELECT id FROM open_conversation), (SELECT id FROM new_conversation))
      WHERE id = (SELECT id FROM m)
      RETURNING conversation_id
    )
    SELECT ${COLUMNS},
      (SELECT conversation_id FROM handled) AS "conversationId",
      (SELECT count(*) FROM waiting) > 1 AS "hasMore"
    FROM m, c`;
  const row = rows[0];
  if (!row) return undefined;
  return {
    message: pick(row, 'm.', MESSAGE_FIELDS) as unknown as Message,
    contact: pick(row, 'c.', CONTACT_FIELDS) as unknown as Contact,
    conversationId: row.conversationId as string,
    hasMore: row.hasMore === true,
  };
}

function pick(row: Record<string, unknown>, prefix: string, fields: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of Object.values(fields)) out[field] = row[prefix + field];
  return out;
}
