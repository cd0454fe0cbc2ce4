-- What a WhatsApp message is when it is not plain text (issue 11, kind 8): Twilio's MessageType,
-- the pin of a shared location and the payload of a tapped button. The bot reads a location as a
-- neighbourhood and asks politely for text after a photo, voice note, sticker or contact card.
-- Coordinates are kept rounded to 3 decimals (about 100 m): a neighbourhood needs no more, and a
-- family's exact address is not ours to keep. Erased and purged with the message, like its body.
ALTER TABLE "messages" ADD COLUMN "message_type" TEXT;
ALTER TABLE "messages" ADD COLUMN "latitude" DOUBLE PRECISION;
ALTER TABLE "messages" ADD COLUMN "longitude" DOUBLE PRECISION;
ALTER TABLE "messages" ADD COLUMN "location_label" TEXT;
ALTER TABLE "messages" ADD COLUMN "button_payload" TEXT;
