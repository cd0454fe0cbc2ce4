import { randomBytes } from 'node:crypto';
import type { EventEmitter } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import type { Config } from './config.ts';
import { Database } from './db/Database.ts';
import { migrate, migrationStatus } from './db/migrate.ts';
import { seedDirectoryIfEmpty } from './directory/seedDirectory.ts';
import type { Logger } from './log.ts';
import { twilioRoutes } from './channels/twilio/twilioRoutes.ts';
import { InboundRecorder } from './channels/twilio/InboundRecorder.ts';
import { InlineProcessing } from './processing/InlineProcessing.ts';
import type { Processor, ProcessingHandle } from './processing/Processor.ts';
import { ThreadProcessing } from './processing/ThreadProcessing.ts';
import { simulatorRoutes } from './simulator/simulatorRoutes.ts';
import { errorHandler } from './http/HttpError.ts';
import { securityHeaders } from './http/securityHeaders.ts';
import { AdminTokenFile } from './auth/AdminTokenFile.ts';
import { authRoutes } from './auth/authRoutes.ts';
import { LoginThrottle } from './auth/LoginThrottle.ts';
import { internalRoutes } from './auth/internalRoutes.ts';
import { secondFactorRoutes } from './auth/secondFactorRoutes.ts';
import { provideAuth, requireWorker } from './auth/requireWorker.ts';
import { SessionCookie } from './auth/SessionCookie.ts';
import { SessionStore } from './auth/sessions.ts';
import { SessionEndings } from './auth/SessionEndings.ts';
import { ensureFirstAdmin } from './auth/workers.ts';
import { senderFor } from './channels/twilio/senderFor.ts';
import { OutboundComposer } from './outbox/OutboundComposer.ts';
import { HandoffDesk } from './handoff/HandoffDesk.ts';
import { HandoffFeed } from './handoff/HandoffFeed.ts';
import { handoffRoutes } from './http/handoffRoutes.ts';
import { consoleRoutes } from './console/consoleRoutes.ts';

/** Test hooks of the service. */
export interface ServiceOptions {
  /** The clock of sessions and login throttling; the system clock by default. */
  now?: () => Date;
  /** How often the console's event stream checks its session (25 s by default). */
  eventsHeartbeatMs?: number;
  /**
   * Opens the database instead of `Database.open` with the config's `databaseUrl` and `dataDir`
   * (tests open an in-memory copy of a migrated one); what it returns is migrated as usual and
   * closed by `stop`.
   */
  openDatabase?: () => Promise<Database>;
}

/**
 * The app: one express app that acknowledges webhooks, and the processing side (bot, turns,
 * outbox) either on the same thread or in a processing thread. `main.ts` starts it for real; tests
 * and the benchmark start it in-process.
 */
export class Service {
  readonly app: express.Express;
  private readonly processing: ProcessingHandle;
  /** The processing side when it runs on this thread. */
  private readonly inline: InlineProcessing | undefined;
  /** Between listening and the processing side running (it loads the bot and the NLU meanwhile). */
  private processingStarting = false;
  /** Replies sent in simulator mode, for the simulator page. */
  private readonly simulatorReplies: EventEmitter | undefined;
  private server: http.Server | undefined;
  /** The clock of sessions and login throttling (tests step it). */
  private readonly now: () => Date;
  /** On the embedded database: the secret `worker:add`/`worker:disable` present to /internal. */
  private readonly adminToken: string | undefined;
  /** Handoff changes from every instance, for the console's live updates. */
  private readonly handoffFeed: HandoffFeed;
  /** Sessions ended on any instance, so their live streams close at once. */
  private readonly sessionEndings: SessionEndings;
  /** Stores webhooks' messages, several in one statement when they arrive together; drained on stop. */
  private readonly inbound: InboundRecorder;

