import { Prisma } from '../../generated/prisma/client.ts';
import type { SqlRunner } from '../../db/Database.ts';
import type { InboundMessage } from './webhookSchemas.ts';

/** What storing one inbound message did: its family, and its row (null for a redelivery, which changes nothing). */
export interface RecordedInbound {
  contactId: string;
  messageId: number | null;
  isNew: boolean;
}

/** Messages stored in one statement at most. */
const MAX_BATCH = 200;
/** Statements under way at once: below it a webhook is written at once, as it was alone. */
const MAX_IN_FLIGHT = 4;
/**
 * Embedded, while turns wait: time between two batches. It bounds how many webhooks a burst gets
 * acknowledged per second while turns wait, so that turns keep most of the thread, and it is what
 * an acknowledgement may wait for. 250 ms: at 200 webhooks/s batches of 50, each message 0.08 ms
 * of CPU against 1.2 ms stored alone (`npx tsx bench/inboundBatches.ts`).
 */
const BUSY_INTERVAL_MS = 250;

export interface InboundRecorderOptions {
  /**
   * The database runs on this thread, as bot turns do (embedded PGlite: one connection, and each
   * statement costs this thread its whole execution). Webhooks are then written one batch at a
   * time, on the next turn of the event loop with every one read meanwhile; while `turnsWaiting()`,
   * a batch at most every `busyIntervalMs` (default 250 ms), so that under a burst the backlog
   * waits in the database as stored messages, acknowledged, and turns still get most of the thread.
   */
  sharedThread?: { turnsWaiting: () => boolean; busyIntervalMs?: number };
}

/**
 * Stores inbound webhooks as they arrive: each at once while fewer than `MAX_IN_FLIGHT`
 * statements are under way, and those that arrive meanwhile together in the next one (a burst
 * of webhooks costs a few statements and commits, not one each); on a database that shares the
 * thread, see `InboundRecorderOptions.sharedThread`. `record` resolves once its message is
 * committed, so a webhook is still acknowledged only after its row exists. A family's messages
 * are stored in the order they arrived: one whose family has a statement under way waits for it,
 * with every later one of that family.
 */
export class InboundRecorder {
  private waiting: { message: InboundMessage; resolve: (stored: RecordedInbound) => void; reject: (error: unknown) => void }[] = [];
  private writing = 0;
  /** Statements under way per family address. */
  private readonly busy = new Map<string, number>();
  private readonly maxInFlight: number;
  /** Shared thread: the next batch is planned (an immediate, or a timer while turns wait). */
  private planned: { timer?: NodeJS.Timeout } | undefined;
  /** Shared thread: when the last batch started (performance.now(), ms). */
  private lastBatchAt = -Infinity;
  /** Stopping: every message is written at once, without the busy interval. */
  private draining = false;
  /** Resolved once nothing waits and nothing is being written (see `drain`). */
  private idle: (() => void)[] = [];

  constructor(
    private readonly db: { sql: SqlRunner },
    private readonly options: InboundRecorderOptions = {},
  ) {
    this.maxInFlight = options.sharedThread ? 1 : MAX_IN_FLIGHT;
  }

  /** Stores `message` (idempotent on its MessageSid); rejects when the statement fails. */
  record(message: InboundMessage): Promise<RecordedInbound> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ message, resolve, reject });
      this.next();
    });
  }

  /**
   * For a graceful stop: from now on every message is written at once (no busy interval), and
   * what waits is written now. Resolves once nothing waits and no statement is under way, so the
   * server may then close its connections without cutting a webhook whose row is not stored.
   */
  drain(): Promise<void> {
    this.draining = true;
    if (this.planned?.timer) {
      clearTimeout(this.planned.timer);
      this.planned = undefined;
    }
    if (this.waiting.length === 0 && this.writing === 0) return Promise.resolve();
    const done = new Promise<void>((resolve) => this.idle.push(resolve));
    this.next();
    return done;
  }

  /** Writes what waits now, or, on a shared thread, plans the next batch. */
  private next(): void {
    if (this.idle.length > 0 && this.waiting.length === 0 && this.writing === 0) for (const resolve of this.idle.splice(0)) resolve();
    const shared = this.options.sharedThread;
    if (!shared) return this.pump();
    if (this.writing > 0 || this.waiting.length === 0) return;
    // A full batch goes on the next turn of the event loop, even while a timer waits.
    const full = this.waiting.length >= MAX_BATCH;
    if (this.planned && !(full && this.planned.timer)) return;
    clearTimeout(this.planned?.timer);
    const run = () => {
      this.planned = undefined;
      this.lastBatchAt = performance.now();
      this.pump();
    };
    const wait = this.lastBatchAt + (shared.busyIntervalMs ?? BUSY_INTERVAL_MS) - performance.now();
    // setImmediate: after the webhooks the event loop has read, so they share the statement.
    if (full || wait <= 0 || this.draining || !shared.turnsWaiting()) {
      this.planned = {};
      setImmediate(run);
    } else this.planned = { timer: setTimeout(run, wait) };
  }

  /**
   * A batch whose statement failed: each of its messages is stored again alone, in order, so one
   * message that cannot be stored (or a failure of the moment) does not refuse the others' webhooks.
   */
  private async recordOneByOne(batch: typeof this.waiting): Promise<void> {
    for (const entry of batch) {
      await recordInbounds(this.db.sql, [entry.message]).then(([stored]) => entry.resolve(stored!), entry.reject);
    }
  }

  private pump(): void {
    while (this.writing < this.maxInFlight && this.waiting.length > 0) {
      const batch: typeof this.waiting = [];
      const later: typeof this.waiting = [];
      const held = new Set(this.busy.keys());
      for (const entry of this.waiting) {
        const address = entry.message.from;
        if (batch.length < MAX_BATCH && !held.has(address)) batch.push(entry);
        else {
          later.push(entry);
          held.add(address);
        }
      }
      if (batch.length === 0) return;
      this.waiting = later;
      const addresses = batch.map((entry) => entry.message.from);
      for (const address of addresses) this.busy.set(address, (this.busy.get(address) ?? 0) + 1);
      this.writing++;
      recordInbounds(this.db.sql, batch.map((entry) => entry.message))
        .then(
          (stored) => batch.forEach((entry, index) => entry.resolve(stored[index]!)),
          (error: unknown) => (batch.length === 1 ? batch[0]!.reject(error) : this.recordOneByOne(batch)),
        )
        .finally(() => {
          this.writing--;
          for (const address of addresses) {
            const left = this.busy.get(address)! - 1;
            if (left === 0) this.busy.delete(address);
            else this.busy.set(address, left);
          }
          this.next();
        });
    }
  }
}

