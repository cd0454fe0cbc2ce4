import type { Database } from '../db/Database.ts';
import type { Prisma } from '../generated/prisma/client.ts';

/**
 * What happened. The console adds its own (claims, replies, transcript views, exports,
 * deletions); these are the ones the sign-in code writes.
 */
export type AuditAction = 'login' | 'login_failed' | 'login_throttled' | 'logout' | 'worker_added' | 'worker_disabled' | (string & {});

/** One row of the audit log. */
export interface AuditEntry {
  /** Who did it; null for the command line, the app itself, or a failed login of an unknown address. */
  workerId?: string | null | undefined;
  action: AuditAction;
  /** What it was done to: a worker id, a handoff id… */
  target?: string | null | undefined;
  /** The client's address (req.ip). */
  ip?: string | null | undefined;
  /** The address tried, for logins. */
  email?: string | null | undefined;
  /** Details; never passwords, message bodies or phone numbers. */
  data?: Prisma.InputJsonObject | undefined;
  /** When; the database's clock unless given (tests and sign-in pass the app's). */
  at?: Date | undefined;
}

/**
 * Appends one row to `audit_log`, inside the caller's transaction when there is one
 * (`db.transaction`), so the record and the change it records commit together.
 */
export async function audit(db: Database, entry: AuditEntry): Promise<void> {
  await db.client().auditLog.create({
    data: {
      workerId: entry.workerId ?? null,
      action: entry.action,
      target: entry.target ?? null,
      ip: entry.ip ?? null,
      email: entry.email ?? null,
      data: entry.data ?? {},
      ...(entry.at ? { createdAt: entry.at } : {}),
    },
  });
}
