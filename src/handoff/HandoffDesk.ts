import type { Database, Tx } from '../db/Database.ts';
import { Prisma } from '../generated/prisma/client.ts';
import { audit } from '../auth/audit.ts';
import type { SessionWorker } from '../auth/sessions.ts';
import { DEFAULT_LANGUAGE } from '../i18n.ts';
import { eraseFamilyData } from '../privacy/eraseFamilyData.ts';
import type { OutboundComposer, OutboundRequest } from '../outbox/OutboundComposer.ts';
import { HANDOFF_CHANNEL, type HandoffNotice } from '../db/handoffChannel.ts';
import { HandoffError } from './HandoffError.ts';
import { allowedActions, refusal, refusalMessage } from './handoffPermissions.ts';
import { handoffSummaries, queueFigures } from './handoffSummaries.ts';
import { readTranscript, type TranscriptItem } from './readTranscript.ts';
import { resolveHandoff } from './resolveHandoff.ts';
import { whatsappWindow } from './whatsappWindow.ts';
import type { ErasureOutcome, HandoffAction, HandoffDetail, HandoffExport, HandoffStatus, HandoffSummary } from './handoffTypes.ts';

/** A worker's views of one conversation within this window are one `transcript_viewed` row. */
export const VIEW_AUDIT_WINDOW_MS = 10 * 60_000;

export interface HandoffDeskOptions {
  db: Database;
  /** Sender and body of every message to a family (configured senders, SMS_GSM7), as for the bot's replies. */
  composer: OutboundComposer;
  /** Approved WhatsApp templates by language, "*" for any. */
  whatsappTemplates: Record<string, string>;
  /** Seconds a waiting family is offered only to workers who speak its language. */
  routingSeconds: number;
  /** Told after a reply is queued, so the outbox sends it now rather than at its next poll. */
  onReplyQueued: () => void;
  now?: () => Date;
}

/** What a worker narrows the queue to; each one left out keeps everything. */
export interface QueueFilters {
  /** `mine`: conversations the worker holds; `unassigned`: nobody holds them. */
  assignee?: 'all' | 'mine' | 'unassigned' | undefined;
  /** The family's language. */
  language?: string | undefined;
  /** Crises only (priority 2). */
  urgent?: boolean | undefined;
  /** Digits found anywhere in the family's phone number. */
  phoneDigits?: string | undefined;
}

/** Who asks, and from where (for the audit log). */
export interface DeskActor {
  worker: SessionWorker;
  ip: string | undefined;
}

/**
 * The team's side of a handoff: the queue, a conversation with its transcript, and the
 * transitions waiting → active (claim) → resolved, each one recorded as a handoff event,
 * audited, and announced on HANDOFF_CHANNEL so every app instance's console hears of it.
 */
export class HandoffDesk {
  private readonly now: () => Date;

  constructor(private readonly options: HandoffDeskOptions) {
    this.now = options.now ?? (() => new Date());
  }

  /**
   * The queue as JSON text, `{handoffs: HandoffSummary[], counts: {waiting, mine, matching,
   * offeredIds}}`: the open handoffs (or those of `status`) that `filters` keep, by priority then
   * waiting time, at most `limit`, plus every conversation `worker` holds (their unread messages
   * must reach the page whatever it shows); or the last `limit` resolved. The counts are over
   * every open handoff (queueFigures), so the page says how many families wait beyond the list.
   */
  async queueJson(worker: SessionWorker, args: { status?: HandoffStatus | undefined; filters?: QueueFilters; limit: number }): Promise<string> {
    const db = this.options.db.prisma;
    const common = { worker, now: this.now(), routingSeconds: this.options.routingSeconds };
    const filter = filterSql(args.filters ?? {}, worker);
    if (args.status === 'resolved') {
      const handoffs = await handoffSummaries(db, { ...common, where: Prisma.sql`h.status = 'resolved' AND ${filter}`, order: Prisma.sql`h.resolved_at DESC`, limit: args.limit });
      return `{"handoffs":${handoffs}}`;
    }
    const scope = args.status ? Prisma.sql`h.status = ${args.status}::handoff_status` : Prisma.sql`h.status <> 'resolved'`;
    const mine = Prisma.sql`h.status = 'active' AND h.claimed_by = ${worker.id}::uuid`;
    const [handoffs, counts] = await Promise.all([
      handoffSummaries(db, { ...common, where: Prisma.sql`${scope} AND ${filter}`, order: Prisma.sql`h.priority DESC, h.requested_at, h.id`, limit: args.limit, alsoWhere: mine }),
      queueFigures(db, { ...common, where: Prisma.sql`${scope} AND ${filter}` }),
    ]);
    return `{"handoffs":${handoffs},"counts":${counts}}`;
  }

