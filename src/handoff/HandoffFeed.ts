import { EventEmitter } from 'node:events';
import { z } from 'zod';
import type { Database } from '../db/Database.ts';
import { listenForJson } from '../db/listenForJson.ts';
import type { Logger } from '../log.ts';
import { HANDOFF_CHANNEL, type HandoffNotice } from '../db/handoffChannel.ts';

const noticeSchema = z.object({
  handoffId: z.string(),
  type: z.enum(['requested', 'message', 'claimed', 'reply', 'note', 'resolved']),
}) satisfies z.ZodType<HandoffNotice>;

/**
 * Every handoff change made by any app instance, heard through the database's LISTEN/NOTIFY
 * (PGlite's own listen on the embedded database). Emits "notice" (HandoffNotice) for the
 * console's server-sent events.
 */
export class HandoffFeed extends EventEmitter<{ notice: [HandoffNotice] }> {
  private unlisten: (() => Promise<void>) | undefined;

  constructor(
    private readonly db: Database,
    private readonly log: Logger,
  ) {
    super();
    // One console tab is one listener; a team's worth must not look like a leak.
    this.setMaxListeners(0);
  }

  async start(): Promise<void> {
    this.unlisten = await listenForJson({
      db: this.db,
      log: this.log,
      channel: HANDOFF_CHANNEL,
      schema: noticeSchema,
      label: 'handoffs',
      onMessage: (notice) => this.emit('notice', notice),
    });
  }

  async stop(): Promise<void> {
    await this.unlisten?.();
    this.unlisten = undefined;
  }
}
