-- The sweeper looks for messages stored but not handled every few seconds, on every instance:
-- without this index that is a scan of every message kept (up to 12 months of them).
-- Prisma's schema cannot say "partial"; the index lives here only.
CREATE INDEX "messages_unhandled_idx" ON "messages"("received_at") WHERE "direction" = 'inbound' AND "processed_at" IS NULL;
