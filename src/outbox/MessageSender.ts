/** What leaves the outbox: one text to one address. */
export interface OutgoingMessage {
  /** "+15145550100" or "whatsapp:+15145550100". */
  to: string;
  /** A sender address, or a Messaging Service SID (MG…). */
  from: string;
  /** The text; with `contentSid`, what the template says (for the simulator and the transcript). */
  body: string;
  /** An approved WhatsApp template (Twilio Content API "HX…") sent instead of `body`. */
  contentSid?: string | undefined;
  /** The template's variables, {"1": "…"}. */
  contentVariables?: Record<string, string> | undefined;
  /** Where Twilio reports delivery status. */
  statusCallback?: string | undefined;
}

/** Sends one message; resolves with the provider's id or throws SendError. */
export interface MessageSender {
  send(message: OutgoingMessage): Promise<{ sid: string; status: string }>;
}

/** A send that failed; `retryable` says whether trying again later may succeed. */
export class SendError extends Error {
  override name = 'SendError';
  readonly retryable: boolean;
  readonly code: number | undefined;
  readonly httpStatus: number | undefined;

  constructor(args: { message: string; retryable: boolean; code?: number | undefined; httpStatus?: number | undefined }) {
    super(args.message);
    this.retryable = args.retryable;
    this.code = args.code;
    this.httpStatus = args.httpStatus;
  }
}

/** Twilio error: the recipient replied STOP; nothing may be sent until they reply START. */
export const TWILIO_UNSUBSCRIBED = 21610;
/** Twilio error: too many requests (also reported as HTTP 429). */
export const TWILIO_TOO_MANY_REQUESTS = 20429;
/** Twilio error: too many messages between the same two numbers (a message loop); not retried, it stops the bot for the family. */
export const TWILIO_MESSAGE_LOOP = 14107;
