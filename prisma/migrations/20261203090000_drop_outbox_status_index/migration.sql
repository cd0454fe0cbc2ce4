-- "outbox_unsent_idx" (contact_id, id) WHERE status IN ('pending', 'sending') holds exactly the rows
-- the claim and the shutdown's count read; this index on (status, next_attempt_at) repeated it over
-- every row kept, sent ones included, and cost two more index writes per reply (its insert, and its
-- move to "sent", which can never be a HOT update since status is indexed).
DROP INDEX IF EXISTS "outbox_status_next_attempt_at_idx";
