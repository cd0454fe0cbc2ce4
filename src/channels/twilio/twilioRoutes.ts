import express, { type Router } from 'express';
import type { Database } from '../../db/Database.ts';
import type { Logger } from '../../log.ts';
import { maskPhone } from '../../log.ts';
import { HttpError } from '../../http/HttpError.ts';
import { recordInbound } from './recordInbound.ts';
import { verifyTwilioSignature } from './verifyTwilioSignature.ts';
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
}): Router {
  const { db, log, authToken, publicBaseUrl } = args;
  const router = express.Router();
  const form = express.urlencoded({ extended: false, limit: FORM_LIMIT, parameterLimit: 200 });

  const verified: express.RequestHandler = (req, _res, next) => {
    if (!authToken) throw new HttpError(403, 'Twilio is not configured (simulator mode): webhook signatures cannot be checked');
    const params = (req.body ?? {}) as Record<string, unknown>;
    const ok = verifyTwilioSignature({ authToken, signature: req.header('X-Twilio-Signature'), url: publicBaseUrl + req.originalUrl, params });
    if (!ok) throw new HttpError(403, 'invalid X-Twilio-Signature');
    next();
  };

  router.post('/webhooks/twilio/messages', form, verified, async (req, res) => {
    const message = inboundMessageFormSchema.parse(req.body);
    const stored = await recordInbound(db, message);
    res.type('text/xml').send(EMPTY_TWIML);
    log.info({ sid: message.messageSid, from: maskPhone(message.from), channel: message.channel, duplicate: !stored.isNew }, 'twilio: inbound');
    log.debug({ sid: message.messageSid, body: message.body }, 'twilio: inbound body');
    if (stored.isNew) args.onInbound(stored.contactId);
  });

  router.post('/webhooks/twilio/status', form, verified, async (req, res) => {
    const callback = statusCallbackFormSchema.parse(req.body);
    const messageId = Number(req.query.m);
    const where = Number.isInteger(messageId) && messageId > 0 ? { id: messageId } : { twilioSid: callback.MessageSid };
    const message = await db.prisma.message.findFirst({ where: { ...where, direction: 'outbound' }, select: { id: true, status: true } });
    if (message && (MESSAGE_STATUS_RANK[callback.MessageStatus] ?? 0) >= (MESSAGE_STATUS_RANK[message.status] ?? 0)) {
      await db.prisma.message.update({
        where: { id: message.id },
        data: { status: callback.MessageStatus, errorCode: callback.ErrorCode ?? null, statusAt: new Date(), twilioSid: callback.MessageSid },
      });
    }
    log.info({ sid: callback.MessageSid, status: callback.MessageStatus, errorCode: callback.ErrorCode, known: Boolean(message) }, 'twilio: status');
    res.status(204).end();
  });

  return router;
}
