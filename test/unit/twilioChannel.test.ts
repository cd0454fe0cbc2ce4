import { describe, expect, it } from 'vitest';
import { STATUS_CALLBACK_PATH, statusCallbackMessageId, statusCallbackUrl } from '../../src/channels/twilio/statusCallback.ts';
import { verifyTwilioSignature } from '../../src/channels/twilio/verifyTwilioSignature.ts';
import { inboundMessageFormSchema } from '../../src/channels/twilio/webhookSchemas.ts';

// The example from Twilio's webhook security documentation.
const vector = {
  authToken: '12345',
  url: 'https://mycompany.com/myapp.php?foo=1&bar=2',
  params: { CallSid: 'CA1234567890ABCDE', Caller: '+12349013030', Digits: '1234', From: '+12349013030', To: '+18005551212' },
  signature: '0/KCTR6DLpKmkAf8muzZqo1nDgQ=',
};

describe('verifyTwilioSignature', () => {
  it('accepts Twilio’s documented example', () => {
    expect(verifyTwilioSignature(vector)).toBe(true);
  });

  it.each([
    ['a missing signature', { ...vector, signature: undefined }],
    ['an empty signature', { ...vector, signature: '' }],
    ['another token', { ...vector, authToken: '54321' }],
    ['another URL', { ...vector, url: 'https://mycompany.com/myapp.php?foo=1&bar=3' }],
    ['a changed parameter', { ...vector, params: { ...vector.params, Digits: '1235' } }],
    ['an added parameter', { ...vector, params: { ...vector.params, Body: 'hi' } }],
    ['garbage', { ...vector, signature: '%%%' }],
  ])('rejects %s', (_label, input) => {
    expect(verifyTwilioSignature(input)).toBe(false);
  });
});

describe('inboundMessageFormSchema', () => {
  const base = { MessageSid: 'SM' + 'a'.repeat(32), AccountSid: 'AC' + 'b'.repeat(32), From: '+15145550123', To: '+15145550100', Body: 'allo' };

  it('reads SMS and WhatsApp messages with media', () => {
    expect(inboundMessageFormSchema.parse(base)).toMatchObject({ channel: 'sms', body: 'allo', media: [], optOutType: null });
    const whatsapp = inboundMessageFormSchema.parse({
      ...base,
      From: 'whatsapp:+15145550123',
      To: 'whatsapp:+15145550100',
      Body: '',
      NumMedia: '1',
      MediaUrl0: 'https://x/y',
      MediaContentType0: 'image/png',
      ProfileName: 'Ana',
    });
    expect(whatsapp).toMatchObject({ channel: 'whatsapp', media: [{ url: 'https://x/y', contentType: 'image/png' }] });
  });

  it('drops NUL characters, which the database cannot store', () => {
    expect(inboundMessageFormSchema.parse({ ...base, Body: 'a\u0000b' }).body).toBe('ab');
  });

  it('refuses only a message it cannot answer: no sid, no sender, mixed channels', () => {
    expect(inboundMessageFormSchema.safeParse({ ...base, MessageSid: 'XX1' }).success).toBe(false);
    expect(inboundMessageFormSchema.safeParse({ ...base, From: 'bob' }).success).toBe(false);
    expect(inboundMessageFormSchema.safeParse({ ...base, From: 'whatsapp:+15145550123' }).success).toBe(false);
  });

  it('reads a detail it does not expect rather than refuse the message', () => {
    expect(inboundMessageFormSchema.parse({ ...base, NumMedia: '-1' }).media).toEqual([]);
    expect(inboundMessageFormSchema.parse({ ...base, NumMedia: '0', MediaUrl0: 'https://x/y' }).media).toEqual([{ url: 'https://x/y', contentType: '' }]);
    expect(inboundMessageFormSchema.parse({ ...base, OptOutType: 'stopall' }).optOutType).toBe('STOPALL');
    expect(inboundMessageFormSchema.parse({ ...base, OptOutType: 'help' }).optOutType).toBe('HELP');
    expect(inboundMessageFormSchema.parse({ ...base, OptOutType: '' }).optOutType).toBeNull();
    expect(inboundMessageFormSchema.parse({ ...base, Body: 'x'.repeat(5000) }).body).toHaveLength(5000);
  });
});

describe('status callback URL', () => {
  it('carries the message id that the status route reads back, and nothing else passes for one', () => {
    const url = new URL(statusCallbackUrl('https://bot.example.org', 4217));
    expect(url.pathname).toBe(STATUS_CALLBACK_PATH);
    expect(statusCallbackMessageId(url.searchParams.get('m'))).toBe(4217);
    for (const bad of [undefined, '', '0', '-3', '12abc', '2147483648', ['1', '2']]) expect(statusCallbackMessageId(bad)).toBeNull();
  });
});
