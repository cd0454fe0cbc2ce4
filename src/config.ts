import { existsSync } from 'node:fs';
import { isIP } from 'node:net';
import { z } from 'zod';
import { LANGUAGES } from './domain/languages.ts';
import { parseOfficeHours, type OfficeHours } from './handoff/officeHours.ts';
import type { SecondFactorPolicy } from './auth/requireWorker.ts';
import { OWASP_SCRYPT_COST, type ScryptCost } from './auth/scryptCost.ts';

const booleanString = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const optionalString = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

// PASSWORD_SCRYPT_LOG2N's range: 2^10 (1 MiB, about a millisecond: for tests) to 2^20, the most a
// stored hash may ask for (passwords.ts).
const MIN_SCRYPT_LOG2N = 10;
const MAX_SCRYPT_LOG2N = 20;

const e164 = /^\+[1-9]\d{6,14}$/;
// One Content SID for every language, or one per language: fr:HX…,en:HX…
const TEMPLATE_SIDS = new RegExp(`^(HX[0-9a-f]{32}|((${LANGUAGES.join('|')}):HX[0-9a-f]{32})(,(${LANGUAGES.join('|')}):HX[0-9a-f]{32})*)$`);

/** Express's names for address ranges, accepted in TRUST_PROXY beside addresses and CIDR ranges. */
const PROXY_RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/**
 * TRUST_PROXY: which peers may set X-Forwarded-For, as express's `trust proxy` takes it — `false`,
 * a number of proxy hops, or a comma-separated list of addresses, CIDR ranges and range names.
 * `true` (trust anyone) is refused: any client could then pick its own address and dodge the
 * per-address sign-in limit.
 */
const trustProxySchema = z
  .string()
  .trim()
  .default('loopback')
  .transform((value, ctx): string[] | number | false => {
    if (value === 'false' || value === '') return false;
    if (/^\d+$/.test(value)) return Number(value);
    const entries = value.split(',').map((entry) => entry.trim());
    for (const entry of entries) {
      const [address, bits, extra] = entry.split('/');
      const ip = isIP(address ?? '');
      const okBits = bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (ip === 6 ? 128 : 32));
      if (!(PROXY_RANGE_NAMES.has(entry) || (ip !== 0 && okBits && extra === undefined))) {
        ctx.addIssue({ code: 'custom', message: 'false, a number of proxy hops, or addresses and CIDR ranges separated by commas (loopback, linklocal, uniquelocal allowed); not true' });
        return z.NEVER;
      }
    }
    return entries;
  });

/** Messages per second Twilio accepts from one sender of each kind (Twilio's documented defaults). */
export const SENDER_KIND_MPS = {
  long_code: 1,
  toll_free: 3,
  short_code: 100,
  messaging_service: 10,
} as const;

