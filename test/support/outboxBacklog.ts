import type { Database } from '../../src/db/Database.ts';
import type { MessageSender, OutgoingMessage } from '../../src/outbox/MessageSender.ts';

/** Queues `perFamily` replies for each of `families` new families, in one statement each table. */
export async function queueBacklog(database: Database, families: number, perFamily: number, prefix = '+1438700'): Promise<void> {
  await database.prisma.$executeRawUnsafe(`
    WITH families AS (
      INSERT INTO contacts (id, address, phone, channel)
      SELECT gen_random_uuid(), p, p, 'sms' FROM (SELECT '${prefix}' || lpad(i::text, 4, '0') AS p FROM generate_series(1, ${families}) i) x
      RETURNING id, address
    ), replies AS (
      INSERT INTO messages (contact_id, direction, author, body, status, our_address)
      SELECT f.id, 'outbound', 'bot', 'reply ' || n, 'queued', '+15145550100'
      FROM generate_series(1, ${perFamily}) n, families f ORDER BY n, f.address
      RETURNING id, contact_id, body
    )
    INSERT INTO outbox (message_id, contact_id, "to", "from", body)
    SELECT r.id, r.contact_id, f.address, '+15145550100', r.body FROM replies r JOIN families f ON f.id = r.contact_id ORDER BY r.id`);
}

/** A sender that accepts everything at once and remembers when each message arrived. */
export class RecordingSender implements MessageSender {
  readonly sent: (OutgoingMessage & { at: number })[] = [];
  async send(message: OutgoingMessage): Promise<{ sid: string; status: string }> {
    this.sent.push({ ...message, at: Date.now() });
    return { sid: `SM${this.sent.length}`, status: 'queued' };
  }
}
