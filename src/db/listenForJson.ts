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
