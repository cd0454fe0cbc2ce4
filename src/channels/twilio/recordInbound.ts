import type { Database } from '../../db/Database.ts';
import { recordInbounds, type RecordedInbound } from './InboundRecorder.ts';
import type { InboundMessage } from './webhookSchemas.ts';

/**
 * Stores one inbound message (and its contact on first contact) in a single statement.
 * Idempotent on Twilio's MessageSid: a redelivery returns `isNew: false` and changes nothing.
 * It never locks the contact row, so acknowledging a webhook does not wait for a running turn.
 * (The webhook batches messages that arrive together: `InboundRecorder`.)
 */
export async function recordInbound(db: Database, message: InboundMessage): Promise<RecordedInbound> {
  return (await recordInbounds(db.sql, [message]))[0]!;
}
