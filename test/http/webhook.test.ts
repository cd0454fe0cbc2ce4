import { describe, expect, it } from 'vitest';
import { useTestService } from '../support/startTestService.ts';
import { BOT_NUMBER, inboundForm, messageSid, postSigned } from '../support/signedWebhook.ts';

const t = useTestService();

let phoneCounter = 100;
function newPhone(): string {
  return `+1514555${String(phoneCounter++).padStart(4, '0')}`;
}

describe('POST /webhooks/twilio/messages', () => {
  it('acknowledges a signed message with empty TwiML and answers the parent through the Messages API', async () => {
    const phone = newPhone();
    // No words to tell the language by: the bot asks which language, in all four.
    const response = await postSigned(t.baseUrl, '/webhooks/twilio/messages', inboundForm({ from: phone, body: '👋' }));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/xml/);
    expect(await response.text()).toBe('<?xml version="1.0" encoding="UTF-8"?><Response/>');

    const [reply] = await t.twilio.waitFor(phone, 1);
    expect(reply!.from).toBe(BOT_NUMBER);
    expect(reply!.body).toContain('1 Francais');
    expect(reply!.statusCallback).toMatch(new RegExp(`^${t.baseUrl}/webhooks/twilio/status\\?m=\\d+$`));
  });

  it('rejects a request without a valid signature before storing anything', async () => {
    const phone = newPhone();
    const form = inboundForm({ from: phone, body: 'hello' });
    const unsigned = await fetch(`${t.baseUrl}/webhooks/twilio/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form).toString(),
    });
    expect(unsigned.status).toBe(403);
    const wrongToken = await postSigned(t.baseUrl, '/webhooks/twilio/messages', form, { authToken: 'not-the-right-token-000000000000' });
    expect(wrongToken.status).toBe(403);
    const wrongUrl = await postSigned(t.baseUrl, '/webhooks/twilio/messages', form, { publicBaseUrl: 'https://elsewhere.example' });
    expect(wrongUrl.status).toBe(403);
    expect(await t.service.db.prisma.contact.count({ where: { phone } })).toBe(0);
  });

  it('answers 400 to a signed form that is not a Twilio message', async () => {
    const bad = await postSigned(t.baseUrl, '/webhooks/twilio/messages', { MessageSid: 'nonsense', From: 'me', To: 'you', Body: 'x' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: expect.stringContaining('MessageSid') });
    const mixed = await postSigned(t.baseUrl, '/webhooks/twilio/messages', inboundForm({ from: `whatsapp:${newPhone()}`, body: 'x', to: BOT_NUMBER }));
    expect(mixed.status).toBe(400);
  });

  it('answers 413 to an oversized body', async () => {
    const response = await postSigned(t.baseUrl, '/webhooks/twilio/messages', inboundForm({ from: newPhone(), body: 'x'.repeat(40_000) }));
    expect(response.status).toBe(413);
  });

  it('processes a redelivered MessageSid once', async () => {
    const phone = newPhone();
    const form = inboundForm({ from: phone, body: '👋', sid: messageSid() });
    const answers = await Promise.all([1, 2, 3].map(() => postSigned(t.baseUrl, '/webhooks/twilio/messages', form)));
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200]);
    await t.twilio.waitFor(phone, 1);
    await t.service.processor!.runner.idle();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(t.twilio.to(phone)).toHaveLength(1);
    expect(await t.service.db.prisma.message.count({ where: { contact: { phone }, direction: 'inbound' } })).toBe(1);
  });

  it('answers a media-only message politely with text', async () => {
    const phone = newPhone();
    await postSigned(t.baseUrl, '/webhooks/twilio/messages', inboundForm({ from: phone, body: '2' }));
    await t.twilio.waitFor(phone, 1);
    const form = inboundForm({
      from: phone,
      body: '',
      extra: { NumMedia: '1', MediaUrl0: 'https://api.twilio.com/2010-04-01/Accounts/AC/Messages/MM/Media/ME', MediaContentType0: 'image/jpeg' },
    });
    expect((await postSigned(t.baseUrl, '/webhooks/twilio/messages', form)).status).toBe(200);
    const replies = await t.twilio.waitFor(phone, 2);
    expect(replies[1]!.body).toMatch(/can't see photos/);
  });

  it('keeps one family’s messages in arrival order under concurrency', async () => {
    const phone = newPhone();
    // Choose English first, then switch languages back and forth as fast as the webhook takes it.
    await postSigned(t.baseUrl, '/webhooks/twilio/messages', inboundForm({ from: phone, body: '2' }));
    expect((await t.twilio.waitFor(phone, 1))[0]!.body).toMatch(/^Hello! This is Bienvenue/);
    const bodies = ['LANGUAGE', '3', 'LANGUE', '4', 'LANG', '1'];
    for (const body of bodies) await postSigned(t.baseUrl, '/webhooks/twilio/messages', inboundForm({ from: phone, body }));
    // Each choice is confirmed, then the privacy notice is asked again in the new language.
    const replies = await t.twilio.waitFor(phone, 1 + 9);
    const texts = replies.slice(1).map((reply) => reply.body.split('\n')[0]);
    expect(texts).toEqual([
      'Bonjour! Hello! ¡Hola! Bonjou!',
      expect.stringMatching(/^Perfecto, seguimos en español/),
      expect.stringMatching(/^¡Hola! Somos Bienvenue/),
      'Bonjour! Hello! ¡Hola! Bonjou!',
      expect.stringMatching(/^Bon, n ap kontinye an kreyòl/),
      expect.stringMatching(/^Bonjou! Se Bienvenue/),
      'Bonjour! Hello! ¡Hola! Bonjou!',
      expect.stringMatching(/^Parfait, on continue en francais/),
      expect.stringMatching(/^Bonjour! Ici Bienvenue/),
    ]);
  });

  it('serves many families at once and answers each exactly once', async () => {
    const phones = Array.from({ length: 30 }, () => newPhone());
    const before = t.twilio.messages.length;
    await Promise.all(phones.map((phone) => postSigned(t.baseUrl, '/webhooks/twilio/messages', inboundForm({ from: phone, body: '👋' }))));
    await t.twilio.waitForMessages(before + 30, 15_000);
    await t.service.processor!.runner.idle();
    for (const phone of phones) expect(t.twilio.to(phone)).toHaveLength(1);
  });
});

describe('WhatsApp', () => {
  it('answers a WhatsApp message from the WhatsApp sender', async () => {
    const address = `whatsapp:${newPhone()}`;
    expect((await postSigned(t.baseUrl, '/webhooks/twilio/messages', inboundForm({ from: address, body: 'Hola' }))).status).toBe(200);
    const [reply] = await t.twilio.waitFor(address, 1);
    expect(reply!.from).toBe(`whatsapp:${BOT_NUMBER}`);
    const contact = await t.service.db.prisma.contact.findUnique({ where: { address } });
    expect(contact).toMatchObject({ channel: 'whatsapp', phone: address.slice('whatsapp:'.length) });
  });
});

describe('POST /webhooks/twilio/status', () => {
  it('records delivery status on the outbound message, never moving backwards', async () => {
    const phone = newPhone();
    await postSigned(t.baseUrl, '/webhooks/twilio/messages', inboundForm({ from: phone, body: 'salut' }));
    const [reply] = await t.twilio.waitFor(phone, 1);
    const path = reply!.statusCallback!.slice(t.baseUrl.length);
    const callback = (status: string, extra: Record<string, string> = {}) =>
      postSigned(t.baseUrl, path, { MessageSid: reply!.sid, MessageStatus: status, AccountSid: 'AC' + 'a1'.repeat(16), ...extra });
    expect((await callback('delivered')).status).toBe(204);
    expect((await callback('sent')).status).toBe(204);
    const message = await t.service.db.prisma.message.findFirst({ where: { twilioSid: reply!.sid } });
    expect(message?.status).toBe('delivered');
    // A status Twilio may add tomorrow is acknowledged (a 4xx makes Twilio log error 11200), and not recorded.
    expect((await postSigned(t.baseUrl, path, { MessageSid: reply!.sid, MessageStatus: 'teleported' })).status).toBe(204);
    expect((await t.service.db.prisma.message.findFirst({ where: { twilioSid: reply!.sid } }))?.status).toBe('delivered');
    const unsigned = await fetch(t.baseUrl + path, { method: 'POST', body: new URLSearchParams({ MessageSid: reply!.sid, MessageStatus: 'failed' }) });
    expect(unsigned.status).toBe(403);
  });
});

describe('health', () => {
  it('reports liveness and readiness', async () => {
    expect(await (await fetch(`${t.baseUrl}/healthz`)).json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${t.baseUrl}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', pending: [] });
  });
});
