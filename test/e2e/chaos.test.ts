import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeTwilio, type FakeTwilioMessage } from '../support/FakeTwilio.ts';
import { BOT_NUMBER, inboundForm, postSigned, TEST_ACCOUNT_SID, TEST_AUTH_TOKEN } from '../support/signedWebhook.ts';
import { createTestDatabase, onPostgres } from '../support/testDatabase.ts';
import { startTestService, type TestService } from '../support/startTestService.ts';
import { startApp, stopApp, type AppProcess } from '../support/appProcess.ts';
import { freePort } from '../support/freePort.ts';

// Issue 12: two instances on one PostgreSQL, killed in turn with SIGKILL mid-conversation and
// restarted (each twice over the four rounds), webhooks delivered to either and a third of them twice more, Twilio answering 503
// to each family's first send. Every family must get the replies a calm run gives, in order,
// apart from the one reply per kill whose send was in flight at that instant.
const FAMILIES = 12;
const ROUNDS = Number(process.env.CHAOS_ROUNDS ?? 4);
/** Between two messages of one family: more than a 503's backoff (≤ 2.4 s) plus a takeover. */
const SPACING_MS = 1500;
// No STOP here: an opt-out drops the replies still queued (a documented exception, tested in
// test/http/outbox.test.ts), which would make the transcript depend on timing.
const SCRIPT = ['allo', '2', 'LANGUAGE', '3', 'LANG', '4'];

