import { toGsm7 } from '../sms/gsm7.ts';

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

/**
 * The one place an outbound text becomes the message that is sent, whoever wrote it: the bot's
 * replies, its apology after a failed turn, a worker's reply or quick reply from the console, the
 * erasure confirmation, a template's transcript text. It picks the sender for the channel and fits
 * the body to it; every writer of the outbox goes through it, so the SMS_GSM7 setting holds for all.
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
}
