import { randomBytes } from 'node:crypto';
import type { Database } from '../db/Database.ts';
import { sessionId } from './sessions.ts';

/** How long a right password waits for its second factor. */
export const CHALLENGE_TTL_MS = 5 * 60_000;
/** Codes tried against one challenge before the password must be given again. */
export const CHALLENGE_MAX_ATTEMPTS = 5;

const TOKEN = /^[A-Za-z0-9_-]{43}$/;

/**
 * Opens the second step of a sign-in for a worker whose password was right: returns a random
 * 256-bit token (base64url, 43 characters) for the page to send back with the code; the table
 * keeps only its SHA-256. Expired challenges are dropped on the way.
 */
export async function openLoginChallenge(db: Database, args: { workerId: string; ip: string | undefined; now: Date }): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  const client = db.prisma;
  await client.workerLoginChallenge.deleteMany({ where: { expiresAt: { lte: args.now } } });
  await client.workerLoginChallenge.create({
    data: { id: sessionId(token), workerId: args.workerId, ip: args.ip ?? null, createdAt: args.now, expiresAt: new Date(args.now.getTime() + CHALLENGE_TTL_MS) },
  });
  return token;
}

/**
 * Counts one code tried against the challenge `token` and returns its worker's id, or undefined
 * when the challenge is unknown, expired or has used its attempts. The count is an atomic
 * conditional update, so codes sent all at once cannot exceed it.
 */
export async function tryLoginChallenge(db: Database, args: { token: string; now: Date }): Promise<string | undefined> {
  if (!TOKEN.test(args.token)) return undefined;
  const id = sessionId(args.token);
  const client = db.prisma;
  const { count } = await client.workerLoginChallenge.updateMany({
    where: { id, expiresAt: { gt: args.now }, attempts: { lt: CHALLENGE_MAX_ATTEMPTS } },
    data: { attempts: { increment: 1 } },
  });
  if (count === 0) return undefined;
  return (await client.workerLoginChallenge.findUnique({ where: { id }, select: { workerId: true } }))?.workerId;
}

/** The challenge is answered: it cannot be used again. */
export async function closeLoginChallenge(db: Database, token: string): Promise<void> {
  await db.prisma.workerLoginChallenge.deleteMany({ where: { id: sessionId(token) } });
}
