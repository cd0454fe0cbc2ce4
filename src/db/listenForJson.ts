import { EventEmitter } from 'node:events';
import type { z } from 'zod';
import type { Logger } from '../log.ts';
import { safeJson } from '../safeJson.ts';
import type { Database } from './Database.ts';

/**
 * LISTENs on `channel` (every instance's NOTIFYs; PGlite's own listen on the embedded database) and
 * hands each payload that parses as `schema` to `onMessage`; an unreadable one is logged as
 * `label` and dropped, and a lost connection is logged while the database reconnects.
 * Returns the function that stops listening.
 */
export async function listenForJson<T>(args: {
  db: Database;
  log: Logger;
  channel: string;
  schema: z.ZodType<T>;
  label: string;
  onMessage: (message: T) => void;
}): Promise<() => Promise<void>> {
  return args.db.listen(
    args.channel,
    (payload) => {
      const parsed = args.schema.safeParse(safeJson(payload));
      if (parsed.success) args.onMessage(parsed.data);
      else args.log.warn(`${args.label}: unreadable notification ignored`);
    },
    (error) => args.log.warn({ err: error }, `${args.label}: lost the notification connection; reconnecting`),
  );
}

/**
 * A typed feed of one NOTIFY channel's JSON messages, from every instance: `start()` listens
 * (through `listenForJson`), each readable message is emitted as "message", `stop()` stops.
 * Any number of listeners: one per open console tab.
 */
export class JsonNotifications<T> extends EventEmitter<{ message: [T] }> {
  private unlisten: (() => Promise<void>) | undefined;

  constructor(private readonly source: { db: Database; log: Logger; channel: string; schema: z.ZodType<T>; label: string }) {
    super();
    // A team's worth of console tabs must not look like a leak.
    this.setMaxListeners(0);
  }

  async start(): Promise<void> {
    this.unlisten = await listenForJson({ ...this.source, onMessage: (message) => this.emit('message', message) });
  }

  async stop(): Promise<void> {
    await this.unlisten?.();
    this.unlisten = undefined;
  }
}
