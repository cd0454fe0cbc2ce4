import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Worker } from 'node:worker_threads';
import { inboundForm, postSigned } from '../support/signedWebhook.ts';
import { createTestDatabase, onPostgres } from '../support/testDatabase.ts';
import { startTestService, type TestService } from '../support/startTestService.ts';

// With PostgreSQL the bot runs in a worker thread; if that thread dies, a new one takes over.
describe.skipIf(!onPostgres)('processing in a processing thread', () => {
  let t: TestService;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const database = await createTestDatabase();
    drop = database.drop;
    t = await startTestService({ databaseUrl: database.url, env: { WORKER_THREAD: 'true' } });
  });

  afterAll(async () => {
    await t?.stop();
    await drop?.();
  });

  async function answered(phone: string, count: number): Promise<string[]> {
    const deadline = Date.now() + 20_000;
    while (t.twilio.to(phone).length < count && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 25));
    return t.twilio.to(phone).map((message) => message.body);
  }

  it('answers, and keeps answering after the processing thread dies', async () => {
    expect(t.service.processor).toBeUndefined();
    await postSigned(t.baseUrl, '/webhooks/twilio/messages', inboundForm({ from: '+15145551001', body: 'hola, busco un campamento' }));
    expect((await answered('+15145551001', 1))[0]).toMatch(/^¡Hola!/);

    // Kill the thread from outside, as a fatal error would; the message sent meanwhile must not be lost.
    const handle = (t.service as unknown as { processing: { thread: Worker } }).processing;
    await handle.thread.terminate();
    await postSigned(t.baseUrl, '/webhooks/twilio/messages', inboundForm({ from: '+15145551002', body: 'hello, any camps for my son' }));
    expect((await answered('+15145551002', 1))[0]).toMatch(/^Hello!/);
    const ready = await fetch(`${t.baseUrl}/readyz`);
    expect(ready.status).toBe(200);
  });
});