  private constructor(
    readonly config: Config,
    readonly db: Database,
    readonly log: Logger,
    private readonly options: ServiceOptions,
    processing: InlineProcessing | ThreadProcessing,
  ) {
    this.now = options.now ?? (() => new Date());
    // Only the embedded database needs it: with PostgreSQL the commands write directly.
    this.adminToken = db.kind === 'pglite' && config.dataDir !== ':memory:' ? randomBytes(32).toString('base64url') : undefined;
    this.processing = processing;
    this.inline = processing instanceof InlineProcessing ? processing : undefined;
    this.simulatorReplies = config.simulator ? processing : undefined;
    this.handoffFeed = new HandoffFeed(db, log);
    this.sessionEndings = new SessionEndings(db, log);
    // Embedded, webhooks and turns share this thread and the one connection: see InboundRecorder.
    const inline = this.inline;
    this.inbound = new InboundRecorder(db, inline && db.kind === 'pglite' ? { sharedThread: { turnsWaiting: () => inline.turnsWaiting } } : {});
    this.app = this.buildApp();
  }

  /** The processing side when it runs on this thread and `start` has loaded it (tests reach the runner through it). */
  get processor(): Processor | undefined {
    return this.inline?.processor;
  }

  /** Opens the database (migrating it unless AUTO_MIGRATE=false) and builds the service. */
  static async create(config: Config, log: Logger, options: ServiceOptions = {}): Promise<Service> {
    // The processing thread loads the bot and the NLU on the other core while this one opens and
    // migrates the database; it processes nothing before `start`.
    const thread = config.processingThread ? new ThreadProcessing(config, log) : undefined;
    thread?.load();
    let db: Database;
    try {
      db = options.openDatabase
        ? await options.openDatabase()
        : await Database.open({
            databaseUrl: config.databaseUrl,
            dataDir: config.dataDir,
            onConnectionError: (error) => log.warn({ err: error }, 'db: idle connection lost'),
          });
    } catch (error) {
      await thread?.stop();
      throw error;
    }
    try {
      if (config.autoMigrate) {
        const applied = await migrate(db);
        if (applied.length > 0) log.info({ applied }, 'db: migrations applied');
      }
      // First start: load the programs of the seed documents so the directory is never empty.
      if (await seedDirectoryIfEmpty(db)) log.info('directory: seeded from prisma/seed/directory.json');
      await ensureFirstAdmin(db, { admin: config.admin, log, passwordCost: config.passwordCost });
      // The bot, the NLU with its models and the outbox are loaded only by the thread that runs
      // them: with a processing thread, this one never imports them; without, `start` loads them.
      return new Service(config, db, log, options, thread ?? new InlineProcessing({ config, db, log }));
    } catch (error) {
      await thread?.stop();
      await db.close();
      throw error;
    }
  }

