import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../src/db/Database.ts';
import { FakeTwilio } from '../support/FakeTwilio.ts';
import { BOT_NUMBER, inboundForm, postSigned, TEST_ACCOUNT_SID, TEST_AUTH_TOKEN } from '../support/signedWebhook.ts';
import { createTestDatabase } from '../support/testDatabase.ts';
import { startApp, stopApp } from '../support/appProcess.ts';

const PORT = 20000 + Math.floor(Math.random() * 20000);
const baseUrl = `http://127.0.0.1:${PORT}`;

let twilio: FakeTwilio;
let env: Record<string, string>;
let dataDir: string;
let drop: () => Promise<void>;
let databaseUrl: string | undefined;

beforeAll(async () => {
  twilio = new FakeTwilio(TEST_ACCOUNT_SID, TEST_AUTH_TOKEN);
  const apiBaseUrl = await twilio.start();
  const database = await createTestDatabase();
  drop = database.drop;
  databaseUrl = database.url;
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'bienvenue-crash-'));
  env = {
    PATH: process.env.PATH ?? '',
    PORT: String(PORT),
    HOST: '127.0.0.1',
    PUBLIC_BASE_URL: baseUrl,
    DATA_DIR: dataDir,
    DATABASE_URL: databaseUrl ?? '',
    TWILIO_ACCOUNT_SID: TEST_ACCOUNT_SID,
    TWILIO_AUTH_TOKEN: TEST_AUTH_TOKEN,
    TWILIO_SMS_FROM: BOT_NUMBER,
    TWILIO_API_BASE_URL: apiBaseUrl,
    TWILIO_SMS_MPS: '50',
    OUTBOX_LEASE_SECONDS: '5',
    LOG_LEVEL: 'info',
  };
});

afterAll(async () => {
  await twilio?.stop();
  await drop?.();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('a crash in the middle of a burst', () => {
  it('answers every message exactly once after a restart', async () => {
    const phones = Array.from({ length: 15 }, (_, i) => `+1514666${String(i).padStart(4, '0')}`);
    // A first message (the privacy notice in reply), then an answer the notice cannot read ("sorry" and the notice again).
    const forms = phones.flatMap((phone) => [inboundForm({ from: phone, body: 'bonjour' }), inboundForm({ from: phone, body: '2' })]);

    let app = await startApp(env);
    // Send the burst; kill the process (SIGKILL: no cleanup at all) once replies start leaving.
    const sending = (async () => {
      for (const form of forms) {
        try {
          await postSigned(baseUrl, '/webhooks/twilio/messages', form);
        } catch {
          // The process is dead: Twilio would redeliver; we do below.
        }
      }
    })();
    await until(() => twilio.messages.length >= 6);
    await stopApp(app, 'SIGKILL');
    await sending;
    const sentBeforeCrash = twilio.messages.length;
    expect(sentBeforeCrash).toBeLessThan(30);

    app = await startApp(env);
    // Twilio redelivers what was never acknowledged; redelivering the rest must change nothing.
    for (const form of forms) await postSigned(baseUrl, '/webhooks/twilio/messages', form);
    await until(() => new Set(twilio.messages.map((m) => `${m.to}|${m.body}`)).size >= 30, 30_000);
    await new Promise((resolve) => setTimeout(resolve, 500));
    await stopApp(app, 'SIGTERM');

    const db = await Database.open({ databaseUrl, dataDir });
    try {
      const inbound = await db.prisma.message.findMany({ where: { direction: 'inbound' } });
      expect(inbound).toHaveLength(forms.length);
      expect(inbound.every((message) => message.processedAt !== null)).toBe(true);
      const outbox = await db.prisma.outbox.findMany({ orderBy: { id: 'asc' } });
      // Exactly one reply row per expected reply: no turn ran twice.
      expect(outbox).toHaveLength(30);
      expect(outbox.every((row) => row.status === 'sent')).toBe(true);
    } finally {
      await db.close();
    }
    for (const phone of phones) {
      const bodies = [...new Set(twilio.to(phone).map((message) => message.body))];
      expect(bodies.map((body) => body.split('\n')[0]!.slice(0, 20))).toEqual(['Bonjour! Ici Bienven', "Désolé, je n'ai pas "]);
    }
    // A reply whose send was under way at the instant of the crash may go out twice: Twilio's API
    // has no idempotency key. Only those can repeat, and only once: every repeated reply was first
    // sent before the crash.
    const copies = new Map<string, number[]>();
    twilio.messages.forEach((m, index) => copies.set(`${m.to}|${m.body}`, [...(copies.get(`${m.to}|${m.body}`) ?? []), index]));
    for (const indexes of copies.values()) {
      expect(indexes.length).toBeLessThanOrEqual(2);
      if (indexes.length === 2) expect(indexes[0]).toBeLessThan(sentBeforeCrash);
    }
  }, 90_000);
});

async function until(ok: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
