import { Prisma } from '../../generated/prisma/client.ts';
import type { Database } from '../../db/Database.ts';
import type { InboundMessage } from './webhookSchemas.ts';

/**
 * Stores one inbound message (and its contact on first contact) in a single statement.
 * Idempotent on Twilio's MessageSid: a redelivery returns `isNew: false` and changes nothing.
 * It never locks the contact row, so acknowledging a webhook does not wait for a running turn.
 */
export async function recordInbound(db: Database, message: InboundMessage): Promise<{ contactId: string; messageId: number | null; isNew: boolean }> {
  const phone = message.from.replace(/^whatsapp:/, '');
  const media = message.media.length > 0 ? JSON.stringify(message.media) : null;
  const location = message.location;
  for (let attempt = 0; attempt < 3; attempt++) {
    const rows = await db.sql.$queryRaw<{ contact_id: string | null; message_id: number | null }[]>(Prisma.sql`
      WITH inserted AS (
        INSERT INTO contacts (id, address, phone, channel, updated_at)
        VALUES (gen_random_uuid(), ${message.from}, ${phone}, ${message.channel}::channel, now())
        ON CONFLICT (address) DO NOTHING
        RETURNING id
      ), contact AS (
        SELECT id FROM inserted
        UNION ALL SELECT id FROM contacts WHERE address = ${message.from}
        LIMIT 1
      ), stored AS (
        INSERT INTO messages (contact_id, direction, twilio_sid, our_address, body, num_media, media, opt_out_type, status,
                              message_type, latitude, longitude, location_label, button_payload)
        SELECT id, 'inbound', ${message.messageSid}, ${message.to}, ${message.body}, ${message.media.length}, ${media}::jsonb, ${message.optOutType}, 'received',
               ${message.messageType}, ${location?.latitude ?? null}::double precision, ${location?.longitude ?? null}::double precision,
               ${location?.label ?? null}, ${message.buttonPayload}
        FROM contact
        ON CONFLICT (twilio_sid) DO NOTHING
        RETURNING id
      )
      SELECT (SELECT id FROM contact) AS contact_id, (SELECT id FROM stored) AS message_id`);
    const row = rows[0];
    // No contact id: another request created this contact at the same instant; read it again.
    if (!row?.contact_id) continue;
    return { contactId: row.contact_id, messageId: row.message_id, isNew: row.message_id !== null };
  }
  throw new Error('recordInbound: could not create or find the contact');
}
