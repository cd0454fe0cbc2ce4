import { z } from 'zod';

const e164 = /^\+[1-9]\d{6,14}$/;
const twilioAddress = z
  .string()
  .trim()
  .refine((value) => e164.test(value.replace(/^whatsapp:/, '')), 'a phone number in E.164 form, optionally prefixed by "whatsapp:"');
const sid = (prefixes: string) => z.string().regex(new RegExp(`^(${prefixes})[0-9a-fA-F]{32}$`), `a Twilio SID starting with ${prefixes}`);

/** Twilio Advanced Opt-Out's readings of a message the bot acts on. */
export const OPT_OUT_TYPES = ['STOP', 'START', 'HELP'] as const;

// A signed form is Twilio's: what it adds or spells differently tomorrow must not lose a parent's
// message. Only what the bot cannot do without (who wrote, to which number, which message) is required.
const MAX_MEDIA = 10;

/** The form Twilio posts for an incoming SMS, MMS or WhatsApp message (fields we use; any other is ignored). */
export const inboundMessageFormSchema = z
  .object({
    MessageSid: sid('SM|MM'),
    AccountSid: sid('AC'),
    From: twilioAddress,
    To: twilioAddress,
    // PostgreSQL text cannot hold NUL; nothing a parent typed is lost by dropping it. No maximum:
    // the form's size limit bounds it, and a long message is stored rather than refused.
    Body: z.string().default('').transform((body) => body.replaceAll('\u0000', '')),
    // Kept as Twilio spells it (upper case, at most 32 characters); the bot acts only on OPT_OUT_TYPES.
    OptOutType: z
      .string()
      .optional()
      .transform((value) => value?.replaceAll('\u0000', '').trim().toUpperCase().slice(0, 32) || null),
  })
  .catchall(z.unknown())
  .refine((form) => form.From.startsWith('whatsapp:') === form.To.startsWith('whatsapp:'), {
    message: 'From and To must both be WhatsApp addresses or both phone numbers',
    path: ['To'],
  })
  .transform((form) => ({
    messageSid: form.MessageSid,
    accountSid: form.AccountSid,
    from: form.From,
    to: form.To,
    body: form.Body,
    channel: form.From.startsWith('whatsapp:') ? ('whatsapp' as const) : ('sms' as const),
    optOutType: form.OptOutType,
    // The MediaUrlN fields themselves, whatever NumMedia says.
    media: Array.from({ length: MAX_MEDIA }, (_, index) => ({ url: form[`MediaUrl${index}`], contentType: form[`MediaContentType${index}`] }))
      .filter((item): item is { url: string; contentType: unknown } => typeof item.url === 'string' && item.url !== '')
      .map((item) => ({ url: item.url.replaceAll('\u0000', ''), contentType: typeof item.contentType === 'string' ? item.contentType.replaceAll('\u0000', '') : '' })),
  }));

export type InboundMessage = z.infer<typeof inboundMessageFormSchema>;

/**
 * Every MessageStatus Twilio documents for a message, ranked in the order a message moves
 * through them: a callback never moves a message to a lower rank (callbacks arrive out of order).
 * `receiving`/`received` are inbound statuses: rank 0, never recorded over an outbound one.
 */
export const MESSAGE_STATUS_RANK: Record<string, number> = {
  receiving: 0,
  received: 0,
  accepted: 1,
  scheduled: 1,
  queued: 1,
  sending: 2,
  sent: 3,
  partially_delivered: 4,
  delivered: 4,
  read: 5,
  undelivered: 6,
  failed: 6,
  canceled: 6,
};

/**
 * The form Twilio posts to a message's StatusCallback, read leniently: a status this code does not
 * know, an odd error code or sid is acknowledged and left unrecorded rather than refused (a 4xx
 * makes Twilio log error 11200 and retry nothing).
 */
export const statusCallbackFormSchema = z
  .object({
    MessageSid: z.string().default(''),
    MessageStatus: z.string().default('').transform((status) => status.trim().toLowerCase()),
    ErrorCode: z
      .string()
      .optional()
      .transform((code) => (code !== undefined && /^\d{1,9}$/.test(code.trim()) ? Number(code.trim()) : undefined)),
  })
  .catchall(z.unknown())
  .transform((form) => ({
    messageSid: /^(SM|MM)[0-9a-fA-F]{32}$/.test(form.MessageSid) ? form.MessageSid : null,
    status: Object.hasOwn(MESSAGE_STATUS_RANK, form.MessageStatus) ? form.MessageStatus : null,
    reportedStatus: form.MessageStatus.slice(0, 40),
    errorCode: form.ErrorCode ?? null,
  }));

export type StatusCallback = z.infer<typeof statusCallbackFormSchema>;
