import { z } from 'zod';
import type { Database } from '../db/Database.ts';
import { JsonNotifications } from '../db/listenForJson.ts';
import type { Logger } from '../log.ts';
import { HANDOFF_CHANNEL, type HandoffNotice } from '../db/handoffChannel.ts';

const noticeSchema = z.object({
  handoffId: z.string(),
  type: z.enum(['requested', 'message', 'claimed', 'reply', 'note', 'resolved']),
}) satisfies z.ZodType<HandoffNotice>;

/**
 * Every handoff change made by any app instance, heard through the database's LISTEN/NOTIFY
 * (PGlite's own listen on the embedded database). Emits each HandoffNotice as "message", for
 * the console's server-sent events.
 */
export class HandoffFeed extends JsonNotifications<HandoffNotice> {
  constructor(db: Database, log: Logger) {
    super({ db, log, channel: HANDOFF_CHANNEL, schema: noticeSchema, label: 'handoffs' });
  }
}
