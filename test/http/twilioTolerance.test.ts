import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { useTestService } from '../support/startTestService.ts';
import { BOT_NUMBER, TEST_ACCOUNT_SID, inboundForm, messageSid, postSigned } from '../support/signedWebhook.ts';

// Issue 11, kind 10: what Twilio sends is never refused for a detail, and bad input never gets a 5xx.
const t = useTestService();

let phoneCounter = 300;
const newPhone = () => `+1514556${String(phoneCounter++).padStart(4, '0')}`;

/** Sends one message and returns the path of the status callback of its first reply, and the reply's sid. */
async function replyOf(phone: string): Promise<{ path: string; sid: string; id: number }> {
  await postSigned(t.baseUrl, '/webhooks/twilio/messages', inboundForm({ from: phone, body: 'salut' }));
  const [reply] = await t.twilio.waitFor(phone, 1, 15_000);
  const path = reply!.statusCallback!.slice(t.baseUrl.length);
  const id = Number(new URL(reply!.statusCallback!).searchParams.get('m'));
  // The fake Twilio has the request; the app records Twilio's answer (the MessageSid) a moment later.
  await expect.poll(async () => (await t.service.db.prisma.message.findUniqueOrThrow({ where: { id } })).twilioSid, { timeout: 15_000 }).toBe(reply!.sid);
  return { path, sid: reply!.sid, id };
}

const statusOf = async (id: number) => (await t.service.db.prisma.message.findUniqueOrThrow({ where: { id } })).status;

describe('status callbacks', () => {
  it('accepts every status Twilio documents and never moves a status backwards', async () => {
    const { path, sid, id } = await replyOf(newPhone());
    const post = (status: string, extra: Record<string, string> = {}) =>
      postSigned(t.baseUrl, path, { MessageSid: sid, MessageStatus: status, AccountSid: TEST_ACCOUNT_SID, ...extra });
    // Twilio's documented MessageStatus values (Messages resource, "Message status values").
    for (const status of ['queued', 'sending', 'sent', 'partially_delivered', 'delivered', 'read']) {
      expect((await post(status)).status, status).toBe(204);
    }
    expect(await statusOf(id)).toBe('read');
    for (const status of ['accepted', 'scheduled', 'queued', 'sending', 'sent', 'delivered', 'partially_delivered', 'receiving', 'received']) {
      expect((await post(status)).status, status).toBe(204);
      expect(await statusOf(id), `after ${status}`).toBe('read');
    }
  });

  it('records a final failure, with its error code, and keeps it', async () => {
    const { path, sid, id } = await replyOf(newPhone());
    const post = (status: string, extra: Record<string, string> = {}) =>
      postSigned(t.baseUrl, path, { MessageSid: sid, MessageStatus: status, AccountSid: TEST_ACCOUNT_SID, ...extra });
    expect((await post('undelivered', { ErrorCode: '30003' })).status).toBe(204);
    expect((await post('delivered')).status).toBe(204);
    const message = await t.service.db.prisma.message.findUniqueOrThrow({ where: { id } });
    expect(message).toMatchObject({ status: 'undelivered', errorCode: 30003 });
    // A later final status without an ErrorCode keeps the code Twilio gave.
    expect((await post('failed')).status).toBe(204);
    expect(await t.service.db.prisma.message.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: 'failed', errorCode: 30003 });
  });

  it('answers 2xx, not 400, to a status it does not know or an odd error code, and records nothing unknown', async () => {
    const { path, sid, id } = await replyOf(newPhone());
    const before = await statusOf(id);
    const odd: Record<string, string>[] = [{ MessageStatus: 'teleported' }, { MessageStatus: 'sent', ErrorCode: 'abc' }, { MessageStatus: '' }];
    for (const extra of odd) {
      expect((await postSigned(t.baseUrl, path, { MessageSid: sid, AccountSid: TEST_ACCOUNT_SID, ...extra })).status).toBe(204);
    }
    expect(['teleported', '']).not.toContain(await statusOf(id));
    expect(['queued', 'sending', 'sent', 'accepted']).toContain(before);
  });

  it('answers 204, never 500, to a signed callback whose ?m= is out of range or odd', async () => {
    const { sid, id } = await replyOf(newPhone());
    for (const m of ['99999999999999999999', '2147483648', '-1', '0', '1e3', 'abc', '1.5', '%00', '9007199254740993']) {
      const response = await postSigned(t.baseUrl, `/webhooks/twilio/status?m=${m}`, { MessageSid: sid, MessageStatus: 'delivered', AccountSid: TEST_ACCOUNT_SID });
      expect(response.status, `m=${m}`).toBe(204);
    }
    // The MessageSid still finds the message.
    expect(await statusOf(id)).toBe('delivered');
    const repeated = await postSigned(t.baseUrl, `/webhooks/twilio/status?m=1&m=2`, { MessageSid: sid, MessageStatus: 'read', AccountSid: TEST_ACCOUNT_SID });
    expect(repeated.status).toBe(204);
  });
});

