import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { createLogger } from '../../src/log.ts';
import { Service } from '../../src/Service.ts';
import { FakeTwilio } from '../support/FakeTwilio.ts';
import { freePort } from '../support/freePort.ts';
import { BOT_NUMBER, TEST_ACCOUNT_SID, TEST_AUTH_TOKEN, inboundForm, postSigned } from '../support/signedWebhook.ts';
import { createTestDatabase } from '../support/testDatabase.ts';

// Start-up: the app is ready (stores and acknowledges webhooks) before its bot and NLU are loaded,
// and a message that arrives meanwhile is answered once they are.
describe('readiness while the processing side loads', () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const step of cleanup.reverse()) await step();
  });

  it('answers /readyz before the bot is loaded, and answers a family that wrote meanwhile', async () => {
    const database = await createTestDatabase();
    cleanup.push(database.drop);
    const twilio = new FakeTwilio(TEST_ACCOUNT_SID, TEST_AUTH_TOKEN);
    const apiBaseUrl = await twilio.start();
    cleanup.push(() => twilio.stop());
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    const config = loadConfig({
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_BASE_URL: baseUrl,
      DATA_DIR: ':memory:',
      DATABASE_URL: database.url ?? '',
      TWILIO_ACCOUNT_SID: TEST_ACCOUNT_SID,
      TWILIO_AUTH_TOKEN: TEST_AUTH_TOKEN,
      TWILIO_SMS_FROM: BOT_NUMBER,
      TWILIO_API_BASE_URL: apiBaseUrl,
      TWILIO_SMS_MPS: '1000',
      LOG_LEVEL: 'silent',
      WORKER_THREAD: 'false',
    });
    const service = await Service.create(config, createLogger(config.logLevel));
    const started = service.start();
    cleanup.push(async () => {
      await started.catch(() => undefined);
      await service.stop({ flushMs: 0 });
    });

    let first: { status: number; body: { status: string; processing: string } } | undefined;
    while (!first) {
      try {
        const response = await fetch(`${baseUrl}/readyz`);
        if (response.status === 200) first = { status: response.status, body: (await response.json()) as { status: string; processing: string } };
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(first.body).toMatchObject({ status: 'ready', processing: 'starting' });

    const ack = await postSigned(baseUrl, '/webhooks/twilio/messages', inboundForm({ from: '+15145550871', body: 'bonjour, je cherche un camp de jour' }));
    expect(ack.status).toBe(200);
    await started;
    expect(await (await fetch(`${baseUrl}/readyz`)).json()).toMatchObject({ status: 'ready', processing: 'running' });
    const deadline = Date.now() + 20_000;
    while (twilio.to('+15145550871').length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 25));
    expect(twilio.to('+15145550871')[0]?.body).toMatch(/^Bonjour/);
  });
});
