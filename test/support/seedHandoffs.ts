import type { Database } from '../../src/db/Database.ts';

/** Families, conversations, handoffs in every state, and six messages each, in a few statements. */
export async function seedHandoffs(service: { db: Database }, conversations: number, waiting: number): Promise<void> {
  const db = service.db.prisma;
  const active = Math.min(200, conversations - waiting);
  await db.$executeRaw`
    INSERT INTO contacts (id, address, phone, channel, language, language_confirmed, consent_given, neighbourhood, children_ages_months, last_inbound_at, updated_at)
    SELECT gen_random_uuid(), CASE WHEN n % 3 = 0 THEN 'whatsapp:' ELSE '' END || '+1514' || lpad(n::text, 7, '0'), '+1514' || lpad(n::text, 7, '0'),
      CASE WHEN n % 3 = 0 THEN 'whatsapp' ELSE 'sms' END::channel, (ARRAY['fr','en','es','ht'])[1 + n % 4], true, true,
      (ARRAY['Saint-Michel','La Petite-Patrie','Saint-Henri'])[1 + n % 3], ARRAY[12 + n % 60], now() - make_interval(mins => n % 600), now()
    FROM generate_series(1, ${conversations}) AS n`;
  await db.$executeRaw`
    INSERT INTO conversations (id, contact_id, updated_at)
    SELECT gen_random_uuid(), id, now() FROM contacts`;
  await db.$executeRaw`
    WITH numbered AS (
      SELECT c.id AS contact_id, v.id AS conversation_id, row_number() OVER (ORDER BY c.id) AS n
      FROM contacts c JOIN conversations v ON v.contact_id = c.id)
    INSERT INTO handoffs (id, contact_id, conversation_id, status, reason, priority, requested_at, claimed_at, resolved_at, updated_at)
    SELECT gen_random_uuid(), contact_id, conversation_id,
      CASE WHEN n <= ${waiting} THEN 'waiting' WHEN n <= ${waiting + active} THEN 'active' ELSE 'resolved' END::handoff_status,
      (ARRAY['asked','not_understood','no_match','housing_emergency','crisis'])[1 + n % 5],
      CASE WHEN n % 50 = 0 THEN 2 WHEN n % 7 = 0 THEN 1 ELSE 0 END,
      now() - make_interval(mins => (n % 5000)::int),
      CASE WHEN n > ${waiting} THEN now() - make_interval(mins => (n % 4000)::int) END,
      CASE WHEN n > ${waiting + active} THEN now() - make_interval(mins => (n % 3000)::int) END,
      now()
    FROM numbered`;
  await db.$executeRaw`
    INSERT INTO messages (contact_id, conversation_id, direction, author, body, status, created_at, processed_at)
    SELECT v.contact_id, v.id, CASE WHEN k % 2 = 1 THEN 'inbound' ELSE 'outbound' END::direction,
      CASE WHEN k % 2 = 1 THEN 'parent' ELSE 'bot' END::message_author,
      'message ' || k || ' of a family asking about camps, food and housing near them', 'processed', now() - make_interval(mins => 60 - k), now()
    FROM conversations v, generate_series(1, 6) AS k`;
  await db.$executeRawUnsafe('ANALYZE');
}
