import type { Tx } from '../db/Database.ts';
import { DEFAULT_LANGUAGE, isLanguage, translate } from '../i18n.ts';
import { toGsm7 } from '../sms/gsm7.ts';
import { enqueueOutbound } from './enqueueOutbound.ts';

/** What leaves for a family: its address, ours, and the body as the family receives it. */
export interface ComposedMessage {
  to: string;
  from: string;
  body: string;
}

export interface OutboundComposerOptions {
  /**
   * Spell SMS bodies with GSM-7 characters only (ê→e, á→a, ’→'), so a segment holds 160
   * characters, not 70 (SMS_GSM7). WhatsApp bodies are never changed. Default true.
   */
  gsm7ForSms?: boolean;
  /** The configured sender for the channel of `to`, else `fallback` (the number the family wrote to). */
  senderFor?: (to: string, fallback: string) => string;
}

/** A message to a family outside a bot turn: the apology after a failed turn, a worker's reply, the erasure notice. */
export interface OutboundRequest {
  contact: { id: string; address: string; language: string };
  conversationId: string | null;
  /** The address the family wrote to, used when no sender is configured for the channel. */
  replyFrom: string;
  /** What the author wrote, or an i18n key rendered in the family's language. */
  text: string | { key: string };
  author: 'bot' | 'worker';
  /** Who of the team wrote it (author = worker). */
  workerId?: string | null | undefined;
  /** Sent even to an opted-out family: only the confirmation of the opt-out itself. */
  transactional?: boolean | undefined;
  /** An approved WhatsApp template sent instead of the body (Twilio Content API, HX…). */
  contentSid?: string | null | undefined;
}

/**
 * The one place an outbound text becomes the message that is sent, whoever wrote it: the bot's
 * replies (composed here by the adapter, written with the turn's commit), its apology after a
 * failed turn, a worker's reply or quick reply from the console, the erasure confirmation, a
 * template's transcript text. It renders the text in the family's language, picks the sender
 * for the channel and fits the body to it, so the SMS_GSM7 setting holds for all.
 */
export class OutboundComposer {
  private readonly gsm7ForSms: boolean;
  private readonly senderFor: (to: string, fallback: string) => string;

  constructor(options: OutboundComposerOptions = {}) {
    this.gsm7ForSms = options.gsm7ForSms ?? true;
    this.senderFor = options.senderFor ?? ((_to, fallback) => fallback);
  }

  /**
   * `to`: "+15145550100" or "whatsapp:+15145550100"; `replyFrom`: the address the family wrote to
   * (used when no sender is configured for the channel); `text`: what the author wrote, already in
   * the family's language.
   */
  compose(args: { to: string; text: string; replyFrom: string }): ComposedMessage {
    const sms = !args.to.startsWith('whatsapp:');
    return {
      to: args.to,
      from: this.senderFor(args.to, args.replyFrom),
      body: sms && this.gsm7ForSms ? toGsm7(args.text) : args.text,
    };
  }

  /**
   * Composes a message to a family and writes it with its outbox row through `tx` (the
   * transaction of the change it goes with). Returns the message's id and time, and the body as sent.
   */
  async write(tx: Tx, request: OutboundRequest): Promise<{ id: number; createdAt: Date; body: string }> {
    const { contact, replyFrom } = request;
    const language = isLanguage(contact.language) ? contact.language : DEFAULT_LANGUAGE;
    const text = typeof request.text === 'string' ? request.text : translate(language, request.text.key);
    const { to, from, body } = this.compose({ to: contact.address, text, replyFrom });
    const written = await enqueueOutbound(tx, {
      contactId: contact.id,
      conversationId: request.conversationId,
      to,
      from,
      body,
      author: request.author,
      workerId: request.workerId,
      transactional: request.transactional,
      contentSid: request.contentSid,
    });
    return { ...written, body };
  }
}