  /**
   * One conversation with the family's profile and full transcript; audited as a view, once per
   * worker and conversation in VIEW_AUDIT_WINDOW_MS: the page refreshes an open conversation at
   * every change, and each refresh is not a new look at it.
   */
  async detail(id: string, actor: DeskActor, options: { seen?: boolean } = {}): Promise<HandoffDetail> {
    const { db } = this.options;
    // The holder has it on screen: the family's messages so far are read (unless the page says
    // it is in a hidden tab). Before reading, so the summary's unread count agrees.
    if (options.seen !== false && isUuid(id)) await this.markSeen(db.prisma, id, actor.worker);
    const detail = await this.read(id, actor.worker);
    const recent = await db.prisma.auditLog.findFirst({
      where: { action: 'transcript_viewed', workerId: actor.worker.id, target: id, createdAt: { gt: new Date(this.now().getTime() - VIEW_AUDIT_WINDOW_MS) } },
      select: { id: true },
    });
    if (!recent) await audit(db.prisma, { workerId: actor.worker.id, action: 'transcript_viewed', target: id, ip: actor.ip, at: this.now() });
    return detail;
  }

  /** The conversation as `detail` reads it, for a file: audited as an export, not as a view. */
  async exportTranscript(id: string, actor: DeskActor): Promise<HandoffExport> {
    const { handoff, profile, transcript } = await this.read(id, actor.worker);
    await audit(this.options.db.prisma, { workerId: actor.worker.id, action: 'transcript_exported', target: id, ip: actor.ip });
    return { exportedAt: this.now().toISOString(), exportedBy: { id: actor.worker.id, name: actor.worker.name }, handoff, profile, transcript };
  }

  private async read(id: string, worker: SessionWorker): Promise<HandoffDetail> {
    const { db } = this.options;
    const handoff = await this.summaryOf(id, worker);
    const [contact, transcript] = await Promise.all([
      db.prisma.contact.findUniqueOrThrow({ where: { id: handoff.contact.id } }),
      readTranscript(db.prisma, { contactId: handoff.contact.id, handoffId: id }),
    ]);
    const window = whatsappWindow(contact, this.now());
    return {
      handoff,
      allowed: allowedActions({ status: handoff.status, claimedBy: handoff.claimedBy?.id ?? null }, worker),
      profile: {
        language: contact.language,
        neighbourhood: contact.neighbourhood,
        postalCode: contact.postalCode,
        childrenAgesMonths: contact.childrenAgesMonths,
        pregnant: contact.pregnant,
        dueDate: contact.dueDate ? contact.dueDate.toISOString().slice(0, 10) : null,
        optedOut: contact.optedOut,
        consentGiven: contact.consentGiven,
      },
      whatsappWindow: window && { open: window.open, closesAt: window.closesAt?.toISOString() ?? null },
      template: { available: this.templateFor(contact.language) !== undefined },
      transcript,
    };
  }

