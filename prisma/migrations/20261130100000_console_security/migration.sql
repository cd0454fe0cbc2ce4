-- Console security (OWASP ASVS level 2): multi-factor sign-in, recovery codes, and the counters
-- of sign-in attempts shared by every app instance.

-- TOTP (RFC 6238): the shared secret in base32; set up when enabled_at is set. The last step
-- accepted is kept so a code cannot be replayed within its 30 seconds.
ALTER TABLE "workers" ADD COLUMN "totp_secret" TEXT;
ALTER TABLE "workers" ADD COLUMN "totp_enabled_at" TIMESTAMPTZ(3);
ALTER TABLE "workers" ADD COLUMN "totp_last_step" BIGINT;
ALTER TABLE "workers" ADD COLUMN "password_changed_at" TIMESTAMPTZ(3);

-- One-time recovery codes, kept as SHA-256 hashes: each signs in once when the phone is lost.
CREATE TABLE "worker_recovery_codes" (
    "id" BIGSERIAL NOT NULL,
    "worker_id" UUID NOT NULL,
    "code_hash" TEXT NOT NULL,
    "used_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "worker_recovery_codes_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "worker_recovery_codes_worker_id_code_hash_key" ON "worker_recovery_codes"("worker_id", "code_hash");
ALTER TABLE "worker_recovery_codes" ADD CONSTRAINT "worker_recovery_codes_worker_id_fkey" FOREIGN KEY ("worker_id") REFERENCES "workers"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- rate-limiter-flexible's RateLimiterPostgres store, in the shape the library creates itself
-- (it is told the table exists): key, points consumed, expiry in epoch milliseconds.
CREATE TABLE "rate_limits" (
    "key" VARCHAR(255) NOT NULL,
    "points" INTEGER NOT NULL DEFAULT 0,
    "expire" BIGINT,

    CONSTRAINT "rate_limits_pkey" PRIMARY KEY ("key")
);

-- The admin's audit search filters by person and time.
CREATE INDEX "audit_log_worker_id_created_at_idx" ON "audit_log"("worker_id", "created_at");
