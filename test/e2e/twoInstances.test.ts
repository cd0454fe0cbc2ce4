import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeTwilio } from '../support/FakeTwilio.ts';
import { inboundForm, postSigned, TEST_ACCOUNT_SID, TEST_AUTH_TOKEN } from '../support/signedWebhook.ts';
import { createTestDatabase, onPostgres } from '../support/testDatabase.ts';
import { startTestService, type TestService } from '../support/startTestService.ts';

// Two app instances share one PostgreSQL (the embedded database belongs to one process).
describe.skipIf(!onPostgres)('two instances on one PostgreSQL', () => {
  let a: TestService;
  let b: TestService;
  let drop: () => Promise<void>;
  const twilio = new FakeTwilio(TEST_ACCOUNT_SID, TEST_AUTH_TOKEN);

  beforeAll(async () => {
    const database = await createTestDatabase();
    drop = database.drop;
    a = await startTestService({ databaseUrl: database.url, twilio });
    b = await startTestService({ databaseUrl: database.url, twilio });
  });

  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    await twilio.stop();
    await drop?.();
  });

  it('answers each family once and in order when its messages land on both instances', async () => {
    const phones = Array.from({ length: 12 }, (_, i) => `+1514777${String(i).padStart(4, '0')}`);
    const script = ['allo', '2', 'LANGUAGE', '3', 'LANG', '4'];
    // Each family's messages alternate between the instances, all families at once.
    await Promise.all(
      phones.map(async (phone) => {
        for (const [index, body] of script.entries()) {
          const target = index % 2 === 0 ? a : b;
          expect((await postSigned(target.baseUrl, '/webhooks/twilio/messages', inboundForm({ from: phone, body }))).status).toBe(200);
        }
      }),
    );
    const perFamily = 8;
    const deadline = Date.now() + 30_000;
    while (twilio.messages.length < phones.length * perFamily && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 25));
    await Promise.all([a.service.processor!.runner.idle(), b.service.processor!.runner.idle()]);
    for (const phone of phones) {
      const firstLines = twilio.to(phone).map((message) => message.body.split('\n')[0]!.slice(0, 14));
      expect(firstLines).toEqual([
        'Bonjour! Ici B',
        "Désolé, je n'a",
        'Bonjour! Hello',
        'Perfecto, segu',
        '¡Hola! Somos B',
        'Bonjour! Hello',
        'Bon, n ap kont',
        'Bonjou! Se Bie',
      ]);
    }
  });
});
