import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../support/testDatabase.ts';
import { startTestService, type TestService } from '../support/startTestService.ts';
import { inboundForm, postSigned } from '../support/signedWebhook.ts';

const lines: string[] = [];
let t: TestService;
let drop: () => Promise<void>;

beforeAll(async () => {
  const database = await createTestDatabase();
  drop = database.drop;
  t = await startTestService({ databaseUrl: database.url, env: { LOG_LEVEL: 'info' }, logTo: { write: (line) => void lines.push(line) } });
});

afterAll(async () => {
  await t?.stop();
  await drop?.();
});

describe('logs at info level', () => {
  it('carry masked phone numbers and no message text', async () => {
    const phone = '+15149876543';
    const secret = 'mon adresse est 1234 rue Secrète';
    for (const from of [phone, `whatsapp:${phone}`]) {
      expect((await postSigned(t.baseUrl, '/webhooks/twilio/messages', inboundForm({ from, body: secret }))).status).toBe(200);
    }
    await t.twilio.waitFor(phone, 1);
    await t.service.processor!.runner.idle();
    await new Promise((resolve) => setTimeout(resolve, 200));
    const output = lines.join('');
    expect(output).toContain('twilio: inbound');
    expect(output).toContain('outbox: sent');
    expect(output).toContain('+1514•••43');
    expect(output).not.toContain('9876543');
    expect(output).not.toContain('Secrète');
    expect(output).not.toContain(t.twilio.to(phone)[0]!.body.slice(0, 20));
  });
});
