-- A turn loads its family's oldest unhandled message: with the index on received_at that was a
-- walk through every unhandled message of every family (thousands in a burst), or through the
-- family's whole history on (contact_id, id). Keyed by family, the same partial index answers the
-- turn in one step and still serves the sweeper (it holds only unhandled messages).
-- Prisma's schema cannot say "partial"; the index lives here only.
DROP INDEX IF EXISTS "messages_unhandled_idx";
CREATE INDEX "messages_unhandled_by_contact_idx" ON "messages"("contact_id", "id") WHERE "direction" = 'inbound' AND "processed_at" IS NULL;
