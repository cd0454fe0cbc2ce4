-- When the worker holding a conversation last had it on screen (Chatwoot's agent_last_seen_at):
-- the family's messages after it are unread, counted on the worker's queue row.
ALTER TABLE "handoffs" ADD COLUMN "agent_last_seen_at" TIMESTAMPTZ(3);