/** Every environment variable the app reads. See README "Configuration". */
export const envSchema = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().min(1).default('127.0.0.1'),
    TRUST_PROXY: trustProxySchema,
    PUBLIC_BASE_URL: z
      .url({ protocol: /^https?$/ })
      .transform((url) => url.replace(/\/+$/, ''))
      .optional(),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'a postgresql:// connection string')
      .optional()
      .or(z.literal('').transform(() => undefined)),
    DATA_DIR: z.string().min(1).default('./data'),
    TWILIO_ACCOUNT_SID: z.string().regex(/^AC[0-9a-fA-F]{32}$/, 'an Account SID: AC followed by 32 hex digits').optional().or(z.literal('').transform(() => undefined)),
    TWILIO_AUTH_TOKEN: z.string().min(16, 'the account auth token (32 characters)').optional().or(z.literal('').transform(() => undefined)),
    TWILIO_SMS_FROM: z.string().regex(e164, 'a phone number in E.164 form, e.g. +15145550100').optional().or(z.literal('').transform(() => undefined)),
    TWILIO_MESSAGING_SERVICE_SID: z.string().regex(/^MG[0-9a-fA-F]{32}$/, 'a Messaging Service SID: MG followed by 32 hex digits').optional().or(z.literal('').transform(() => undefined)),
    TWILIO_WHATSAPP_FROM: z
      .string()
      .transform((value) => value.replace(/^whatsapp:/, ''))
      .pipe(z.string().regex(e164, 'a WhatsApp sender number in E.164 form, e.g. whatsapp:+15145550100'))
      .optional()
      .or(z.literal('').transform(() => undefined)),
    TWILIO_API_BASE_URL: z.url({ protocol: /^https?$/ }).transform((url) => url.replace(/\/+$/, '')).default('https://api.twilio.com'),
    TWILIO_SMS_SENDER_KIND: z.enum(['long_code', 'toll_free', 'short_code', 'messaging_service']).default('long_code'),
    TWILIO_SMS_MPS: z.coerce.number().positive().optional(),
    TWILIO_WHATSAPP_MPS: z.coerce.number().positive().default(80),
    WORKER_THREAD: booleanString.optional(),
    SMS_GSM7: booleanString.default(true),
    OUTBOX_LEASE_SECONDS: z.coerce.number().int().min(5).max(3600).default(30),
    LOOP_GUARD: booleanString.default(true),
    LOOP_GUARD_REPEATS: z.coerce.number().int().min(2).max(100).default(3),
    LOOP_GUARD_REPLIES_PER_MINUTE: z.coerce.number().int().min(1).max(1000).default(10),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    AUTO_MIGRATE: booleanString.default(true),
    ADMIN_EMAIL: z.email().optional().or(z.literal('').transform(() => undefined)),
    ADMIN_PASSWORD: optionalString.pipe(z.string().min(12, 'at least 12 characters').max(256).optional()),
    OFFICE_HOURS: z.string().default('mon-fri 09:00-17:00'),
    OFFICE_TIMEZONE: z.string().default('America/Toronto'),
    TWILIO_WHATSAPP_TEMPLATE_SID: optionalString.pipe(
      z
        .string()
        .regex(TEMPLATE_SIDS, `a Content SID (HX + 32 hex digits), or ${LANGUAGES.map((language) => `${language}:HX…`).join(',')}`)
        .optional(),
    ),
    HANDOFF_ROUTING_SECONDS: z.coerce.number().int().min(0).max(86_400).default(120),
    SECOND_FACTOR: z.enum(['required', 'optional'], 'required or optional').default('required'),
    PASSWORD_SCRYPT_LOG2N: z.coerce
      .number()
      .int()
      .min(MIN_SCRYPT_LOG2N, `an integer from ${MIN_SCRYPT_LOG2N} to ${MAX_SCRYPT_LOG2N}`)
      .max(MAX_SCRYPT_LOG2N, `an integer from ${MIN_SCRYPT_LOG2N} to ${MAX_SCRYPT_LOG2N}`)
      .default(OWASP_SCRYPT_COST.log2N),
  })
  .superRefine((env, ctx) => {
    try {
      parseOfficeHours(env.OFFICE_HOURS, env.OFFICE_TIMEZONE);
    } catch (error) {
      const timeZone = error instanceof RangeError;
      ctx.addIssue({ code: 'custom', path: [timeZone ? 'OFFICE_TIMEZONE' : 'OFFICE_HOURS'], message: timeZone ? 'an IANA time zone such as America/Toronto' : (error as Error).message });
    }
    const twilioKeys = ['TWILIO_ACCOUNT_SID', 'TWILIO_AUTH_TOKEN'] as const;
    const given = twilioKeys.filter((key) => env[key] !== undefined);
    if (given.length === 1) {
      const missing = twilioKeys.find((key) => env[key] === undefined)!;
      ctx.addIssue({ code: 'custom', path: [missing], message: `required with ${given[0]} (or leave both empty for simulator mode)` });
    }
    if (given.length === 2) {
      if (!env.TWILIO_SMS_FROM && !env.TWILIO_MESSAGING_SERVICE_SID && !env.TWILIO_WHATSAPP_FROM) {
        ctx.addIssue({ code: 'custom', path: ['TWILIO_SMS_FROM'], message: 'a sender is required with Twilio credentials: TWILIO_SMS_FROM, TWILIO_MESSAGING_SERVICE_SID or TWILIO_WHATSAPP_FROM' });
      }
      if (!env.PUBLIC_BASE_URL) {
        ctx.addIssue({ code: 'custom', path: ['PUBLIC_BASE_URL'], message: 'required with Twilio credentials: the https URL Twilio calls, used to check signatures' });
      }
    }
    if (env.WORKER_THREAD && !env.DATABASE_URL) {
      ctx.addIssue({ code: 'custom', path: ['WORKER_THREAD'], message: 'false without DATABASE_URL: the embedded database lives in one thread' });
    }
    if ((env.ADMIN_EMAIL === undefined) !== (env.ADMIN_PASSWORD === undefined)) {
      ctx.addIssue({ code: 'custom', path: [env.ADMIN_EMAIL ? 'ADMIN_PASSWORD' : 'ADMIN_EMAIL'], message: 'set as well: ADMIN_EMAIL and ADMIN_PASSWORD go together' });
    }
  });

