import { z } from 'zod';
import type { Database, Tx } from '../db/Database.ts';
import { JsonNotifications } from '../db/listenForJson.ts';
import type { Logger } from '../log.ts';

/** The NOTIFY channel on which any instance says that sessions ended. */
export const SESSIONS_ENDED_CHANNEL = 'worker_sessions_ended';

/** Which sessions ended: one (sign-out), or all of a worker's (account disabled). */
export type SessionEnding = { sessionId: string } | { workerId: string };

const endingSchema = z.union([z.object({ sessionId: z.string() }).strict(), z.object({ workerId: z.string() }).strict()]);

/** Tells every instance, when `tx` commits, that these sessions ended. */
export async function announceSessionEnding(tx: Tx, ending: SessionEnding): Promise<void> {
  await tx.$queryRaw`SELECT pg_notify(${SESSIONS_ENDED_CHANNEL}, ${JSON.stringify(ending)})::text AS notified`;
}

/**
 * Sessions ended on any instance, heard through LISTEN/NOTIFY: the console's event streams
 * close on it at once rather than at their next session check (ASVS 3.3.1). Emits "message".
 */
export class SessionEndings extends JsonNotifications<SessionEnding> {
  constructor(db: Database, log: Logger) {
    super({ db, log, channel: SESSIONS_ENDED_CHANNEL, schema: endingSchema, label: 'sessions' });
  }

  /** Calls `onEnded` when this session ends (its own sign-out, or its worker's sessions all ended); returns the way to stop watching. */
  watch(session: { sessionId: string; workerId: string }, onEnded: () => void): () => void {
    const listener = (ending: SessionEnding) => {
      if ('sessionId' in ending ? ending.sessionId === session.sessionId : ending.workerId === session.workerId) onEnded();
    };
    this.on('message', listener);
    return () => this.off('message', listener);
  }
}
