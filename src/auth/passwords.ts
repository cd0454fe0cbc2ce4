import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { createRequire } from 'node:module';
import type * as zxcvbnCommon from '@zxcvbn-ts/language-common';
import { z } from 'zod';
import { OWASP_SCRYPT_COST, type ScryptCost } from './scryptCost.ts';

/** Length rules only (NIST SP 800-63B): no composition rules; long passphrases welcome. */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

/**
 * The ~49,000 most common passwords of public breaches, as zxcvbn-ts ships them (no network):
 * new passwords must not be one of them (NIST SP 800-63B 5.1.1.2, ASVS 2.1.7). Lower case.
 * Loaded by the first password a worker chooses, not at start: the list and the module that
 * ships it cost the web thread about 2 MiB of heap that most days never use (README, Memory).
 */
let commonPasswords: Set<string> | undefined;

/** True when `password` is in the shipped list of common and breached passwords, ignoring case. */
export function isCommonPassword(password: string): boolean {
  commonPasswords ??= loadCommonPasswords();
  return commonPasswords.has(password.normalize('NFKC').toLowerCase());
}

function loadCommonPasswords(): Set<string> {
  // Synchronous, because zod's refinements below are: the package's CommonJS build.
  const { dictionary } = createRequire(import.meta.url)('@zxcvbn-ts/language-common') as typeof zxcvbnCommon;
  return new Set(dictionary['passwords-common']);
}

/** A new password: 12 to 256 characters, counted as Unicode code points, and not a common or breached one. */
export const passwordSchema = z
  .string()
  .refine((password) => [...password].length >= PASSWORD_MIN_LENGTH, `at least ${PASSWORD_MIN_LENGTH} characters`)
  .refine((password) => [...password].length <= PASSWORD_MAX_LENGTH, `at most ${PASSWORD_MAX_LENGTH} characters`)
  .refine((password) => !isCommonPassword(password), 'a common or breached password: choose another');

const SALT_BYTES = 16;
const KEY_BYTES = 32;
// Two hashes at a time at most: each one holds 128 MiB, and a burst of logins must not exhaust memory.
const MAX_CONCURRENT_HASHES = 2;

/**
 * Hashes `password` with scrypt into a PHC string that names its parameters,
 * `$scrypt$ln=17,r=8,p=1$<salt>$<key>`, so the cost can change later without breaking old
 * hashes: `verifyPassword` reads them from each hash. `cost` defaults to OWASP's; the app passes
 * its configured `passwordCost` (the same unless PASSWORD_SCRYPT_LOG2N says otherwise).
 */
export async function hashPassword(password: string, options: { cost?: ScryptCost } = {}): Promise<string> {
  const cost = options.cost ?? OWASP_SCRYPT_COST;
  const salt = randomBytes(SALT_BYTES);
  const key = await deriveKey(password, salt, cost, KEY_BYTES);
  return `$scrypt$ln=${cost.log2N},r=${cost.r},p=${cost.p}$${b64(salt)}$${b64(key)}`;
}

/**
 * True when `password` matches the PHC string `stored` (compared in constant time). A malformed
 * `stored` is a mismatch, never an exception, so a damaged row cannot crash a login.
 */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parsePhc(stored);
  if (!parsed) return false;
  const key = await deriveKey(password, parsed.salt, parsed.cost, parsed.key.length);
  return timingSafeEqual(key, parsed.key);
}

/** True when `stored` was hashed below today's cost (or cannot be read): rehash at next login. */
export function needsRehash(stored: string, cost: ScryptCost = OWASP_SCRYPT_COST): boolean {
  const parsed = parsePhc(stored);
  return !parsed || parsed.cost.log2N < cost.log2N || parsed.cost.r < cost.r || parsed.cost.p < cost.p || parsed.salt.length < SALT_BYTES;
}

/**
 * A well-formed hash of no known password at `cost` (OWASP's by default), the same string for the
 * life of the process: checking a password against it takes as long as a real check at that cost,
 * so an unknown email answers as slowly as a wrong password.
 */
export function dummyPasswordHash(cost: ScryptCost = OWASP_SCRYPT_COST): string {
  const key = `${cost.log2N},${cost.r},${cost.p}`;
  let stored = dummyHashes.get(key);
  if (!stored) {
    stored = `$scrypt$ln=${cost.log2N},r=${cost.r},p=${cost.p}$${b64(randomBytes(SALT_BYTES))}$${b64(randomBytes(KEY_BYTES))}`;
    dummyHashes.set(key, stored);
  }
  return stored;
}

const dummyHashes = new Map<string, string>();

const PHC = /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9+/]{22,})\$([A-Za-z0-9+/]{43,})$/;

function parsePhc(stored: string): { cost: ScryptCost; salt: Buffer; key: Buffer } | undefined {
  const match = PHC.exec(stored);
  if (!match) return undefined;
  const cost = { log2N: Number(match[1]), r: Number(match[2]), p: Number(match[3]) };
  // Bounds keep a tampered row from asking for gigabytes.
  if (cost.log2N < 1 || cost.log2N > 20 || cost.r < 1 || cost.r > 32 || cost.p < 1 || cost.p > 16) return undefined;
  return { cost, salt: Buffer.from(match[4]!, 'base64'), key: Buffer.from(match[5]!, 'base64') };
}

async function deriveKey(password: string, salt: Buffer, cost: ScryptCost, length: number): Promise<Buffer> {
  const N = 2 ** cost.log2N;
  // OpenSSL refuses unless maxmem covers 128·r·(N + p + 2) bytes; Node's default is 32 MiB.
  const options: ScryptOptions = { N, r: cost.r, p: cost.p, maxmem: 128 * cost.r * (N + cost.p + 2) };
  // NFKC: the same passphrase typed on a phone or a PC (é composed or not) gives the same bytes.
  const input = password.normalize('NFKC');
  await hashSlots.acquire();
  try {
    return await new Promise<Buffer>((resolve, reject) => {
      scrypt(input, salt, length, options, (error, key) => (error ? reject(error) : resolve(key)));
    });
  } finally {
    hashSlots.release();
  }
}

/** PHC strings use standard base64 without padding. */
function b64(bytes: Buffer): string {
  return bytes.toString('base64').replace(/=+$/, '');
}

/** A counting semaphore: at most `size` holders, the rest wait in order. */
class Slots {
  private free: number;
  private readonly waiting: Array<() => void> = [];
  constructor(size: number) {
    this.free = size;
  }
  acquire(): Promise<void> {
    if (this.free > 0) {
      this.free -= 1;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }
  release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.free += 1;
  }
}

const hashSlots = new Slots(MAX_CONCURRENT_HASHES);