describe('inbound messages', () => {
  it('stores and answers a message whatever OptOutType or extra fields it carries', async () => {
    const extras: Record<string, string>[] = [
      { OptOutType: 'STOPALL' },
      { OptOutType: 'help' },
      { OptOutType: '' },
      { NumMedia: '12' },
      { NumMedia: 'x' },
      { ReferralNumMedia: '0', ButtonText: 'Oui', ButtonPayload: 'yes', ProfileName: '😀 Ana', WaId: '15145550000', Latitude: 'north' },
      { MessagingServiceSid: 'MG' + 'b2'.repeat(16), SmsStatus: 'something_new', NumSegments: '1000' },
    ];
    for (const [index, extra] of extras.entries()) {
      const phone = newPhone();
      const sid = messageSid();
      const response = await postSigned(t.baseUrl, '/webhooks/twilio/messages', inboundForm({ from: phone, body: `Bonjour ${index}`, sid, extra }));
      expect(response.status, JSON.stringify(extra)).toBe(200);
      const stored = await t.service.db.prisma.message.findUnique({ where: { twilioSid: sid } });
      expect(stored?.body, JSON.stringify(extra)).toBe(`Bonjour ${index}`);
    }
  });

  it('keeps Twilio’s opt-out reading when it knows it, whatever its case', async () => {
    const phone = newPhone();
    const sid = messageSid();
    await postSigned(t.baseUrl, '/webhooks/twilio/messages', inboundForm({ from: phone, body: 'stop', sid, extra: { OptOutType: 'stop' } }));
    const stored = await t.service.db.prisma.message.findUniqueOrThrow({ where: { twilioSid: sid } });
    expect(stored.optOutType).toBe('STOP');
  });

  it('stores a message longer than a WhatsApp message may be, rather than lose it', async () => {
    const sid = messageSid();
    const body = 'é'.repeat(5000);
    const response = await postSigned(t.baseUrl, '/webhooks/twilio/messages', inboundForm({ from: newPhone(), body, sid }));
    expect(response.status).toBe(200);
    expect((await t.service.db.prisma.message.findUniqueOrThrow({ where: { twilioSid: sid } })).body).toBe(body);
  });
});

describe('fuzzing signed webhooks', () => {
  const word = fc.oneof(
    fc.constantFrom('', '0', '-1', '1e309', 'NaN', '2147483648', '99999999999999999999', 'null', 'true', '\u0000', '%', '😀', 'whatsapp:', '+'),
    fc.string({ maxLength: 12 }),
    fc.integer().map(String),
  );
  const statusForm = fc.record(
    {
      MessageSid: fc.oneof(fc.constant(`SM${'c3'.repeat(16)}`), word),
      MessageStatus: fc.oneof(fc.constantFrom('queued', 'sent', 'delivered', 'partially_delivered', 'read', 'failed', 'canceled'), word),
      ErrorCode: word,
      AccountSid: fc.oneof(fc.constant(TEST_ACCOUNT_SID), word),
      ChannelStatusMessage: word,
    },
    { requiredKeys: [] },
  );
  const inbound = fc.record(
    {
      MessageSid: fc.oneof(fc.constant('valid'), word),
      From: fc.oneof(fc.constant('+15145557777'), fc.constant('whatsapp:+15145557778'), word),
      To: fc.oneof(fc.constant(BOT_NUMBER), fc.constant(`whatsapp:${BOT_NUMBER}`), word),
      Body: fc.oneof(fc.string({ maxLength: 40 }), word),
      NumMedia: word,
      MediaUrl0: word,
      OptOutType: word,
      AccountSid: fc.oneof(fc.constant(TEST_ACCOUNT_SID), word),
      Latitude: word,
      MessageType: word,
    },
    { requiredKeys: [] },
  );

  it('never answers 5xx to a signed status callback, whatever its fields and ?m=', async () => {
    await fc.assert(
      fc.asyncProperty(statusForm, word, async (form, m) => {
        const clean = Object.fromEntries(Object.entries(form).filter(([, value]) => value !== undefined)) as Record<string, string>;
        const response = await postSigned(t.baseUrl, `/webhooks/twilio/status?m=${encodeURIComponent(m)}`, clean);
        expect(response.status).toBeLessThan(500);
      }),
      { numRuns: 120, seed: 11 },
    );
  });

  it('never answers 5xx to a signed inbound message, and stores every one that names a sender, a number and a sid', async () => {
    await fc.assert(
      fc.asyncProperty(inbound, async (form) => {
        const clean = Object.fromEntries(Object.entries(form).filter(([, value]) => value !== undefined)) as Record<string, string>;
        if (clean.MessageSid === 'valid') clean.MessageSid = messageSid();
        const response = await postSigned(t.baseUrl, '/webhooks/twilio/messages', clean);
        expect(response.status).toBeLessThan(500);
        const wellFormed =
          /^SM[0-9a-f]{32}$/.test(clean.MessageSid ?? '') &&
          clean.AccountSid === TEST_ACCOUNT_SID &&
          ((clean.From === '+15145557777' && clean.To === BOT_NUMBER) || (clean.From === 'whatsapp:+15145557778' && clean.To === `whatsapp:${BOT_NUMBER}`));
        if (wellFormed) {
          expect(response.status).toBe(200);
          expect(await t.service.db.prisma.message.count({ where: { twilioSid: clean.MessageSid } })).toBe(1);
        }
      }),
      { numRuns: 60, seed: 11 },
    );
  });
});