describe.skipIf(!onPostgres)('two instances, SIGKILL, redelivery and Twilio 503s', () => {
  const twilio = new FakeTwilio(TEST_ACCOUNT_SID, TEST_AUTH_TOKEN);
  let drop: () => Promise<void>;
  let calm: Map<number, string[][]>;
  const instances: { port: number; env: Record<string, string>; app?: AppProcess }[] = [];

  beforeAll(async () => {
    const apiBaseUrl = await twilio.start();
    const database = await createTestDatabase();
    drop = database.drop;
    for (let i = 0; i < 2; i++) {
      const port = await freePort();
      instances.push({
        port,
        env: {
          PATH: process.env.PATH ?? '',
          PORT: String(port),
          HOST: '127.0.0.1',
          PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
          DATABASE_URL: database.url!,
          TWILIO_ACCOUNT_SID: TEST_ACCOUNT_SID,
          TWILIO_AUTH_TOKEN: TEST_AUTH_TOKEN,
          TWILIO_SMS_FROM: BOT_NUMBER,
          TWILIO_API_BASE_URL: apiBaseUrl,
          TWILIO_SMS_MPS: '1000',
          // Ten minutes: a reply that waited for a lease to lapse would miss the test's deadline.
          OUTBOX_LEASE_SECONDS: '600',
          LOG_LEVEL: 'warn',
        },
      });
    }
    const [calmReplies] = await Promise.all([calmRun(), ...instances.map(async (instance) => (instance.app = await startApp(instance.env)))]);
    calm = calmReplies;
  }, 240_000);

  afterAll(async () => {
    await Promise.all(instances.map((instance) => instance.app && stopApp(instance.app, 'SIGKILL')));
    await twilio.stop();
    await drop?.();
  });

  it(`gives every family the calm run's replies, in ${ROUNDS} rounds`, async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const phones = Array.from({ length: FAMILIES }, (_, f) => `+1514889${round}${String(f).padStart(3, '0')}`);
      for (const phone of phones) twilio.script.set(phone, [{ status: 503, code: 20503 }]);
      const kills: number[] = [];
      const acked = new Map<string, number>();
      const started = Date.now();

      const conversations = Promise.all(
        phones.map(async (phone, f) => {
          for (const [step, body] of SCRIPT.entries()) {
            await sleepUntil(started + step * SPACING_MS + (f * SPACING_MS) / FAMILIES);
            const form = inboundForm({ from: phone, body });
            await deliver(form);
            acked.set(`${phone}|${step}`, Date.now());
            // Twilio redelivers a third of the webhooks, twice, to whichever instance.
            if ((f + step + round) % 3 === 0) void redeliver(form);
          }
        }),
      );
      // Kill one instance mid-conversation and restart it, each in turn, round after round (while
      // it is down, webhooks sent to it are refused and go to the other, as behind a load balancer).
      const chaos = (async () => {
        await sleepUntil(started + 2000 + (round % 2) * 1500);
        const instance = instances[round % 2]!;
        kills.push(Date.now());
        await stopApp(instance.app!, 'SIGKILL');
        instance.app = await startApp(instance.env);
      })();
      await Promise.all([conversations, chaos]);

      const expected = (phone: string, f: number) => calm.get(f)!.flat().length + duplicates(twilio.to(phone)).length;
      const deadline = Date.now() + 30_000;
      while (phones.some((phone, f) => twilio.to(phone).length < expected(phone, f)) && Date.now() < deadline) await sleep(50);
      await sleep(500);

      for (const [f, phone] of phones.entries()) {
        const received = twilio.to(phone);
        const extra = duplicates(received);
        // Identical to the calm run, once repeated sends are set aside…
        expect(collapse(received).map(firstWords), `round ${round}, family ${f}`).toEqual(collapse(calm.get(f)!.flat()).map(firstWords));
        // …and those are at most one per kill, each sent (first) just before a kill.
        expect(extra.length).toBeLessThanOrEqual(kills.length);
        for (const copy of extra) expect(kills.some((kill) => copy.first.receivedAt <= kill + 250 && copy.first.receivedAt >= kill - 5000)).toBe(true);
        // Nothing waits for a lease: each reply leaves well within a minute of its message, kills,
        // restarts and a 503's backoff included, even on a loaded 2-core machine shared with the
        // rest of the suite. (The 5 s takeover itself is timed in test/db/instanceLiveness.test.ts.)
        let index = 0;
        for (const [step, replies] of calm.get(f)!.entries()) {
          const ackedAt = acked.get(`${phone}|${step}`)!;
          for (let r = 0; r < replies.length; r++) {
            const reply = uniqueSends(received)[index++]!;
            expect(reply.receivedAt - ackedAt, `round ${round}, family ${f}, message ${step}`).toBeLessThan(60_000);
          }
        }
      }
    }

    async function deliver(form: Record<string, string>): Promise<void> {
      const deadline = Date.now() + 20_000;
      for (let attempt = 0; Date.now() < deadline; attempt++) {
        // The load balancer picks an instance; a dead one's connection is refused, so it tries the other.
        const instance = instances[(Math.floor(Math.random() * 2) + attempt) % 2]!;
        try {
          const response = await postSigned(`http://127.0.0.1:${instance.port}`, '/webhooks/twilio/messages', form);
          if (response.status === 200) return;
        } catch {
          // refused: the instance is down
        }
        if (attempt % 2 === 1) await sleep(100);
      }
      throw new Error('no instance acknowledged the webhook');
    }

    async function redeliver(form: Record<string, string>): Promise<void> {
      for (let i = 0; i < 2; i++) {
        await sleep(Math.random() * 1500);
        const instance = instances[Math.floor(Math.random() * 2)]!;
        await postSigned(`http://127.0.0.1:${instance.port}`, '/webhooks/twilio/messages', form).catch(() => undefined);
      }
    }
  }, 60_000 + ROUNDS * 90_000);

  /** The same conversations on one calm instance: each message once, after the replies to the previous one. Replies per message, per family. */
  async function calmRun(): Promise<Map<number, string[][]>> {
    const database = await createTestDatabase();
    const fake = new FakeTwilio(TEST_ACCOUNT_SID, TEST_AUTH_TOKEN);
    let service: TestService | undefined;
    try {
      service = await startTestService({ databaseUrl: database.url, twilio: fake });
      const phones = Array.from({ length: FAMILIES }, (_, f) => `+1438889${String(f).padStart(3, '0')}`);
      const replies = new Map<number, string[][]>(phones.map((_, f) => [f, []]));
      for (const body of SCRIPT) {
        const before = phones.map((phone) => fake.to(phone).length);
        await Promise.all(phones.map((phone) => postSigned(service!.baseUrl, '/webhooks/twilio/messages', inboundForm({ from: phone, body }))));
        await service.service.processor!.runner.idle();
        while ((await service.service.processor!.dispatcher.readyCount()) > 0) await sleep(20);
        phones.forEach((phone, f) => replies.get(f)!.push(fake.to(phone).slice(before[f]).map((message) => message.body)));
      }
      return replies;
    } finally {
      await service?.stop();
      await database.drop();
    }
  }
});

/** Consecutive copies of one reply collapsed to one: what the family read, duplicates aside. */
function collapse<T extends string | FakeTwilioMessage>(items: T[]): string[] {
  const bodies = items.map((item) => (typeof item === 'string' ? item : item.body));
  return bodies.filter((body, index) => index === 0 || body !== bodies[index - 1]);
}

function uniqueSends(messages: FakeTwilioMessage[]): FakeTwilioMessage[] {
  return messages.filter((message, index) => index === 0 || message.body !== messages[index - 1]!.body);
}

/** Each repeated send, with the copy that went first. */
function duplicates(messages: FakeTwilioMessage[]): { first: FakeTwilioMessage; again: FakeTwilioMessage }[] {
  const copies: { first: FakeTwilioMessage; again: FakeTwilioMessage }[] = [];
  messages.forEach((message, index) => {
    if (index > 0 && message.body === messages[index - 1]!.body) copies.push({ first: messages[index - 1]!, again: message });
  });
  return copies;
}

function firstWords(body: string): string {
  return body.split('\n')[0]!.slice(0, 30);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function sleepUntil(at: number): Promise<void> {
  const wait = at - Date.now();
  if (wait > 0) await sleep(wait);
}
