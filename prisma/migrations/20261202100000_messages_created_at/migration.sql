-- "received_at" also stamped the replies the bot and the team write: it is when the row was
-- written (an inbound message's arrival, an outbound one's composing). Renamed for what it is;
-- the data and the sweeper's partial index ("messages_unhandled_idx") go with the column.
ALTER TABLE "messages" RENAME COLUMN "received_at" TO "created_at";