  /**
   * Takes the conversation: waiting → active. Claiming one another worker holds needs
   * `takeOver` (they went home) and an admin: a worker cannot take a colleague's family
   * (`admin_only`). The holder's console hears of it through the `claimed` event, which names
   * whom it was taken from. Claiming one's own again changes nothing.
   */
  async claim(id: string, actor: DeskActor, options: { takeOver?: boolean } = {}): Promise<HandoffSummary> {
    const { db } = this.options;
    await db.transaction(async (tx) => {
      const handoff = await this.lock(tx, id);
      await mayDo(tx, 'claim', handoff, actor.worker, options);
      if (handoff.status === 'active' && handoff.claimed_by === actor.worker.id) return;
      await tx.$executeRaw`
        UPDATE handoffs SET status = 'active', claimed_at = now(), claimed_by = ${actor.worker.id}::uuid, updated_at = now() WHERE id = ${id}::uuid`;
      const takenFrom = handoff.status === 'active' && handoff.claimed_by ? { from: handoff.claimed_by, takeOver: true } : handoff.claimed_by ? { from: handoff.claimed_by } : {};
      await this.record(tx, id, 'claimed', actor.worker.id, takenFrom);
      await audit(tx, { workerId: actor.worker.id, action: 'handoff_claimed', target: id, ip: actor.ip, data: options.takeOver ? { takeOver: true } : {} });
    });
    return this.summaryOf(id, actor.worker);
  }

  /**
   * Queues a worker's message to the family over its channel, through the outbox. `template`
   * sends the approved WhatsApp template instead, the one way to reach a family past 24 hours.
   */
  async reply(id: string, actor: DeskActor, input: { text: string } | { template: 'reopen' }): Promise<TranscriptItem> {
    const { db } = this.options;
    const item = await db.transaction(async (tx) => {
      const handoff = await this.lock(tx, id);
      await mayDo(tx, 'reply', handoff, actor.worker);
      const contact = await tx.contact.findUniqueOrThrow({ where: { id: handoff.contact_id } });
      if (contact.optedOut) throw new HandoffError('opted_out', 'the family replied STOP: nothing can be sent until they reply START');
      let text: OutboundRequest['text'];
      let contentSid: string | undefined;
      if ('template' in input) {
        contentSid = contact.channel === 'whatsapp' ? this.templateFor(contact.language) : undefined;
        if (!contentSid) throw new HandoffError('no_template', 'no WhatsApp template is configured (TWILIO_WHATSAPP_TEMPLATE_SID)');
        // The transcript shows what the template says, in the family's language.
        text = { key: 'handoff.reopen_template' };
      } else {
        if (this.whatsappWindowClosed(contact)) throw new HandoffError('whatsapp_window_closed', 'WhatsApp delivers free text only within 24 hours of the family’s last message; send the template');
        text = input.text;
      }
      const message = await this.queueOutbound(tx, {
        contact,
        conversationId: handoff.conversation_id,
        author: 'worker',
        workerId: actor.worker.id,
        text,
        contentSid,
      });
      // Answering is having read: the family's messages so far leave the unread count.
      await this.markSeen(tx, id, actor.worker);
      await this.record(tx, id, 'reply', actor.worker.id, { messageId: message.id, ...(contentSid ? { template: true } : {}) });
      await audit(tx, { workerId: actor.worker.id, action: 'handoff_reply', target: id, ip: actor.ip, data: { messageId: message.id, template: contentSid !== undefined } });
      return {
        kind: 'message',
        id: `m${message.id}`,
        at: message.createdAt.toISOString(),
        direction: 'outbound',
        author: 'worker',
        workerId: actor.worker.id,
        workerName: actor.worker.name,
        body: message.body,
        status: 'queued',
      } satisfies TranscriptItem;
    });
    this.options.onReplyQueued();
    return item;
  }

  /** An internal note on the conversation, for the team only: never sent to the family. */
  async note(id: string, actor: DeskActor, text: string): Promise<TranscriptItem> {
    const { db } = this.options;
    return db.transaction(async (tx) => {
      const handoff = await this.lock(tx, id);
      const event = await this.record(tx, handoff.id, 'note', actor.worker.id, { text });
      await audit(tx, { workerId: actor.worker.id, action: 'handoff_note', target: id, ip: actor.ip });
      const note: TranscriptItem = { kind: 'note', id: `e${event.id}`, at: event.created_at.toISOString(), workerId: actor.worker.id, workerName: actor.worker.name, text };
      return note;
    });
  }