  /** Listens, then starts processing, which first resumes what a previous run left. */
  async start(): Promise<AddressInfo> {
    await this.handoffFeed.start();
    await this.sessionEndings.start();
    this.server = http.createServer(this.app);
    this.server.keepAliveTimeout = 65_000;
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(this.config.port, this.config.host, () => resolve());
    });
    const address = this.server.address() as AddressInfo;
    if (this.adminToken) {
      await new AdminTokenFile(this.config.dataDir).write({ url: loopbackUrl(address), token: this.adminToken, pid: process.pid });
    }
    this.processingStarting = true;
    try {
      await this.processing.start();
    } finally {
      this.processingStarting = false;
    }
    this.log.info(
      { port: address.port, host: address.address, mode: this.config.twilio ? 'twilio' : 'simulator', database: this.db.kind, processingThread: this.config.processingThread },
      'bienvenue: listening',
    );
    return address;
  }

  /** Graceful stop: refuse new requests, finish turns, flush the outbox briefly, close the database. */
  async stop(options: { flushMs?: number } = {}): Promise<void> {
    const server = this.server;
    const closed = server ? new Promise<void>((resolve) => server.close(() => resolve())) : Promise.resolve();
    server?.closeIdleConnections();
    // Webhooks already read are stored at once from now on, not after the busy interval.
    void this.inbound.drain();
    await this.processing.stop({ flushMs: options.flushMs ?? 5000 });
    // Before cutting the connections left: every webhook read so far has its row, and its 200.
    await this.inbound.drain();
    server?.closeAllConnections();
    await closed;
    await this.handoffFeed.stop();
    await this.sessionEndings.stop();
    if (this.adminToken) await new AdminTokenFile(this.config.dataDir).remove(this.adminToken);
    await this.db.close();
    this.log.info('bienvenue: stopped');
  }

  private buildApp(): express.Express {
    const app = express();
    app.disable('x-powered-by');
    app.set('trust proxy', this.config.trustProxy);
    app.use(securityHeaders({ https: this.config.publicBaseUrl.startsWith('https://') }));

    app.get('/healthz', (_req, res) => {
      res.json({ status: 'ok' });
    });
    app.get('/readyz', async (_req, res) => {
      try {
        const status = await migrationStatus(this.db);
        // Webhooks are stored and acknowledged while the processing side still loads: it answers
        // them once running, so readiness waits for the database only, unless processing failed.
        const processing = this.processing.healthy ? 'running' : this.processingStarting ? 'starting' : 'stopped';
        const ready = status.pending.length === 0 && status.failed.length === 0 && processing !== 'stopped';
        const reason = status.pending.length > 0 || status.failed.length > 0 ? 'migrations pending' : 'processing not running';
        res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : reason, database: this.db.kind, pending: status.pending, processing });
      } catch {
        res.status(503).json({ status: 'database unreachable', database: this.db.kind });
      }
    });

    const onInbound = (contactId: string) => this.processing.schedule(contactId);
    // Twilio's webhooks before the console's routers: every message a family sends comes through
    // here, and no route of the console, sign-in or internal routers matches /webhooks/twilio/…, so
    // a webhook no longer walks their thirty-odd routes first (same answer, same headers, same error handler).
    app.use(twilioRoutes({ db: this.db, log: this.log, authToken: this.config.twilio?.authToken, publicBaseUrl: this.config.publicBaseUrl, onInbound, inbound: this.inbound }));

    const auth = { sessions: new SessionStore(this.db, { now: this.now }), cookie: new SessionCookie(this.config.publicBaseUrl), secondFactor: this.config.secondFactor };
    provideAuth(app, auth);
    const throttle = new LoginThrottle(this.db);
    app.use(authRoutes({ ...auth, db: this.db, log: this.log, now: this.now, throttle, passwordCost: this.config.passwordCost }));
    app.use(secondFactorRoutes({ ...auth, db: this.db, now: this.now, throttle }));
    if (this.adminToken) app.use(internalRoutes({ db: this.db, token: this.adminToken, passwordCost: this.config.passwordCost }));

    const desk = new HandoffDesk({
      db: this.db,
      composer: new OutboundComposer({ gsm7ForSms: this.config.smsGsm7, senderFor: (to, fallback) => senderFor(this.config.twilio, to, fallback) }),
      whatsappTemplates: this.config.whatsappTemplates,
      routingSeconds: this.config.handoffRoutingSeconds,
      onReplyQueued: () => this.processing.wakeOutbox(),
      now: this.now,
    });
    app.use(handoffRoutes({ desk, feed: this.handoffFeed, sessionLive: (id) => auth.sessions.isLive(id), requireWorker, watchSession: (session, onEnded) => this.sessionEndings.watch(session, onEnded), heartbeatMs: this.options.eventsHeartbeatMs, timeZone: this.config.officeHours.timeZone }));
    app.use(consoleRoutes());

    if (this.simulatorReplies) {
      app.use(simulatorRoutes({ db: this.db, replies: this.simulatorReplies, onInbound }));
      app.get('/', (_req, res) => res.redirect('/simulator'));
    } else {
      app.get('/', (_req, res) => res.redirect('/console'));
    }
    app.use((_req, res) => {
      res.status(404).json({ error: 'not found' });
    });
    app.use(errorHandler(this.log));
    return app;
  }
}

/** Where a command on this machine reaches the server: loopback when it listens on every address. */
function loopbackUrl(address: AddressInfo): string {
  const host = address.address === '0.0.0.0' ? '127.0.0.1' : address.address === '::' ? '::1' : address.address;
  return `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
}
