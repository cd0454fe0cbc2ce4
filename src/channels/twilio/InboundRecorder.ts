import { Prisma } from '../../generated/prisma/client.ts';
import type { SqlRunner } from '../../db/Database.ts';
import type { InboundMessage } from './webhookSchemas.ts';

/** What storing one inbound message did: its family, and its row (null for a redelivery, which changes nothing). */
export interface RecordedInbound {
  contactId: string;
  messageId: number | null;
  isNew: boolean;
}

/** Messages stored in one statement at most. */
const MAX_BATCH = 200;

/**
 * Stores inbound webhooks as they arrive: the first at once, and those that arrive while a
 * statement is under way together in the next one (a burst of webhooks costs a few statements
 * and commits, not one each). `record` resolves once its message is committed, so a webhook
 * is still acknowledged only after its row exists; a family's messages keep their order.
 */
export class InboundRecorder {
  private waiting: { message: InboundMessage; resolve: (stored: RecordedInbound) => void; reject: (error: unknown) => void }[] = [];
  private writing = false;

  constructor(private readonly db: { sql: SqlRunner }) {}

  /** Stores `message` (idempotent on its MessageSid); rejects when the statement fails. */
  record(message: InboundMessage): Promise<RecordedInbound> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ message, resolve, reject });
      if (!this.writing) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.writing = true;
    while (this.waiting.length > 0) {
      const batch = this.waiting.splice(0, MAX_BATCH);
      try {
        const stored = await recordInbounds(this.db.sql, batch.map((entry) => entry.message));
        batch.forEach((entry, index) => entry.resolve(stored[index]!));
      } catch (error) {
        for (const entry of batch) entry.reject(error);
      }
    }
    this.writing = false;
  }
}

/**
 * Stores inbound messages (and their contacts on first contact) in one statement, in the order
 * given, and returns what happened to each, in that order. Idempotent on Twilio's MessageSid: a
 * redelivery (or the same message twice in `messages`) is `isNew: false` and changes nothing.
 * It never locks a contact row, so acknowledging a webhook does not wait for a running turn.
 * Throws when a contact can be neither created nor found after three tries.
 */
export async function recordInbounds(db: SqlRunner, messages: InboundMessage[]): Promise<RecordedInbound[]> {
  const results: (RecordedInbound | undefined)[] = new Array(messages.length);
  let left = messages.map((_, index) => index);
  for (let attempt = 0; attempt < 3 && left.length > 0; attempt++) {
    const batch = left.map((index) => messages[index]!);
    const column = <T>(read: (message: InboundMessage) => T) => batch.map(read);
    const rows = await db.$queryRaw<{ ord: number; contact_id: string | null; message_id: number | null; first: boolean }[]>(Prisma.sql`
      WITH input AS (
        SELECT * FROM unnest(${column((m) => m.from)}::text[], ${column((m) => m.from.replace(/^whatsapp:/, ''))}::text[], ${column((m) => m.channel)}::text[],
          ${column((m) => m.messageSid)}::text[], ${column((m) => m.to)}::text[], ${column((m) => m.body)}::text[], ${column((m) => m.media.length)}::int[],
          ${column((m) => (m.media.length > 0 ? JSON.stringify(m.media) : null))}::jsonb[], ${column((m) => m.optOutType)}::text[], ${column((m) => m.messageType)}::text[],
          ${column((m) => m.location?.latitude ?? null)}::double precision[], ${column((m) => m.location?.longitude ?? null)}::double precision[],
          ${column((m) => m.location?.label ?? null)}::text[], ${column((m) => m.buttonPayload)}::text[])
          WITH ORDINALITY AS i(address, phone, channel, sid, our_address, body, num_media, media, opt_out_type, message_type,
            latitude, longitude, location_label, button_payload, ord)
      ), inserted AS (
        INSERT INTO contacts (id, address, phone, channel, updated_at)
        SELECT gen_random_uuid(), address, phone, channel::channel, now()
        FROM (SELECT DISTINCT ON (address) address, phone, channel FROM input ORDER BY address, ord) first_contact
        ON CONFLICT (address) DO NOTHING
        RETURNING id, address
      ), contact AS (
        SELECT id, address FROM inserted
        UNION ALL SELECT c.id, c.address FROM contacts c
        WHERE c.address IN (SELECT address FROM input) AND c.address NOT IN (SELECT address FROM inserted)
      ), stored AS (
        INSERT INTO messages (contact_id, direction, twilio_sid, our_address, body, num_media, media, opt_out_type, status,
                              message_type, latitude, longitude, location_label, button_payload)
        SELECT c.id, 'inbound', i.sid, i.our_address, i.body, i.num_media, i.media, i.opt_out_type, 'received',
               i.message_type, i.latitude, i.longitude, i.location_label, i.button_payload
        FROM input i JOIN contact c ON c.address = i.address
        ORDER BY i.ord
        ON CONFLICT (twilio_sid) DO NOTHING
        RETURNING id, twilio_sid
      )
      SELECT i.ord::int AS ord, c.id AS contact_id, s.id AS message_id,
        i.ord = min(i.ord) OVER (PARTITION BY i.sid) AS first
      FROM input i LEFT JOIN contact c ON c.address = i.address LEFT JOIN stored s ON s.twilio_sid = i.sid
      ORDER BY i.ord`);
    const missing: number[] = [];
    for (const row of rows) {
      const index = left[row.ord - 1]!;
      // No contact id: another request created this contact at the same instant; read it again.
      if (!row.contact_id) missing.push(index);
      else {
        const isNew = row.message_id !== null && row.first;
        results[index] = { contactId: row.contact_id, messageId: isNew ? row.message_id : null, isNew };
      }
    }
    left = missing;
  }
  if (left.length > 0) throw new Error('recordInbound: could not create or find the contact');
  return results as RecordedInbound[];
}
