import type { Tx } from '../db/Database.ts';

/** One message to a family, as it enters the outbox. */
export interface OutboundMessage {
  contactId: string;
  conversationId: string | null;
  to: string;
  from: string;
  body: string;
  author: 'bot' | 'worker';
  /** Who of the team wrote it (author = worker). */
  workerId?: string | null | undefined;
  /** Sent even to an opted-out family: only the confirmation of the opt-out itself. */
  transactional?: boolean | undefined;
  /** An approved WhatsApp template sent instead of the body (Twilio Content API, HX…). */
  contentSid?: string | null | undefined;
}

/**
 * Writes an outbound message and its outbox row in one statement (replies are on the hot path),
 * through `db` — a turn's or a console action's transaction. Returns the message's id and time.
 */
export async function enqueueOutbound(db: Tx, message: OutboundMessage): Promise<{ id: number; createdAt: Date }> {
  const { contactId, conversationId, to, from, body, author } = message;
  const rows = await db.$queryRaw<{ id: number; created_at: Date }[]>`
    WITH message AS (
      INSERT INTO messages (contact_id, conversation_id, direction, author, worker_id, body, status, our_address)
      VALUES (${contactId}::uuid, ${conversationId}::uuid, 'outbound', ${author}::message_author, ${message.workerId ?? null}::uuid, ${body}, 'queued', ${from})
      RETURNING id, created_at
    ), queued AS (
      INSERT INTO outbox (message_id, contact_id, "to", "from", body, transactional, content_sid)
      SELECT id, ${contactId}::uuid, ${to}, ${from}, ${body}, ${message.transactional ?? false}, ${message.contentSid ?? null} FROM message
      RETURNING 1
    )
    SELECT id, created_at FROM message, (SELECT count(*) FROM queued) q`;
  return { id: rows[0]!.id, createdAt: rows[0]!.created_at };
}
