import { afterAll, beforeAll } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { createLogger } from '../../src/log.ts';
import { Service } from '../../src/Service.ts';
import { FakeTwilio } from './FakeTwilio.ts';
import { BOT_NUMBER, TEST_ACCOUNT_SID, TEST_AUTH_TOKEN } from './signedWebhook.ts';
import { createTestDatabase, openMigrated } from './testDatabase.ts';
import { freePort } from './freePort.ts';

export interface TestService {
  service: Service;
  twilio: FakeTwilio;
  baseUrl: string;
  stop: () => Promise<void>;
}

/**
 * The real app on a random port, with its own database (`databaseUrl`, else in-memory PGlite)
 * and a fake Twilio API. PUBLIC_BASE_URL is the listening address, so signatures match.
 */
export async function startTestService(
  options: {
    databaseUrl?: string | undefined;
    env?: Record<string, string>;
    twilio?: FakeTwilio;
    logTo?: { write: (line: string) => void };
    now?: () => Date;
    eventsHeartbeatMs?: number;
  } = {},
): Promise<TestService> {
  const twilio = options.twilio ?? new FakeTwilio(TEST_ACCOUNT_SID, TEST_AUTH_TOKEN);
  const { config, baseUrl } = await testConfig({ databaseUrl: options.databaseUrl, apiBaseUrl: await twilio.start(), env: options.env });
  const service = await Service.create(config, createLogger(config.logLevel, options.logTo), {
    now: options.now,
    eventsHeartbeatMs: options.eventsHeartbeatMs,
    // In memory: a copy of the migrated template, not a database migrated from scratch.
    openDatabase: options.databaseUrl ? undefined : () => openMigrated(undefined),
  });
  await service.start();
  return {
    service,
    twilio,
    baseUrl,
    stop: async () => {
      await service.stop({ flushMs: 0 });
      await twilio.stop();
    },
  };
}

/**
 * Registers hooks that start the app on a fresh database before a test file and stop it after.
 * The returned object is filled in before the first test runs.
 */
export function useTestService(options: { env?: Record<string, string>; now?: () => Date; eventsHeartbeatMs?: number } = {}): TestService {
  const harness = {} as TestService;
  let drop: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const database = await createTestDatabase();
    drop = database.drop;
    Object.assign(harness, await startTestService({ databaseUrl: database.url, env: options.env, now: options.now, eventsHeartbeatMs: options.eventsHeartbeatMs }));
  });
  afterAll(async () => {
    await harness.stop?.();
    await drop?.();
  });
  return harness;
}

/**
 * The configuration the test app runs with: a free port on 127.0.0.1 that is also PUBLIC_BASE_URL
 * (so signatures match), `databaseUrl` or in-memory PGlite, the fake Twilio API at `apiBaseUrl`,
 * no processing thread, cheap password hashes; `env` overrides any of it.
 */
export async function testConfig(options: { databaseUrl?: string | undefined; apiBaseUrl: string; env?: Record<string, string> | undefined }): Promise<{ config: ReturnType<typeof loadConfig>; baseUrl: string }> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const apiBaseUrl = options.apiBaseUrl;
  const config = loadConfig({
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_BASE_URL: baseUrl,
    DATA_DIR: ':memory:',
    DATABASE_URL: options.databaseUrl ?? '',
    TWILIO_ACCOUNT_SID: TEST_ACCOUNT_SID,
    TWILIO_AUTH_TOKEN: TEST_AUTH_TOKEN,
    TWILIO_SMS_FROM: BOT_NUMBER,
    TWILIO_WHATSAPP_FROM: `whatsapp:${BOT_NUMBER}`,
    TWILIO_API_BASE_URL: apiBaseUrl,
    TWILIO_SMS_MPS: '1000',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    // In-process tests reach the turn runner and the outbox directly.
    WORKER_THREAD: 'false',
    // scrypt at N = 2^10 (1 MiB, about a millisecond) instead of OWASP's 2^17 (128 MiB, 0.1–0.3 s
    // per hash): hashes name their cost, so sign-in works the same; config.test keeps the default.
    PASSWORD_SCRYPT_LOG2N: '10',
    ...options.env,
  });
  return { config, baseUrl };
}
