-- Which processing instance reserved a row being sent (its key in processing_instances): when
-- that instance is gone, any other takes the row over at once instead of waiting for the lease.
ALTER TABLE "outbox" ADD COLUMN "owner" INTEGER;

-- Each family's replies not yet sent, in order: the dispatcher reads the first one of each here.
-- Prisma's schema cannot say "partial"; the index lives here only.
CREATE INDEX "outbox_unsent_idx" ON "outbox"("contact_id", "id") WHERE "status" IN ('pending', 'sending');

-- The families who opted out, few among many: the claim drops their queued replies at once.
CREATE INDEX "contacts_opted_out_idx" ON "contacts"("id") WHERE "opted_out";

-- The processing instances sharing this database. Each holds a session-level advisory lock on
-- its key while it lives; a row whose lock is gone belongs to a dead instance.
CREATE TABLE "processing_instances" (
    "key" SERIAL NOT NULL,
    "host" TEXT NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "processing_instances_pkey" PRIMARY KEY ("key")
);

-- The loop guard: the bot stopped answering a family (an auto-responder, a loop), why, and the
-- text that tripped it (hashed), until the family writes something else.
CREATE TABLE "loop_guards" (
    "contact_id" UUID NOT NULL,
    "reason" TEXT NOT NULL,
    "text_hash" TEXT,
    "tripped_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "offered_at" TIMESTAMPTZ(3),
    "resumed_at" TIMESTAMPTZ(3),

    CONSTRAINT "loop_guards_pkey" PRIMARY KEY ("contact_id")
);

ALTER TABLE "loop_guards" ADD CONSTRAINT "loop_guards_contact_id_fkey" FOREIGN KEY ("contact_id") REFERENCES "contacts"("id") ON DELETE CASCADE ON UPDATE CASCADE;
