import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import type { Database, Tx } from '../db/Database.ts';

/**
 * otplib, loaded on the first second-factor step rather than with the web thread (1.0 MiB of V8
 * heap that most running instances never use; issue 15).
 */
const otplib = () => import('otplib');

/** What authenticator apps show above the account's codes. */
export const TOTP_ISSUER = 'Bienvenue';

/** RFC 6238 defaults, the ones every authenticator app reads from the otpauth URI: SHA-1, 6 digits, 30 s. */
const PERIOD_SECONDS = 30;
/** One step either side: a phone clock 30 s off, or a code typed as it changes, still signs in. */
const TOLERANCE_SECONDS = PERIOD_SECONDS;

/** Ten single-use recovery codes, shown once when multi-factor sign-in is turned on. */
export const RECOVERY_CODE_COUNT = 10;
/** Lower-case base32 without the look-alikes of Crockford's alphabet: no i, l, o, u. */
const RECOVERY_ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';
/** 16 characters of 32: 80 bits, salted and hashed (ASVS 2.6.2 asks a salt below 112 bits). */
const RECOVERY_CODE_LENGTH = 16;

/** A TOTP code as typed: six digits, spaces allowed ("123 456"). */
export const TOTP_CODE = /^\d{6}$/;

/**
 * A secret for a worker who is setting up an authenticator app: 20 random bytes in base32 (RFC
 * 4226's recommended length), and the `otpauth://totp/Bienvenue:<email>?secret=…&issuer=Bienvenue`
 * URI that the QR code carries.
 */
export async function newTotpSecret(email: string): Promise<{ secret: string; otpauthUri: string }> {
  const secret = (await otplib()).generateSecret();
  return { secret, otpauthUri: await totpUri(secret, email) };
}

/** The otpauth URI of `secret` for the account `email`. */
export async function totpUri(secret: string, email: string): Promise<string> {
  return (await otplib()).generateURI({ issuer: TOTP_ISSUER, label: email, secret, period: PERIOD_SECONDS });
}

/**
 * Checks a six-digit `code` against `secret` at `now`, one step of tolerance either side.
 * Returns the time step it belongs to (to be stored, so the same code is never accepted twice),
 * or undefined. Codes from steps at or before `afterStep` are refused (replay).
 */
export async function checkTotp(args: { secret: string; code: string; now: Date; afterStep?: bigint | null }): Promise<number | undefined> {
  const code = normaliseTotp(args.code);
  if (!code) return undefined;
  const result = await (await otplib()).verify({
    secret: args.secret,
    token: code,
    epoch: Math.floor(args.now.getTime() / 1000),
    period: PERIOD_SECONDS,
    epochTolerance: TOLERANCE_SECONDS,
    ...(args.afterStep != null ? { afterTimeStep: Number(args.afterStep) } : {}),
  });
  return result.valid && 'timeStep' in result ? result.timeStep : undefined;
}

/** "123 456" → "123456"; anything else than six digits → undefined. */
export function normaliseTotp(code: string): string | undefined {
  const digits = code.replace(/[\s-]/g, '');
  return TOTP_CODE.test(digits) ? digits : undefined;
}

/** Ten new recovery codes as the worker writes them down: `abcd-efgh-jkmn-pqrs`. */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    let code = '';
    for (let i = 0; i < RECOVERY_CODE_LENGTH; i += 1) code += RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)];
    return code.match(/.{4}/g)!.join('-');
  });
}

/**
 * A recovery code as typed → its canonical form (lower case, no dashes or spaces, the look-alikes
 * read as digits), or undefined when it cannot be one.
 */
export function normaliseRecoveryCode(code: string): string | undefined {
  const canonical = code
    .toLowerCase()
    .replace(/[\s-]/g, '')
    .replace(/[il]/g, '1')
    .replace(/o/g, '0');
  return canonical.length === RECOVERY_CODE_LENGTH && [...canonical].every((c) => RECOVERY_ALPHABET.includes(c)) ? canonical : undefined;
}

/** `<salt hex>$<SHA-256 hex of salt ‖ code>`: a random 32-bit salt per code. */
export function hashRecoveryCode(code: string, salt: Buffer = randomBytes(4)): string {
  return `${salt.toString('hex')}$${createHash('sha256').update(salt).update(normaliseRecoveryCode(code) ?? code).digest('hex')}`;
}

function recoveryCodeMatches(code: string, stored: string): boolean {
  const [saltHex, hashHex] = stored.split('$');
  if (!saltHex || !hashHex) return false;
  const expected = Buffer.from(hashRecoveryCode(code, Buffer.from(saltHex, 'hex')).split('$')[1]!, 'hex');
  const actual = Buffer.from(hashHex, 'hex');
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/**
 * Replaces a worker's recovery codes with ten new ones, inside `tx`; returns them in clear, to be
 * shown once (only their salted hashes are stored).
 */
export async function replaceRecoveryCodes(tx: Tx, workerId: string): Promise<string[]> {
  const codes = newRecoveryCodes();
  await tx.workerRecoveryCode.deleteMany({ where: { workerId } });
  await tx.workerRecoveryCode.createMany({ data: codes.map((code) => ({ workerId, codeHash: hashRecoveryCode(code) })) });
  return codes;
}

/**
 * Uses one of the worker's recovery codes: true when `code` matched an unused one, now spent.
 * Of two requests racing with the same code, one wins (conditional update).
 */
export async function useRecoveryCode(db: Database, args: { workerId: string; code: string; now: Date }): Promise<boolean> {
  if (!normaliseRecoveryCode(args.code)) return false;
  const unused = await db.prisma.workerRecoveryCode.findMany({ where: { workerId: args.workerId, usedAt: null }, select: { id: true, codeHash: true } });
  const match = unused.find((row) => recoveryCodeMatches(args.code, row.codeHash));
  if (!match) return false;
  const { count } = await db.prisma.workerRecoveryCode.updateMany({ where: { id: match.id, usedAt: null }, data: { usedAt: args.now } });
  return count === 1;
}
