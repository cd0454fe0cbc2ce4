import { z } from 'zod';

const e164 = /^\+[1-9]\d{6,14}$/;
const twilioAddress = z
  .string()
  .trim()
  .refine((value) => e164.test(value.replace(/^whatsapp:/, '')), 'a phone number in E.164 form, optionally prefixed by "whatsapp:"');
const sid = (prefixes: string) => z.string().regex(new RegExp(`^(${prefixes})[0-9a-fA-F]{32}$`), `a Twilio SID starting with ${prefixes}`);

/** The form Twilio posts for an incoming SMS, MMS or WhatsApp message (fields we use). */
export const inboundMessageFormSchema = z
  .object({
    MessageSid: sid('SM|MM'),
    AccountSid: sid('AC'),
    From: twilioAddress,
    To: twilioAddress,
    // PostgreSQL text cannot hold NUL; nothing a parent typed is lost by dropping it.
    Body: z.string().max(4096).default('').transform((body) => body.replaceAll('\u0000', '')),
    NumMedia: z.coerce.number().int().min(0).max(10).default(0),
    OptOutType: z.enum(['STOP', 'START', 'HELP']).optional(),
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
    optOutType: form.OptOutType ?? null,
    media: Array.from({ length: form.NumMedia }, (_, index) => ({
      url: String(form[`MediaUrl${index}`] ?? ''),
      contentType: String(form[`MediaContentType${index}`] ?? ''),
    })),
  }));

export type InboundMessage = z.infer<typeof inboundMessageFormSchema>;

/** Message statuses Twilio reports, in the order a message moves through them. */
export const MESSAGE_STATUS_RANK: Record<string, number> = {
  accepted: 1,
  scheduled: 1,
  queued: 1,
  sending: 2,
  sent: 3,
  delivered: 4,
  read: 5,
  undelivered: 6,
  failed: 6,
  canceled: 6,
};

/** The form Twilio posts to a message's StatusCallback. */
export const statusCallbackFormSchema = z
  .object({
    MessageSid: sid('SM|MM'),
    MessageStatus: z.enum(Object.keys(MESSAGE_STATUS_RANK) as [string, ...string[]]),
    ErrorCode: z.coerce.number().int().optional(),
  })
  .catchall(z.unknown());

export type StatusCallback = z.infer<typeof statusCallbackFormSchema>;
