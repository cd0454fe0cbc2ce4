import type { Tx } from '../db/Database.ts';
import { BACK_TO_BOT_EVENT } from './backToBot.ts';

/** One line of a conversation as the console shows it, oldest first. */
export type TranscriptItem =
  | {
      kind: 'message';
      id: string;
      at: string;
      direction: 'inbound' | 'outbound';
      author: 'parent' | 'bot' | 'worker';
      /** Who of the team wrote it (author = worker). */
      workerId: string | null;
      workerName: string | null;
      body: string;
      /** received, processed, queued, sent, delivered, failed… */
      status: string;
    }
  | { kind: 'note'; id: string; at: string; workerId: string | null; workerName: string | null; text: string }
  | {
      kind: 'event';
      id: string;
      at: string;
      /** `withdrawn`: resolved by the family (MENU while it waited); `back_to_bot`: MENU while an urgent request waits, which stays. */
      type: TranscriptEventType;
      workerId: string | null;
      workerName: string | null;
      reason?: string;
      priority?: number;
    };

export type TranscriptEventType = 'requested' | 'claimed' | 'resolved' | 'withdrawn' | typeof BACK_TO_BOT_EVENT;

/** How far back a transcript goes: enough for any conversation, bounded for the page. */
const MESSAGE_LIMIT = 500;

/**
 * The family's messages (parent, bot and team, with delivery status) interleaved by time with
 * the handoff's events and internal notes.
 */
export async function readTranscript(db: Tx, args: { contactId: string; handoffId: string }): Promise<TranscriptItem[]> {
  const [messages, events] = await Promise.all([
    db.$queryRaw<{ id: number; direction: 'inbound' | 'outbound'; author: 'parent' | 'bot' | 'worker'; body: string; status: string; at: Date; worker_id: string | null; worker_name: string | null }[]>`
      SELECT m.id, m.direction::text AS direction, m.author::text AS author, m.body, m.status, m.created_at AS at, w.id AS worker_id, w.name AS worker_name
      FROM messages m LEFT JOIN workers w ON w.id = m.worker_id
      WHERE m.contact_id = ${args.contactId}::uuid
      ORDER BY m.id DESC LIMIT ${MESSAGE_LIMIT}`,
    db.$queryRaw<{ id: bigint; type: string; data: Record<string, unknown>; at: Date; worker_id: string | null; worker_name: string | null }[]>`
      SELECT e.id, e.type, e.data, e.created_at AS at, w.id AS worker_id, w.name AS worker_name
      FROM handoff_events e LEFT JOIN workers w ON w.id = e.worker_id
      WHERE e.handoff_id = ${args.handoffId}::uuid AND e.type IN ('requested', 'claimed', 'resolved', 'note', ${BACK_TO_BOT_EVENT})
      ORDER BY e.id`,
  ]);
  const items: TranscriptItem[] = messages.reverse().map((m) => ({
    kind: 'message',
    id: `m${m.id}`,
    at: m.at.toISOString(),
    direction: m.direction,
    author: m.author,
    workerId: m.worker_id,
    workerName: m.worker_name,
    body: m.body,
    status: m.status,
  }));
  for (const e of events) {
    const base = { id: `e${e.id}`, at: e.at.toISOString(), workerId: e.worker_id, workerName: e.worker_name };
    if (e.type === 'note') items.push({ kind: 'note', ...base, text: String(e.data.text ?? '') });
    else {
      items.push({
        kind: 'event',
        ...base,
        type: e.type === 'resolved' && e.data.by === 'family' ? 'withdrawn' : (e.type as TranscriptEventType),
        ...(typeof e.data.reason === 'string' ? { reason: e.data.reason } : {}),
        ...(typeof e.data.priority === 'number' ? { priority: e.data.priority } : {}),
      });
    }
  }
  // Stable: a message and an event of the same millisecond keep messages first.
  return items.sort((a, b) => a.at.localeCompare(b.at));
}
