-- Multi-factor sign-in: the step between a right password and the TOTP or recovery code. The
-- browser holds a random token for five minutes; the table holds only its SHA-256, like sessions,
-- and counts the codes tried so one challenge cannot be guessed at forever.
CREATE TABLE "worker_login_challenges" (
    "id" TEXT NOT NULL,
    "worker_id" UUID NOT NULL,
    "ip" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "worker_login_challenges_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "worker_login_challenges_worker_id_idx" ON "worker_login_challenges"("worker_id");
ALTER TABLE "worker_login_challenges" ADD CONSTRAINT "worker_login_challenges_worker_id_fkey" FOREIGN KEY ("worker_id") REFERENCES "workers"("id") ON DELETE CASCADE ON UPDATE CASCADE;
