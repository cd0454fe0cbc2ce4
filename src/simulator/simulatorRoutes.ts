import { readFileSync } from 'node:fs';
import express, { type Router } from 'express';
import { z } from 'zod';
import type { Database } from '../db/Database.ts';
import { recordInbound } from '../channels/twilio/recordInbound.ts';
import type { EventEmitter } from 'node:events';
import { simulatedMessageSid, type SimulatedReply } from './SimulatorSender.ts';

/** The number families "text" in simulator mode. */
export const SIMULATOR_BOT_NUMBER = '+15145550000';

const PAGE = readFileSync(new URL('./simulator.html', import.meta.url), 'utf8');

const sendSchema = z.object({
  phone: z.string().trim().regex(/^\+[1-9]\d{6,14}$/, 'a phone number like +15145550123'),
  channel: z.enum(['sms', 'whatsapp']).default('sms'),
  body: z.string().max(1600).transform((body) => body.replaceAll('\u0000', '')),
});

const addressSchema = z.object({ address: z.string().regex(/^(whatsapp:)?\+[1-9]\d{6,14}$/) });

/**
 * The simulator: text the bot as any phone over SMS or WhatsApp and watch replies arrive.
 * Messages take the same path as Twilio's (stored, then a turn), only unsigned.
 */
export function simulatorRoutes(args: { db: Database; replies: EventEmitter; onInbound: (contactId: string) => void }): Router {
  const { db, replies } = args;
  const router = express.Router();

  router.get('/simulator', (_req, res) => {
    res.type('html').send(PAGE);
  });

  router.post('/simulator/api/messages', express.json({ limit: '16kb' }), async (req, res) => {
    const input = sendSchema.parse(req.body);
    const prefix = input.channel === 'whatsapp' ? 'whatsapp:' : '';
    const messageSid = simulatedMessageSid();
    const stored = await recordInbound(db, {
      messageSid,
      accountSid: 'AC00000000000000000000000000000000',
      from: prefix + input.phone,
      to: prefix + SIMULATOR_BOT_NUMBER,
      body: input.body,
      channel: input.channel,
      optOutType: null,
      messageType: null,
      location: null,
      buttonPayload: null,
      media: [],
    });
    args.onInbound(stored.contactId);
    res.status(202).json({ messageSid, address: prefix + input.phone });
  });

  router.get('/simulator/api/messages', async (req, res) => {
    const { address } = addressSchema.parse(req.query);
    const contact = await db.prisma.contact.findUnique({ where: { address }, select: { id: true } });
    const messages = contact
      ? await db.prisma.message.findMany({
          where: { contactId: contact.id },
          orderBy: { id: 'asc' },
          take: 200,
          select: { id: true, direction: true, body: true, status: true, createdAt: true },
        })
      : [];
    res.json({ messages });
  });

  // Server-sent events: each reply to `address` as it leaves the outbox.
  router.get('/simulator/api/events', (req, res) => {
    const { address } = addressSchema.parse(req.query);
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache', Connection: 'keep-alive' });
    res.write(': connected\n\n');
    const onReply = (reply: SimulatedReply) => {
      if (reply.to === address) res.write(`event: reply\ndata: ${JSON.stringify(reply)}\n\n`);
    };
    const keepAlive = setInterval(() => res.write(': ping\n\n'), 25_000);
    replies.on('reply', onReply);
    req.on('close', () => {
      clearInterval(keepAlive);
      replies.off('reply', onReply);
    });
  });

  return router;
}
