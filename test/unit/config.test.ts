import { readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.ts';

const twilio = {
  TWILIO_ACCOUNT_SID: 'AC' + '0123456789abcdef'.repeat(2),
  TWILIO_AUTH_TOKEN: 'f'.repeat(32),
  TWILIO_SMS_FROM: '+15145550100',
  PUBLIC_BASE_URL: 'https://bot.example.org/',
};

describe('loadConfig', () => {
  it('runs in simulator mode on the embedded database with nothing set', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3000, simulator: true, databaseUrl: undefined, dataDir: './data', autoMigrate: true, twilio: undefined });
  });

  it('reads a full Twilio configuration', () => {
    const config = loadConfig({ ...twilio, TWILIO_WHATSAPP_FROM: 'whatsapp:+15145550199', AUTO_MIGRATE: 'false', DATABASE_URL: 'postgresql://u@h/db' });
    expect(config.simulator).toBe(false);
    expect(config.publicBaseUrl).toBe('https://bot.example.org');
    expect(config.twilio).toMatchObject({ whatsappFrom: '+15145550199', apiBaseUrl: 'https://api.twilio.com' });
    expect(config.autoMigrate).toBe(false);
    expect(config.pacing).toEqual({ smsPerSecond: 1, whatsappPerSecond: 80 });
  });

  it('reads TRUST_PROXY as express takes it, and refuses to trust everyone', () => {
    expect(loadConfig({}).trustProxy).toEqual(['loopback']);
    expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.5, 10.1.0.0/16,loopback, fd00::/8' }).trustProxy).toEqual(['10.0.0.5', '10.1.0.0/16', 'loopback', 'fd00::/8']);
    for (const bad of ['true', 'proxy.example.org', '10.0.0.0/33', '10.0.0.5/8/2']) {
      expect(() => loadConfig({ TRUST_PROXY: bad }), bad).toThrow(/TRUST_PROXY must be false, a number of proxy hops/);
    }
  });

  it('requires a second factor of every worker unless SECOND_FACTOR=optional', () => {
    expect(loadConfig({}).secondFactor).toBe('required');
    expect(loadConfig({ SECOND_FACTOR: 'optional' }).secondFactor).toBe('optional');
    expect(() => loadConfig({ SECOND_FACTOR: 'off' })).toThrow('Invalid configuration: SECOND_FACTOR must be required or optional (got "off").');
  });

  it("hashes passwords at OWASP's scrypt cost unless PASSWORD_SCRYPT_LOG2N says otherwise", () => {
    expect(loadConfig({}).passwordCost).toEqual({ log2N: 17, r: 8, p: 1 });
    expect(loadConfig({ PASSWORD_SCRYPT_LOG2N: '15' }).passwordCost).toEqual({ log2N: 15, r: 8, p: 1 });
    expect(() => loadConfig({ PASSWORD_SCRYPT_LOG2N: '9' })).toThrow('Invalid configuration: PASSWORD_SCRYPT_LOG2N must be an integer from 10 to 20');
    expect(() => loadConfig({ PASSWORD_SCRYPT_LOG2N: '21' })).toThrow('PASSWORD_SCRYPT_LOG2N must be an integer from 10 to 20');
  });

  it('names SESSION_SECRET, which nothing reads, in a warning instead of keeping it', () => {
    expect(loadConfig({}).retired).toEqual([]);
    const config = loadConfig({ SESSION_SECRET: 'x'.repeat(40) });
    expect(config.retired).toEqual([expect.stringMatching(/^SESSION_SECRET is set but not used: .*Remove it\.$/)]);
    expect(JSON.stringify(config)).not.toContain('x'.repeat(40));
  });

  it('paces by sender kind unless a rate is given', () => {
    expect(loadConfig({ ...twilio, TWILIO_SMS_SENDER_KIND: 'short_code' }).pacing.smsPerSecond).toBe(100);
    expect(loadConfig({ ...twilio, TWILIO_SMS_SENDER_KIND: 'toll_free', TWILIO_SMS_MPS: '25' }).pacing.smsPerSecond).toBe(25);
  });

  it.each([
    [{ PORT: 'eighty' }, /^Invalid configuration: PORT must be .*\(got "eighty"\)\.$/],
    [{ DATABASE_URL: 'mysql://x' }, /DATABASE_URL must be a postgresql:\/\/ connection string/],
    [{ TWILIO_ACCOUNT_SID: twilio.TWILIO_ACCOUNT_SID }, /TWILIO_AUTH_TOKEN must be required with TWILIO_ACCOUNT_SID/],
    [{ ...twilio, TWILIO_SMS_FROM: '514-555-0100' }, /TWILIO_SMS_FROM must be a phone number in E\.164 form/],
    [{ ...twilio, PUBLIC_BASE_URL: '' }, /PUBLIC_BASE_URL/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL/],
    [{ AUTO_MIGRATE: 'maybe' }, /AUTO_MIGRATE/],
    [{ ADMIN_EMAIL: 'a@b.org', ADMIN_PASSWORD: 'short' }, /ADMIN_PASSWORD must be at least 12 characters \(got "\*\*\*"\)/],
    [{ PORT: 'abc' }, 'Invalid configuration: PORT must be a number (got "abc").'],
    [{ PUBLIC_BASE_URL: 'nope' }, 'Invalid configuration: PUBLIC_BASE_URL must be a URL such as https://bienvenue.example.org (got "nope").'],
    [{ TWILIO_SMS_MPS: '0' }, 'Invalid configuration: TWILIO_SMS_MPS must be a number above 0 (got "0").'],
    [{ WORKER_THREAD: 'maybe' }, 'Invalid configuration: WORKER_THREAD must be one of 0, 1, true, false, yes, no (got "maybe").'],
    [{ ADMIN_EMAIL: 'a@b.org', ADMIN_PASSWORD: '' }, 'Invalid configuration: ADMIN_PASSWORD must be set as well: ADMIN_EMAIL and ADMIN_PASSWORD go together (it is missing).'],
  ])('stops with one line naming the variable: %o', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('takes a variable set to nothing as unset: .env.example copied to .env as it is starts the app', () => {
    const example = parseEnv(readFileSync(new URL('../../.env.example', import.meta.url), 'utf8'));
    expect(Object.values(example).some((value) => value === '')).toBe(true);
    expect(loadConfig(example)).toEqual(loadConfig({}));
  });
});
