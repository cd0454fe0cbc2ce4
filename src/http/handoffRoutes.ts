import express, { type RequestHandler, type Router } from 'express';
import { z } from 'zod';
import { LANGUAGES } from '../i18n.ts';
import { transcriptText } from '../handoff/transcriptText.ts';
import type { DeskActor, HandoffDesk } from '../handoff/HandoffDesk.ts';
import type { HandoffFeed } from '../handoff/HandoffFeed.ts';

const exportQuery = z.object({ format: z.enum(['json', 'text']).default('json'), lang: z.enum(LANGUAGES).default('fr') });
/** How many rows the queue lists unless asked: more than a person reads, a small part of a busy day's queue. */
const QUEUE_LIMIT = 100;
const listQuery = z.object({
  status: z.enum(['waiting', 'active', 'resolved']).optional(),
  assignee: z.enum(['all', 'mine', 'unassigned']).optional(),
  language: z.enum(LANGUAGES).or(z.literal('')).optional(),
  urgent: z.enum(['true', 'false', '1', '0', '']).transform((value) => value === 'true' || value === '1').optional(),
  // Any part of the number, spaces, dashes and brackets allowed: only the digits count.
  phone: z.string().max(40).transform((value) => value.replace(/\D/g, '')).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(QUEUE_LIMIT),
});
const text = z
  .string()
  .transform((value) => value.replaceAll('\u0000', '').trim())
  .pipe(z.string().min(1, 'write something').max(1600, 'at most 1600 characters'));
const messageBody = z.union([z.object({ text }).strict(), z.object({ template: z.literal('reopen') }).strict()]);
const noteBody = z.object({ text: z.string().trim().min(1, 'write something').max(4000) });
const claimBody = z.object({ takeOver: z.boolean().optional() }).default({});

/** How often an idle event stream gets a comment line, so proxies keep it open. */
const HEARTBEAT_MS = 25_000;

/**
 * The console's API (README, "The worker console and handoffs"): the queue, one conversation, claim, reply, note, resolve,
 * a conversation's export as a file, erasing a family's data at its request, and `/api/events`, a server-sent event stream of every handoff change on any instance.
 */
export function handoffRoutes(args: {
  desk: HandoffDesk;
  feed: HandoffFeed;
  /** Whether the session (by id) may still listen: signed out, expired or disabled ends the stream. */
  sessionLive: (sessionId: string) => Promise<boolean>;
  /** Signed-in workers only (src/auth's middleware, passed in: http does not depend on auth); `passive`: a poll, not activity. */
  requireWorker: (options?: { passive?: boolean }) => RequestHandler;
  /** Calls `onEnded` when the session ends on any instance, so its stream closes at once; returns the way to stop watching. */
  watchSession: (session: { sessionId: string; workerId: string }, onEnded: () => void) => () => void;
  heartbeatMs?: number;
  /** Times in a readable export are in the office's time zone (OFFICE_TIMEZONE). */
  timeZone: string;
}): Router {
  const { desk, feed, sessionLive, requireWorker, watchSession } = args;
  const heartbeatMs = args.heartbeatMs ?? HEARTBEAT_MS;
  const router = express.Router();
  const json = express.json({ limit: '16kb' });
  const actor = (req: express.Request, res: express.Response): DeskActor => ({ worker: res.locals.worker!, ip: req.ip });

  // Polled by the page every 30 s: not the worker's activity.
  router.get('/api/handoffs', requireWorker({ passive: true }), async (req, res) => {
    const { status, limit, phone, language, ...filters } = listQuery.parse(req.query);
    res.set('Cache-Control', 'no-store');
    res.type('json').send(await desk.queueJson(res.locals.worker!, { status, limit, filters: { ...filters, language: language || undefined, phoneDigits: phone || undefined } }));
  });

  router.get('/api/handoffs/:id', requireWorker(), async (req, res) => {
    res.set('Cache-Control', 'no-store');
    // `?seen=false`: the page refreshes an open conversation in a hidden tab; it stays unread.
    res.json(await desk.detail(String(req.params.id), actor(req, res), { seen: req.query.seen !== 'false' }));
  });

  // A download: the file is named after the conversation and the day, and kept by no cache.
  // `?format=text&lang=fr`: a transcript a person reads; JSON (the default) for machines.
  router.get('/api/handoffs/:id/export', requireWorker(), async (req, res) => {
    const id = String(req.params.id);
    const { format, lang } = exportQuery.parse(req.query);
    const file = await desk.exportTranscript(id, actor(req, res));
    const name = `bienvenue-${file.handoff.id.slice(0, 8)}-${file.exportedAt.slice(0, 10)}`;
    res.set('Cache-Control', 'no-store');
    if (format === 'text') {
      res.set('Content-Disposition', `attachment; filename="${name}.txt"`);
      res.type('text/plain; charset=utf-8').send(transcriptText(file, { language: lang, timeZone: args.timeZone }));
      return;
    }
    res.set('Content-Disposition', `attachment; filename="${name}.json"`);
    res.type('json').send(JSON.stringify(file, null, 2));
  });

  router.post('/api/handoffs/:id/claim', requireWorker(), json, async (req, res) => {
    const { takeOver } = claimBody.parse(req.body ?? {});
    res.json({ handoff: await desk.claim(String(req.params.id), actor(req, res), { takeOver }) });
  });

  router.post('/api/handoffs/:id/messages', requireWorker(), json, async (req, res) => {
    res.status(201).json({ message: await desk.reply(String(req.params.id), actor(req, res), messageBody.parse(req.body)) });
  });

  router.post('/api/handoffs/:id/notes', requireWorker(), json, async (req, res) => {
    res.status(201).json({ note: await desk.note(String(req.params.id), actor(req, res), noteBody.parse(req.body).text) });
  });

  router.post('/api/handoffs/:id/resolve', requireWorker(), async (req, res) => {
    res.json({ handoff: await desk.resolve(String(req.params.id), actor(req, res)) });
  });

  router.post('/api/handoffs/:id/erase', requireWorker(), async (req, res) => {
    res.json(await desk.erase(String(req.params.id), actor(req, res)));
  });

  router.get('/api/events', requireWorker({ passive: true }), (req, res) => {
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    res.write('retry: 3000\n\n');
    const onNotice = (notice: { handoffId: string; type: string }) => {
      res.write(`event: handoff\ndata: ${JSON.stringify(notice)}\n\n`);
    };
    feed.on('message', onNotice);
    const sessionId = res.locals.session!.id;
    const workerId = res.locals.worker!.id;
    const unwatch = watchSession({ sessionId, workerId }, () => {
      end();
      res.end();
    });
    const end = () => {
      clearInterval(heartbeat);
      feed.off('message', onNotice);
      unwatch();
    };
    // Each heartbeat also checks the session: a sign-out or a disabled account closes the stream.
    const heartbeat = setInterval(() => {
      sessionLive(sessionId).then(
        (live) => {
          if (live) res.write(': still here\n\n');
          else {
            end();
            res.end();
          }
        },
        () => res.write(': still here\n\n'),
      );
    }, heartbeatMs);
    req.on('close', end);
  });

  return router;
}
