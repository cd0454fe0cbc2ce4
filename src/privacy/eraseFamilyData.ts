import type { Tx } from '../db/Database.ts';
import { FORGET_PROFILE_SQL } from '../domain/family.ts';
import { DEFAULT_LANGUAGE } from '../domain/languages.ts';
import { Prisma } from '../generated/prisma/client.ts';
import { HANDOFF_CHANNEL } from '../db/handoffChannel.ts';

/**
 * Forgets a family: its messages, conversations, dialog state, events, profile, and its handoffs
 * with their events — the team's internal notes about the family among them. What stays is the
 * phone number with its opt-out state (so a family that said STOP is never written to again)
 * and the replies still waiting to be sent — the confirmation of this very erasure among them —
 * and messages not yet handled, which the next turns need. With its handoffs gone, the bot
 * answers the family again. Every console hears that the family's handoffs are gone (as "resolved": it
 * refetches, and finds nothing).
 */
export async function eraseFamilyData(tx: Tx, contactId: string): Promise<void> {
  await tx.$queryRaw`
    WITH gone AS (DELETE FROM handoffs WHERE contact_id = ${contactId}::uuid RETURNING id),
      notified AS (SELECT pg_notify(${HANDOFF_CHANNEL}, json_build_object('handoffId', id, 'type', 'resolved')::text) FROM gone)
    SELECT (SELECT count(*) FROM notified)::int AS notified`;
  await tx.$executeRaw`
    DELETE FROM messages m
    WHERE m.contact_id = ${contactId}::uuid
      AND NOT (m.direction = 'inbound' AND m.processed_at IS NULL)
      AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.message_id = m.id AND o.status IN ('pending', 'sending'))`;
  await tx.$executeRaw`DELETE FROM dialog_state WHERE contact_id = ${contactId}::uuid`;
  await tx.$executeRaw`DELETE FROM contact_events WHERE contact_id = ${contactId}::uuid`;
  await tx.$executeRaw`
    DELETE FROM conversations c
    WHERE c.contact_id = ${contactId}::uuid AND NOT EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = c.id)`;
  await tx.$executeRaw`
    UPDATE contacts SET language = ${DEFAULT_LANGUAGE}, language_confirmed = false, ${Prisma.raw(FORGET_PROFILE_SQL)},
      last_inbound_at = NULL, updated_at = now()
    WHERE id = ${contactId}::uuid`;
}