export type Env = z.infer<typeof envSchema>;

/**
 * Variables an earlier release accepted that nothing reads now, with why; one that is set is named
 * in a warning at start (never an error: a deployment that sets it still starts).
 */
export const RETIRED_VARIABLES = {
  SESSION_SECRET: 'console sessions are random 256-bit tokens kept hashed in the database, nothing is signed with a secret',
} as const;

/** The validated configuration the app runs with. */
export interface Config {
  port: number;
  host: string;
  /** Express's `trust proxy`: who may say, in X-Forwarded-For, which address a request comes from. */
  trustProxy: string[] | number | false;
  publicBaseUrl: string;
  databaseUrl: string | undefined;
  dataDir: string;
  logLevel: Env['LOG_LEVEL'];
  autoMigrate: boolean;
  /** No Twilio credentials: replies go to the simulator instead of Twilio. */
  simulator: boolean;
  /** Warnings for variables that are set but that nothing reads any more (`RETIRED_VARIABLES`). */
  retired: string[];
  admin: { email: string; password: string } | undefined;
  twilio:
    | {
        accountSid: string;
        authToken: string;
        smsFrom: string | undefined;
        messagingServiceSid: string | undefined;
        whatsappFrom: string | undefined;
        apiBaseUrl: string;
      }
    | undefined;
  pacing: { smsPerSecond: number; whatsappPerSecond: number };
  /** Approved WhatsApp templates inviting the family to reply, by language ("*" for any). */
  whatsappTemplates: Record<string, string>;
  /** Seconds a waiting family is offered only to workers who speak its language. */
  handoffRoutingSeconds: number;
  /** Seconds a claimed outbox row stays reserved before another instance may resend it. */
  outboxLeaseSeconds: number;
  /** Run bot turns and the outbox in a processing thread (a Node worker thread; env WORKER_THREAD; PostgreSQL only). */
  processingThread: boolean;
  /** Stop the bot for a family repeating one text `repeats` times in 5 minutes, or sent more than `repliesPerMinute` replies in a minute; undefined: off. */
  loopGuard: { repeats: number; repliesPerMinute: number } | undefined;
  /** Spell SMS replies with GSM-7 characters only (ê→e, ç→c…), so segments hold 160 characters, not 70. */
  smsGsm7: boolean;
  /** When the team answers families: told to a family that asks for a person. */
  officeHours: OfficeHours;
  /**
   * `required` (ASVS 4.0 L2, V2.2): a worker without an authenticator app is taken through its
   * set-up right after the password and reaches nothing else before; `optional`: each worker chooses.
   */
  secondFactor: SecondFactorPolicy;
  /**
   * scrypt's cost for new password hashes (env PASSWORD_SCRYPT_LOG2N sets log2N; r and p are
   * OWASP's). Default OWASP's: N = 2^17, about 128 MiB and 0.1–0.3 s per hash. Hashes keep the
   * parameters they were made with, so a change applies to new passwords and to each older,
   * cheaper hash at its worker's next sign-in; a lower value weakens stored passwords (tests only).
   */
  passwordCost: ScryptCost;
}


/** Thrown with one line naming the variable and what it expects. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Reads `.env` from the working directory when there is one; variables already set win. */
export function loadDotEnv(path = '.env'): void {
  if (existsSync(path)) process.loadEnvFile(path);
}

