import { randomBytes } from 'node:crypto';
import twilio from 'twilio';

export const TEST_ACCOUNT_SID = 'AC' + 'a1'.repeat(16);
export const TEST_AUTH_TOKEN = 'test-auth-token-0123456789abcdef';
export const BOT_NUMBER = '+15145550100';

export function messageSid(): string {
  return `SM${randomBytes(16).toString('hex')}`;
}

/** The form Twilio would post for a message from `from`. */
export function inboundForm(args: { from: string; body: string; sid?: string; to?: string; extra?: Record<string, string> }): Record<string, string> {
  const whatsapp = args.from.startsWith('whatsapp:');
  return {
    ToCountry: 'CA',
    SmsMessageSid: args.sid ?? messageSid(),
    NumMedia: '0',
    SmsSid: args.sid ?? messageSid(),
    SmsStatus: 'received',
    Body: args.body,
    To: args.to ?? (whatsapp ? `whatsapp:${BOT_NUMBER}` : BOT_NUMBER),
    NumSegments: '1',
    MessageSid: args.sid ?? messageSid(),
    AccountSid: TEST_ACCOUNT_SID,
    From: args.from,
    ApiVersion: '2010-04-01',
    ...args.extra,
  };
}

/** POSTs a genuinely signed Twilio webhook to `baseUrl + path`. */
export async function postSigned(baseUrl: string, path: string, form: Record<string, string>, options: { authToken?: string; publicBaseUrl?: string } = {}): Promise<Response> {
  const url = (options.publicBaseUrl ?? baseUrl) + path;
  const signature = twilio.getExpectedTwilioSignature(options.authToken ?? TEST_AUTH_TOKEN, url, form);
  return fetch(baseUrl + path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Twilio-Signature': signature },
    body: new URLSearchParams(form).toString(),
  });
}
