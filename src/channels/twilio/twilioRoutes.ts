import express, { type Router } from 'express';
import { Prisma } from '../../generated/prisma/client.ts';
import type { Database } from '../../db/Database.ts';
import type { Logger } from '../../log.ts';
import { maskPhone } from '../../log.ts';
import { HttpError } from '../../http/HttpError.ts';
import type { InboundRecorder } from './InboundRecorder.ts';
import { verifyTwilioSignature } from './verifyTwilioSignature.ts';
import { STATUS_CALLBACK_PATH, statusCallbackMessageId } from './statusCallback.ts';
import { inboundMessageFormSchema, MESSAGE_STATUS_RANK, statusCallbackFormSchema } from './webhookSchemas.ts';

const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response/>';
// Twilio's largest form (a WhatsApp message with 10 media) is a few kilobytes.
const FORM_LIMIT = '32kb';

/**
 * Twilio's webhooks. Order matters: the signature is checked before anything is stored, the
 * message is stored before the 200, and the bot turn runs after the answer has left.
 */
export function twilioRoutes(args: {
  db: Database;
  log: Logger;
  authToken: string | undefined;
  publicBaseUrl: string;
  onInbound: (contactId: string) => void;
  /** Stores the webhooks' messages (the service drains it when it stops). */
  inbound: InboundRecorder;
}): Router {
  const { db, log, authToken, publicBaseUrl } = args;
  const router = express.Router();
  const form = express.urlencoded({ extended: false, limit: FORM_LIMIT, parameterLimit: 200 });
  const { inbound } = args;

  const verified: express.RequestHandler = (req, _res, next) => {
    if (!authToken) throw new HttpError(403, 'Twilio is not configured (simulator mode): webhook signatures cannot be checked');
    const params = (req.body ?? {}) as Record<string, unknown>;
    const ok = verifyTwilioSignature({ authToken, signature: req.header('X-Twilio-Signature'), url: publicBaseUrl + req.originalUrl, params });
    if (!ok) throw new HttpError(403, 'invalid X-Twilio-Signature');
    next();
  };

  router.post('/webhooks/twilio/messages', form, verified, async (req, res) => {
    const message = inboundMessageFormSchema.parse(req.body);
    const stored = await inbound.record(message);
    res.type('text/xml').send(EMPTY_TWIML);
    log.info({ sid: message.messageSid, from: maskPhone(message.from), channel: message.channel, type: message.messageType, duplicate: !stored.isNew }, 'twilio: inbound');
    log.debug({ sid: message.messageSid, body: message.body }, 'twilio: inbound body');
    if (stored.isNew) args.onInbound(stored.contactId);
  });

  router.post(STATUS_CALLBACK_PATH, form, verified, async (req, res) => {
    const callback = statusCallbackFormSchema.parse(req.body);
    const messageId = statusCallbackMessageId(req.query.m);
    let recorded = false;
    if (callback.status && (messageId !== null || callback.messageSid)) {
      // One conditional statement: two callbacks racing cannot move the status backwards.
      const rank = MESSAGE_STATUS_RANK[callback.status]!;
      const known = Prisma.join(Object.entries(MESSAGE_STATUS_RANK).map(([status, value]) => Prisma.sql`WHEN ${status} THEN ${value}`), ' ');
      const where = messageId !== null ? Prisma.sql`id = ${messageId}` : Prisma.sql`twilio_sid = ${callback.messageSid}`;
      recorded = await recordStatus(
        db.prisma.$executeRaw`
          UPDATE messages SET status = ${callback.status}, error_code = COALESCE(${callback.errorCode}, error_code), status_at = now(),
                 twilio_sid = COALESCE(${callback.messageSid}, twilio_sid)
           WHERE ${where} AND direction = 'outbound' AND (CASE status ${known} ELSE 0 END) <= ${rank}
             AND (${callback.messageSid}::text IS NULL OR twilio_sid = ${callback.messageSid}
                  OR (twilio_sid IS NULL AND NOT EXISTS (SELECT 1 FROM messages other WHERE other.twilio_sid = ${callback.messageSid})))`,
      );
    }
    const level = callback.status ? 'info' : 'warn';
    log[level]({ sid: callback.messageSid, status: callback.reportedStatus, errorCode: callback.errorCode, recorded }, 'twilio: status');
    res.status(204).end();
  });

  return router;
}

/**
 * Runs the status UPDATE; true when a row changed. A MessageSid another message took at the same
 * instant (unique violation, SQLSTATE 23505) is a detail of the callback, not a server failure.
 */
async function recordStatus(update: Promise<number>): Promise<boolean> {
  try {
    return (await update) > 0;
  } catch (error) {
    if (/23505|unique constraint/i.test(String((error as Error).message ?? error))) return false;
    throw error;
  }
}
