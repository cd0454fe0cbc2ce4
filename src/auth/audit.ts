import type { Tx } from '../db/Database.ts';
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
 * Appends one row to `audit_log` through `tx`: the transaction of the change it records, so both
 * commit together, or `db.prisma` for an event that changes nothing else (a sign-in, a view).
 */
export async function audit(tx: Tx, entry: AuditEntry): Promise<void> {
  await tx.auditLog.create({
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