/**
 * Stores inbound messages (and their contacts on first contact) in one statement, in the order
 * given, and returns what happened to each, in that order. Idempotent on Twilio's MessageSid: a
 * redelivery (or the same message twice in `messages`) is `isNew: false` and changes nothing.
 * It never locks a contact row, so acknowledging a webhook does not wait for a running turn.
 * Throws when a contact can be neither created nor found after three tries.
 */
export async function recordInbounds(db: SqlRunner, messages: InboundMessage[]): Promise<RecordedInbound[]> {
  const results: (RecordedInbound | undefined)[] = new Array(messages.length);
  let left = messages.map((_, index) => index);
  for (let attempt = 0; attempt < 3 && left.length > 0; attempt++) {
    const batch = left.map((index) => messages[index]!);
    const column = <T>(read: (message: InboundMessage) => T) => batch.map(read);
    const rows = await db.$queryRaw<{ ord: number; contact_id: string | null; message_id: number | null; first: boolean }[]>(Prisma.sql`
      WITH input AS (
        SELECT * FROM unnest(${column((m) => m.from)}::text[], ${column((m) => m.from.replace(/^whatsapp:/, ''))}::text[], ${column((m) => m.channel)}::text[],
          ${column((m) => m.messageSid)}::text[], ${column((m) => m.to)}::text[], ${column((m) => m.body)}::text[], ${column((m) => m.media.length)}::int[],
          ${column((m) => (m.media.length > 0 ? JSON.stringify(m.media) : null))}::jsonb[], ${column((m) => m.optOutType)}::text[], ${column((m) => m.messageType)}::text[],
          ${column((m) => m.location?.latitude ?? null)}::double precision[], ${column((m) => m.location?.longitude ?? null)}::double precision[],
          ${column((m) => m.location?.label ?? null)}::text[], ${column((m) => m.buttonPayload)}::text[])
          WITH ORDINALITY AS i(address, phone, channel, sid, our_address, body, num_media, media, opt_out_type, message_type,
            latitude, longitude, location_label, button_payload, ord)
      ), inserted AS (
        INSERT INTO contacts (id, address, phone, channel, updated_at)
        SELECT gen_random_uuid(), address, phone, channel::channel, now()
        FROM (SELECT DISTINCT ON (address) address, phone, channel FROM input ORDER BY address, ord) first_contact
        ON CONFLICT (address) DO NOTHING
        RETURNING id, address
      ), contact AS (
        SELECT id, address FROM inserted
        -- = ANY of the array: read through the unique index on address, whatever the table's size
        UNION ALL SELECT c.id, c.address FROM contacts c
        WHERE c.address = ANY(${column((m) => m.from)}::text[]) AND c.address NOT IN (SELECT address FROM inserted)
      ), stored AS (
        INSERT INTO messages (contact_id, direction, twilio_sid, our_address, body, num_media, media, opt_out_type, status,
                              message_type, latitude, longitude, location_label, button_payload)
        SELECT c.id, 'inbound', i.sid, i.our_address, i.body, i.num_media, i.media, i.opt_out_type, 'received',
               i.message_type, i.latitude, i.longitude, i.location_label, i.button_payload
        FROM input i JOIN contact c ON c.address = i.address
        ORDER BY i.ord
        ON CONFLICT (twilio_sid) DO NOTHING
        RETURNING id, twilio_sid
      )
      SELECT i.ord::int AS ord, c.id AS contact_id, s.id AS message_id,
        i.ord = min(i.ord) OVER (PARTITION BY i.sid) AS first
      FROM input i LEFT JOIN contact c ON c.address = i.address LEFT JOIN stored s ON s.twilio_sid = i.sid
      ORDER BY i.ord`);
    const missing: number[] = [];
    for (const row of rows) {
      const index = left[row.ord - 1]!;
      // No contact id: another request created this contact at the same instant; read it again.
      if (!row.contact_id) missing.push(index);
      else {
        const isNew = row.message_id !== null && row.first;
        results[index] = { contactId: row.contact_id, messageId: isNew ? row.message_id : null, isNew };
      }
    }
    left = missing;
  }
  if (left.length > 0) throw new Error('recordInbound: could not create or find the contact');
  return results as RecordedInbound[];
}
