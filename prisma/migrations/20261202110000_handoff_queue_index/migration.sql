-- The console's queue lists the first 100 open handoffs by priority then waiting time, every 30 s
-- for every worker: read in that order from this index, not sorted out of every open one.
-- Prisma's schema cannot say "partial"; the index lives here only.
CREATE INDEX "handoffs_open_queue_idx" ON "handoffs"("priority" DESC, "requested_at", "id") WHERE "status" <> 'resolved';
