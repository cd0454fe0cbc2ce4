import { afterAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.ts';
import { Service } from '../../src/Service.ts';
import { FakeTwilio } from '../support/FakeTwilio.ts';
import { TEST_ACCOUNT_SID, TEST_AUTH_TOKEN, inboundForm, postSigned } from '../support/signedWebhook.ts';
import { createTestDatabase } from '../support/testDatabase.ts';
import { testConfig } from '../support/startTestService.ts';

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
    const { config, baseUrl } = await testConfig({ databaseUrl: database.url, apiBaseUrl });
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
