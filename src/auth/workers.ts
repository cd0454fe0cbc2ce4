import { z } from 'zod';
import type { Database } from '../db/Database.ts';
import { LANGUAGES } from '../domain/languages.ts';
import { Prisma } from '../generated/prisma/client.ts';
import { AuthError } from './AuthError.ts';
import type { Logger } from '../log.ts';
import { audit } from './audit.ts';
import { hashPassword, passwordSchema } from './passwords.ts';
import type { ScryptCost } from './scryptCost.ts';
import { announceSessionEnding } from './SessionEndings.ts';
import type { SessionWorker } from './sessions.ts';

/** The languages the bot speaks, and so the ones a worker can be matched on. */
export const WORKER_LANGUAGES = LANGUAGES;

/** An email address as stored: trimmed, lower case. */
export const emailSchema = z.string().trim().toLowerCase().pipe(z.email('an email address').max(254));

/** A new account, from the command line or the loopback endpoint. */
export const newWorkerSchema = z.object({
  email: emailSchema,
  password: passwordSchema,
  name: z.string().trim().min(1, 'a name').max(100),
  languages: z
    .array(z.enum(WORKER_LANGUAGES, `one of ${WORKER_LANGUAGES.join(', ')}`))
    .min(1, 'at least one of fr, en, es, ht')
    .transform((languages) => [...new Set(languages)]),
  role: z.enum(['worker', 'admin']).default('worker'),
});

export type NewWorker = z.input<typeof newWorkerSchema>;

/** Who made an account change, for the audit log. */
export interface Actor {
  workerId?: string | null | undefined;
  ip?: string | undefined;
  /** How: "cli", "internal-api", "ADMIN_EMAIL". */
  via: string;
}

/**
 * Creates a worker account (validating `input`, a ZodError if invalid), its password hashed at
 * `passwordCost` (the app's config `passwordCost`); an AuthError `conflict` (409) when the email is taken.
 */
export async function createWorker(db: Database, args: { input: NewWorker; actor: Actor; passwordCost: ScryptCost }): Promise<SessionWorker> {
  const { actor, passwordCost } = args;
  const worker = newWorkerSchema.parse(args.input);
  const passwordHash = await hashPassword(worker.password, { cost: passwordCost });
  try {
    return await db.transaction(async (tx) => {
      const created = await tx.worker.create({
        data: { email: worker.email, name: worker.name, passwordHash, role: worker.role, languages: worker.languages },
        select: { id: true, name: true, email: true, role: true, languages: true },
      });
      await audit(tx, { workerId: actor.workerId, action: 'worker_added', target: created.id, ip: actor.ip, data: { via: actor.via, role: created.role } });
      return created;
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
      throw new AuthError('conflict', `a worker with the email ${worker.email} already exists`);
    }
    throw error;
  }
}

/**
 * Disables an account and ends its sessions at once, in one transaction; 404 for an unknown
 * email. Disabling twice is harmless. The account stays, so the audit log keeps its name.
 */
export async function disableWorker(db: Database, email: string, actor: Actor): Promise<{ worker: SessionWorker; sessionsRevoked: number }> {
  const address = emailSchema.parse(email);
  return db.transaction(async (tx) => {
    const found = await tx.worker.findUnique({ where: { email: address }, select: { id: true, disabledAt: true } });
    if (!found) throw new AuthError('not_found', `no worker with the email ${address}`);
    const worker = await tx.worker.update({
      where: { id: found.id },
      data: { disabledAt: found.disabledAt ?? new Date() },
      select: { id: true, name: true, email: true, role: true, languages: true },
    });
    const { count } = await tx.workerSession.deleteMany({ where: { workerId: worker.id } });
    await announceSessionEnding(tx, { workerId: worker.id });
    await audit(tx, { workerId: actor.workerId, action: 'worker_disabled', target: worker.id, ip: actor.ip, data: { via: actor.via, sessionsRevoked: count } });
    return { worker, sessionsRevoked: count };
  });
}

/**
 * Turns a worker's second factor off, for one who lost their phone: the secret, recovery codes
 * and open sign-in challenges go, recorded in the audit log as `second_factor_reset` (by `actor`,
 * target the worker). Their sessions stay; where a second factor is required they reach only its
 * new set-up from then on, and their next sign-in starts it. 404 for an unknown worker.
 */
export async function resetSecondFactor(db: Database, who: { id: string } | { email: string }, actor: Actor): Promise<{ worker: SessionWorker; wasEnabled: boolean }> {
  const where = 'id' in who ? { id: who.id } : { email: emailSchema.parse(who.email) };
  return db.transaction(async (tx) => {
    const found = await tx.worker.findUnique({ where, select: { id: true, totpEnabledAt: true } });
    if (!found) throw new AuthError('not_found', 'email' in who ? `no worker with the email ${where.email}` : 'no such worker');
    const worker = await tx.worker.update({
      where: { id: found.id },
      data: { totpSecret: null, totpEnabledAt: null, totpLastStep: null },
      select: { id: true, name: true, email: true, role: true, languages: true },
    });
    await tx.workerRecoveryCode.deleteMany({ where: { workerId: worker.id } });
    await tx.workerLoginChallenge.deleteMany({ where: { workerId: worker.id } });
    await audit(tx, { workerId: actor.workerId, action: 'second_factor_reset', target: worker.id, ip: actor.ip, data: { via: actor.via, wasEnabled: found.totpEnabledAt !== null } });
    return { worker, wasEnabled: found.totpEnabledAt !== null };
  });
}

/**
 * At start: creates the admin named by ADMIN_EMAIL/ADMIN_PASSWORD when no active admin exists,
 * so a fresh install can sign in. Returns true when it created one. An existing account with
 * that email is left alone (its password is not reset from the environment).
 */
export async function ensureFirstAdmin(db: Database, args: { admin: { email: string; password: string } | undefined; log: Logger; passwordCost: ScryptCost }): Promise<boolean> {
  const { admin, log, passwordCost } = args;
  // Through `db.sql` (the pool itself on PostgreSQL): the web thread's Prisma client makes no query at start.
  const [active] = await db.sql.$queryRaw<{ any: boolean }[]>(Prisma.sql`SELECT EXISTS (SELECT 1 FROM "workers" WHERE "role" = 'admin' AND "disabled_at" IS NULL) AS "any"`);
  if (active?.any) return false;
  if (!admin) {
    // A first start: nobody can sign in to the console yet, and the sign-in page cannot say why.
    log.warn('workers: no admin account yet: create one with npm run worker:add -- --email <address> --name <name> --languages fr --role admin (or set ADMIN_EMAIL and ADMIN_PASSWORD)');
    return false;
  }
  const email = emailSchema.parse(admin.email);
  if (await db.prisma.worker.findUnique({ where: { email }, select: { id: true } })) {
    log.warn('workers: no active admin, and ADMIN_EMAIL names an existing account: not changed (use npm run worker:add)');
    return false;
  }
  try {
    await createWorker(db, { input: { email, password: admin.password, name: 'Admin', languages: ['fr'], role: 'admin' }, actor: { via: 'ADMIN_EMAIL' }, passwordCost });
  } catch (error) {
    // Another instance starting at the same moment created it first.
    if (error instanceof AuthError && error.refusal === 'conflict') return false;
    throw error;
  }
  log.info('workers: first admin created from ADMIN_EMAIL');
  return true;
}
