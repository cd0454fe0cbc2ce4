import { z } from 'zod';
import type { Database } from '../db/Database.ts';
import type { Prisma } from '../generated/prisma/client.ts';

/** What an admin searches the audit log by; every field optional. */
export const auditQuerySchema = z.object({
  action: z.string().trim().max(64).optional(),
  /** The worker who did it, or the address tried at sign-in. */
  email: z.string().trim().toLowerCase().max(254).optional(),
  /** A handoff or worker id the action was done to. */
  target: z.string().trim().max(64).optional(),
  ip: z.string().trim().max(64).optional(),
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

export type AuditQuery = z.input<typeof auditQuerySchema>;

/** One row as the admin page and the CLI show it. */
export interface AuditRow {
  id: string;
  at: string;
  action: string;
  worker: { id: string; name: string; email: string } | null;
  email: string | null;
  ip: string | null;
  target: string | null;
  data: unknown;
}

/**
 * The audit log, newest first, filtered by `query` (validated here: a ZodError for bad input).
 * The log never holds message text or passwords, so rows are shown whole.
 */
export async function searchAudit(db: Database, query: AuditQuery): Promise<AuditRow[]> {
  const q = auditQuerySchema.parse(query);
  const where: Prisma.AuditLogWhereInput = {
    ...(q.action ? { action: q.action } : {}),
    ...(q.email ? { OR: [{ email: q.email }, { worker: { email: q.email } }] } : {}),
    ...(q.target ? { target: q.target } : {}),
    ...(q.ip ? { ip: q.ip } : {}),
    ...(q.from || q.to ? { createdAt: { ...(q.from ? { gte: q.from } : {}), ...(q.to ? { lte: q.to } : {}) } } : {}),
  };
  const rows = await db.prisma.auditLog.findMany({
    where,
    orderBy: { id: 'desc' },
    take: q.limit,
    include: { worker: { select: { id: true, name: true, email: true } } },
  });
  return rows.map((row) => ({
    id: String(row.id),
    at: row.createdAt.toISOString(),
    action: row.action,
    worker: row.worker,
    email: row.email,
    ip: row.ip,
    target: row.target,
    data: row.data,
  }));
}
