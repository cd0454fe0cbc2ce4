import { beforeAll, describe, expect, it } from 'vitest';
import { useTestService } from '../support/startTestService.ts';
import { inboundForm, postSigned } from '../support/signedWebhook.ts';

const t = useTestService();

beforeAll(() => {
  // Retries in this file come quickly: pull them forward instead of waiting for the backoff.
  t.service.processor!.dispatcher.on('retry', () => {
    void t.service.db.prisma.outbox.updateMany({ where: { status: 'pending' }, data: { nextAttemptAt: new Date() } }).then(() => t.service.processor!.dispatcher.wake());
  });
});

let n = 300;
const newPhone = () => `+1438555${String(n++).padStart(4, '0')}`;

async function outboxRows(phone: string) {
  return t.service.db.prisma.outbox.findMany({ where: { contact: { phone } }, orderBy: { id: 'asc' }, include: { message: true } });
}

async function until<T>(read: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`condition not met: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('outbox', () => {
  it.each([
    ['HTTP 429', { status: 429, code: 20429 }],
    ['HTTP 500', { status: 500, code: 20500 }],
    ['HTTP 503', { status: 503, code: 20503 }],
  ])('retries after %s and delivers once', async (_label, failure) => {
    const phone = newPhone();
    t.twilio.script.set(phone, [failure, failure]);
    await postSigned(t.baseUrl, '/webhooks/twilio/messages', inboundForm({ from: phone, body: '👋' }));
    const rows = await until(() => outboxRows(phone), (r) => r[0]?.status === 'sent');
    expect(rows[0]!.attempts).toBe(3);
    expect(rows[0]!.message.twilioSid).toMatch(/^SM/);
    expect(t.twilio.to(phone)).toHaveLength(1);
  });

  it('retries when the connection drops', async () => {
    const phone = newPhone();
    t.twilio.script.set(phone, ['drop']);
    await postSigned(t.baseUrl, '/webhooks/twilio/messages', inboundForm({ from: phone, body: '👋' }));
    const rows = await until(() => outboxRows(phone), (r) => r[0]?.status === 'sent');
    expect(rows[0]!.attempts).toBe(2);
    expect(rows[0]!.lastError).toBeNull();
  });

  it('stops on a permanent error and records it on the message', async () => {
    const phone = newPhone();
    t.twilio.script.set(phone, [{ status: 400, code: 21211 }]);
    await postSigned(t.baseUrl, '/webhooks/twilio/messages', inboundForm({ from: phone, body: '👋' }));
    const rows = await until(() => outboxRows(phone), (r) => r[0]?.status === 'failed');
    expect(rows[0]!.attempts).toBe(1);
    expect(rows[0]!.message).toMatchObject({ status: 'failed', errorCode: 21211 });
    expect(t.twilio.to(phone)).toHaveLength(0);
  });

  it('marks the contact opted out on 21610 and sends nothing more', async () => {
    const phone = newPhone();
    t.twilio.script.set(phone, [{ status: 400, code: 21610 }]);
    await postSigned(t.baseUrl, '/webhooks/twilio/messages', inboundForm({ from: phone, body: '👋' }));
    await until(() => outboxRows(phone), (r) => r[0]?.status === 'failed');
    const contact = await t.service.db.prisma.contact.findFirstOrThrow({ where: { phone } });
    expect(contact.optedOut).toBe(true);
    expect(contact.optedOutAt).toBeInstanceOf(Date);
    await postSigned(t.baseUrl, '/webhooks/twilio/messages', inboundForm({ from: phone, body: 'allo?' }));
    await t.service.processor!.runner.idle();
    expect(await outboxRows(phone)).toHaveLength(1);
  });

  it('sends a family’s replies in order even when the first one needs retries', async () => {
    const phone = newPhone();
    t.twilio.script.set(phone, [{ status: 500 }]);
    await postSigned(t.baseUrl, '/webhooks/twilio/messages', inboundForm({ from: phone, body: '2' }));
    await postSigned(t.baseUrl, '/webhooks/twilio/messages', inboundForm({ from: phone, body: 'help' }));
    await until(() => outboxRows(phone), (r) => r.length === 2 && r.every((row) => row.status === 'sent'));
    const bodies = t.twilio.to(phone).map((message) => message.body);
    expect(bodies[0]).toMatch(/^Hello! This is Bienvenue/);
    expect(bodies[1]).toMatch(/^Bienvenue la famille: a free service/);
  });
});

describe('replies of one turn', () => {
  it('go out in order when the first needs a retry', async () => {
    const phone = newPhone();
    await postSigned(t.baseUrl, '/webhooks/twilio/messages', inboundForm({ from: phone, body: 'un camp pour ma fille de 4 ans a St-Michel' }));
    await until(() => outboxRows(phone), (r) => r.length === 1 && r[0]!.status === 'sent');
    // "non" to the notice: the decline and the programs, two replies of one turn.
    t.twilio.script.set(phone, [{ status: 503, code: 20503 }]);
    await postSigned(t.baseUrl, '/webhooks/twilio/messages', inboundForm({ from: phone, body: 'non' }));
    const rows = await until(() => outboxRows(phone), (r) => r.length === 3 && r.every((row) => row.status === 'sent'));
    expect(rows[1]!.attempts).toBe(2);
    const bodies = t.twilio.to(phone).map((message) => message.body);
    expect(bodies).toHaveLength(3);
    expect(bodies[1]).toBe(rows[1]!.body);
    expect(bodies[2]).toBe(rows[2]!.body);
    expect(bodies[2]).toMatch(/^1\) /m);
  });
});

describe('opt-out', () => {
  it('confirms STOP once, stays silent, and resumes on START', async () => {
    const phone = newPhone();
    await postSigned(t.baseUrl, '/webhooks/twilio/messages', inboundForm({ from: phone, body: '1' }));
    await until(async () => t.twilio.to(phone), (m) => m.length === 1);
    await postSigned(t.baseUrl, '/webhooks/twilio/messages', inboundForm({ from: phone, body: 'ARRÊT' }));
    await until(async () => t.twilio.to(phone), (m) => m.length === 2);
    expect(t.twilio.to(phone)[1]!.body).toMatch(/ne recevrez plus/);
    await postSigned(t.baseUrl, '/webhooks/twilio/messages', inboundForm({ from: phone, body: 'bonjour?' }));
    await postSigned(t.baseUrl, '/webhooks/twilio/messages', inboundForm({ from: phone, body: 'STOP' }));
    await t.service.processor!.runner.idle();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(t.twilio.to(phone)).toHaveLength(2);
    await postSigned(t.baseUrl, '/webhooks/twilio/messages', inboundForm({ from: phone, body: 'START' }));
    await until(async () => t.twilio.to(phone), (m) => m.length === 3);
    expect(t.twilio.to(phone)[2]!.body).toMatch(/Bon retour/);
  });

  it('does not repeat the confirmation Twilio already sent (OptOutType=STOP)', async () => {
    const phone = newPhone();
    await postSigned(t.baseUrl, '/webhooks/twilio/messages', inboundForm({ from: phone, body: 'STOP', extra: { OptOutType: 'STOP' } }));
    await until(() => t.service.db.prisma.contact.findFirst({ where: { phone } }), (c) => c?.optedOut === true);
    await t.service.processor!.runner.idle();
    expect(t.twilio.to(phone)).toHaveLength(0);
  });

  it('does not take "para mi hijo" for an opt-out', async () => {
    const phone = newPhone();
    await postSigned(t.baseUrl, '/webhooks/twilio/messages', inboundForm({ from: phone, body: 'para mi hijo' }));
    await until(async () => t.twilio.to(phone), (m) => m.length >= 1);
    const contact = await t.service.db.prisma.contact.findFirstOrThrow({ where: { phone } });
    expect(contact.optedOut).toBe(false);
    expect(t.twilio.to(phone)[0]!.body).toMatch(/^¡Hola! Somos Bienvenue/);
  });
});