  /**
   * Hands the family back to the bot: the handoff is resolved (resolveHandoff, as when a family
   * withdraws its request) and the conversation answers as the bot again from the family's next
   * message. The worker holding it, or an admin, may do it; anyone may resolve one still waiting
   * (answered another way, say by phone).
   */
  async resolve(id: string, actor: DeskActor): Promise<HandoffSummary> {
    const { db } = this.options;
    await db.transaction(async (tx) => {
      const handoff = await this.lock(tx, id);
      await mayDo(tx, 'resolve', handoff, actor.worker);
      await resolveHandoff(tx, { handoffId: id, from: ['waiting', 'active'], resolver: { by: 'worker', workerId: actor.worker.id } });
      await audit(tx, { workerId: actor.worker.id, action: 'handoff_resolved', target: id, ip: actor.ip });
    });
    return this.summaryOf(id, actor.worker);
  }

  /**
   * Erases the family's data when it asked the team rather than the bot (by phone, say), as
   * EFFACER does: its messages, profile and handoffs with their notes, this one included, so the
   * bot answers its next message as a new family's. The family is told in its language, over its
   * channel, as the bot tells it — unless it said STOP, or WhatsApp's 24 hours are past (the text
   * would not be delivered). The worker who holds (or last held) the conversation, or an admin.
   */
  async erase(id: string, actor: DeskActor): Promise<ErasureOutcome> {
    const { db } = this.options;
    const outcome = await db.transaction(async (tx) => {
      const handoff = await this.lock(tx, id);
      await mayDo(tx, 'erase', handoff, actor.worker);
      const contact = await tx.contact.findUniqueOrThrow({ where: { id: handoff.contact_id } });
      const confirmation: ErasureOutcome['confirmation'] = contact.optedOut
        ? 'skipped_opted_out'
        : this.whatsappWindowClosed(contact)
          ? 'skipped_whatsapp_window_closed'
          : 'queued';
      // Queued before the erasure, which keeps what is still to be sent (and so its conversation).
      if (confirmation === 'queued') {
        await this.queueOutbound(tx, { contact, conversationId: handoff.conversation_id, author: 'bot', workerId: null, text: { key: 'delete.done' } });
      }
      await eraseFamilyData(tx, contact.id);
      await audit(tx, { workerId: actor.worker.id, action: 'family_erased', target: id, ip: actor.ip, data: { contactId: contact.id, confirmation } });
      return { erased: true, confirmation } satisfies ErasureOutcome;
    });
    if (outcome.confirmation === 'queued') this.options.onReplyQueued();
    return outcome;
  }

  /** Writes a message to the family through the OutboundComposer, from the number it last wrote to when no sender is configured. */
  private async queueOutbound(tx: Tx, request: Omit<OutboundRequest, 'replyFrom'>): Promise<{ id: number; createdAt: Date; body: string }> {
    const lastInbound = await tx.message.findFirst({
      where: { contactId: request.contact.id, direction: 'inbound', ourAddress: { not: null } },
      orderBy: { id: 'desc' },
      select: { ourAddress: true },
    });
    return this.options.composer.write(tx, { ...request, replyFrom: lastInbound?.ourAddress ?? '' });
  }

  private whatsappWindowClosed(contact: { channel: string; lastInboundAt: Date | null }): boolean {
    return whatsappWindow(contact, this.now())?.open === false;
  }

  /** The holder of an active conversation has seen everything in it up to now. */
  private async markSeen(tx: Tx, id: string, worker: SessionWorker): Promise<void> {
    await tx.$executeRaw`
      UPDATE handoffs SET agent_last_seen_at = now() WHERE id = ${id}::uuid AND status = 'active' AND claimed_by = ${worker.id}::uuid`;
  }