/** Validates `env` (process.env by default) once; throws ConfigError naming the first bad variable. */
export function loadConfig(environment: NodeJS.ProcessEnv = process.env): Config {
  // A variable set to nothing ("PORT=" as .env.example ships them) takes its default, as if unset; but
  // TRUST_PROXY set to nothing has always meant trusting no proxy, not the default loopback.
  const env = Object.fromEntries(Object.entries(environment).filter(([name, value]) => value !== undefined && (value.trim() !== '' || name === 'TRUST_PROXY')));
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = String(issue.path[0] ?? 'environment');
    const received = env[name];
    const shown = received === undefined ? 'it is missing' : `got "${maskSecret(name, received)}"`;
    throw new ConfigError(`Invalid configuration: ${name} must be ${expectation(issue)} (${shown}).`);
  }
  const e = parsed.data;
  const twilio =
    e.TWILIO_ACCOUNT_SID && e.TWILIO_AUTH_TOKEN
      ? {
          accountSid: e.TWILIO_ACCOUNT_SID,
          authToken: e.TWILIO_AUTH_TOKEN,
          smsFrom: e.TWILIO_SMS_FROM,
          messagingServiceSid: e.TWILIO_MESSAGING_SERVICE_SID,
          whatsappFrom: e.TWILIO_WHATSAPP_FROM,
          apiBaseUrl: e.TWILIO_API_BASE_URL,
        }
      : undefined;
  return {
    port: e.PORT,
    host: e.HOST,
    trustProxy: e.TRUST_PROXY,
    publicBaseUrl: e.PUBLIC_BASE_URL ?? `http://${e.HOST}:${e.PORT}`,
    databaseUrl: e.DATABASE_URL,
    dataDir: e.DATA_DIR,
    logLevel: e.LOG_LEVEL,
    autoMigrate: e.AUTO_MIGRATE,
    simulator: twilio === undefined,
    retired: Object.entries(RETIRED_VARIABLES).flatMap(([name, why]) => (env[name] ? [`${name} is set but not used: ${why}. Remove it.`] : [])),
    admin: e.ADMIN_EMAIL && e.ADMIN_PASSWORD ? { email: e.ADMIN_EMAIL, password: e.ADMIN_PASSWORD } : undefined,
    officeHours: parseOfficeHours(e.OFFICE_HOURS, e.OFFICE_TIMEZONE),
    twilio,
    outboxLeaseSeconds: e.OUTBOX_LEASE_SECONDS,
    processingThread: e.WORKER_THREAD ?? e.DATABASE_URL !== undefined,
    loopGuard: e.LOOP_GUARD ? { repeats: e.LOOP_GUARD_REPEATS, repliesPerMinute: e.LOOP_GUARD_REPLIES_PER_MINUTE } : undefined,
    smsGsm7: e.SMS_GSM7,
    whatsappTemplates: parseTemplates(e.TWILIO_WHATSAPP_TEMPLATE_SID),
    handoffRoutingSeconds: e.HANDOFF_ROUTING_SECONDS,
    secondFactor: e.SECOND_FACTOR,
    passwordCost: { ...OWASP_SCRYPT_COST, log2N: e.PASSWORD_SCRYPT_LOG2N },
    pacing: {
      smsPerSecond: e.TWILIO_SMS_MPS ?? SENDER_KIND_MPS[e.TWILIO_SMS_SENDER_KIND],
      whatsappPerSecond: e.TWILIO_WHATSAPP_MPS,
    },
  };
}

/** "HX…" → {"*": "HX…"}; "fr:HX…,en:HX…" → {fr: "HX…", en: "HX…"}. */
function parseTemplates(value: string | undefined): Record<string, string> {
  if (!value) return {};
  if (!value.includes(':')) return { '*': value };
  return Object.fromEntries(value.split(',').map((pair) => pair.split(':') as [string, string]));
}

function maskSecret(name: string, value: string): string {
  if (/TOKEN|SECRET|PASSWORD/.test(name)) return '***';
  // A connection string's password: "postgresql://user:***@host/db".
  return value.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]*):[^@]*@/i, '$1:***@').slice(0, 60);
}

/** What a failed check asked for, in words that follow "must be": the schema's own message, or zod's reworded. */
function expectation(issue: z.core.$ZodIssue): string {
  // The schema's own words ("an integer from 10 to 20", "required or optional") read after "must be" as they are.
  if (!/^(invalid|too (small|big)|expected )/i.test(issue.message)) return issue.message;
  switch (issue.code) {
    case 'invalid_type':
      return issue.expected === 'number' ? 'a number' : `a ${issue.expected}`;
    case 'too_small':
      return issue.origin === 'number' ? `a number ${issue.inclusive ? 'of at least' : 'above'} ${String(issue.minimum)}` : `at least ${String(issue.minimum)} characters long`;
    case 'too_big':
      return issue.origin === 'number' ? `a number ${issue.inclusive ? 'of at most' : 'under'} ${String(issue.maximum)}` : `at most ${String(issue.maximum)} characters long`;
    case 'invalid_format':
      return issue.format === 'url' ? 'a URL such as https://bienvenue.example.org' : `a valid ${issue.format}`;
    case 'invalid_value':
      return `one of ${issue.values.map(String).join(', ')}`;
    default:
      return issue.message.replace(/^Invalid input: /, '');
  }
}
