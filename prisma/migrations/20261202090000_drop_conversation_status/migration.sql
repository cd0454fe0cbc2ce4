-- Who answers a family (the bot, or a person of the team) is the state of its open handoff: the
-- bot stays silent while one is waiting or active. conversations.status repeated it in four places
-- and was never read as anything but "not resolved", which it never was: one source of truth.
ALTER TABLE "conversations" DROP COLUMN "status";
DROP TYPE "conversation_status";