  private async summaryOf(id: string, worker: SessionWorker): Promise<HandoffSummary> {
    if (!isUuid(id)) throw new HandoffError('not_found', 'no such handoff');
    const json = await handoffSummaries(this.options.db.prisma, {
      where: Prisma.sql`h.id = ${id}::uuid`,
      order: Prisma.sql`h.id`,
      limit: 1,
      worker,
      now: this.now(),
      routingSeconds: this.options.routingSeconds,
    });
    const summary = (JSON.parse(json) as HandoffSummary[])[0];
    if (!summary) throw new HandoffError('not_found', 'no such handoff');
    return summary;
  }

  /** Locks the handoff row for this transaction, so two workers' clicks apply one after the other. */
  private async lock(tx: Tx, id: string) {
    if (!isUuid(id)) throw new HandoffError('not_found', 'no such handoff');
    const rows = await tx.$queryRaw<{ id: string; status: HandoffStatus; claimed_by: string | null; contact_id: string; conversation_id: string | null }[]>`
      SELECT id, status::text AS status, claimed_by, contact_id, conversation_id FROM handoffs WHERE id = ${id}::uuid FOR UPDATE`;
    if (!rows[0]) throw new HandoffError('not_found', 'no such handoff');
    return rows[0];
  }


  /** Appends a handoff event and announces it (the NOTIFY is delivered when the transaction commits). */
  private async record(tx: Tx, handoffId: string, type: HandoffNotice['type'], workerId: string, data: Record<string, unknown>) {
    const notice: HandoffNotice = { handoffId, type };
    const rows = await tx.$queryRaw<{ id: bigint; created_at: Date }[]>`
      WITH event AS (
        INSERT INTO handoff_events (handoff_id, type, worker_id, data)
        VALUES (${handoffId}::uuid, ${type}, ${workerId}::uuid, ${JSON.stringify(data)}::jsonb)
        RETURNING id, created_at
      ), notified AS (SELECT pg_notify(${HANDOFF_CHANNEL}, ${JSON.stringify(notice)}) FROM event)
      SELECT id, created_at, (SELECT count(*) FROM notified)::int AS notified FROM event`;
    return rows[0]!;
  }

  private templateFor(language: string): string | undefined {
    const templates = this.options.whatsappTemplates;
    return templates[language] ?? templates['*'] ?? templates[DEFAULT_LANGUAGE];
  }
}

/** The refusal when another worker holds the conversation, naming them. */
/** Throws the HandoffError that says why `worker` may not do `action` now (`refusal`), if any. */
async function mayDo(tx: Tx, action: HandoffAction, handoff: { status: HandoffStatus; claimed_by: string | null }, worker: SessionWorker, options: { takeOver?: boolean } = {}): Promise<void> {
  const code = refusal(action, { status: handoff.status, claimedBy: handoff.claimed_by }, worker, options);
  if (code === undefined) return;
  if (code === 'claimed_by_someone_else') throw await heldBySomeoneElse(tx, handoff.claimed_by);
  throw new HandoffError(code, refusalMessage(action, code));
}

async function heldBySomeoneElse(tx: Tx, holderId: string | null): Promise<HandoffError> {
  const holder = holderId ? await tx.worker.findUnique({ where: { id: holderId }, select: { name: true } }) : null;
  return new HandoffError('claimed_by_someone_else', 'another worker holds this conversation', { claimedBy: holder?.name ?? null });
}

function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}

/** The SQL condition of `filters` on the handoff `h` and its contact `c`. */
function filterSql(filters: QueueFilters, worker: SessionWorker): Prisma.Sql {
  const parts: Prisma.Sql[] = [Prisma.sql`true`];
  if (filters.assignee === 'mine') parts.push(Prisma.sql`h.claimed_by = ${worker.id}::uuid`);
  if (filters.assignee === 'unassigned') parts.push(Prisma.sql`h.claimed_by IS NULL`);
  if (filters.language) parts.push(Prisma.sql`c.language = ${filters.language}`);
  if (filters.urgent) parts.push(Prisma.sql`h.priority >= 2`);
  if (filters.phoneDigits) parts.push(Prisma.sql`strpos(regexp_replace(c.phone, '[^0-9]', '', 'g'), ${filters.phoneDigits}) > 0`);
  return Prisma.join(parts, ' AND ');
}
