-- Who of the team wrote a reply (author = 'worker').
ALTER TABLE "messages" ADD COLUMN "worker_id" UUID;

-- A WhatsApp template (Twilio Content API) instead of free text, for past the 24-hour window.
ALTER TABLE "outbox" ADD COLUMN "content_sid" TEXT;
ALTER TABLE "outbox" ADD COLUMN "content_variables" JSONB;

-- CreateIndex
CREATE INDEX "handoffs_resolved_at_idx" ON "handoffs"("resolved_at" DESC);

-- AddForeignKey
ALTER TABLE "messages" ADD CONSTRAINT "messages_worker_id_fkey" FOREIGN KEY ("worker_id") REFERENCES "workers"("id") ON DELETE SET NULL ON UPDATE CASCADE;
