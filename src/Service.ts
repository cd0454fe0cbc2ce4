import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import type { Botkit } from 'botkit';
import type { Config } from './config.ts';
import { Database } from './db/Database.ts';
import { migrate, migrationStatus } from './db/migrate.ts';
import type { Logger } from './log.ts';
import { TwilioAdapter } from './channels/twilio/TwilioAdapter.ts';
import { TwilioSender } from './channels/twilio/TwilioSender.ts';
import { twilioRoutes } from './channels/twilio/twilioRoutes.ts';
import { createBot } from './bot/createBot.ts';
import { TurnRunner } from './bot/TurnRunner.ts';
import { OutboxDispatcher } from './outbox/OutboxDispatcher.ts';
import { SenderPacer } from './outbox/SenderPacer.ts';
import type { MessageSender } from './outbox/MessageSender.ts';
import { SimulatorSender } from './simulator/SimulatorSender.ts';
import { simulatorRoutes } from './simulator/simulatorRoutes.ts';
import { errorHandler } from './http/HttpError.ts';

/**
 * The whole app in one object: database, bot, turn runner, outbox and one express app.
 * `main.ts` starts it for real; tests and the benchmark start it in-process.
 */
export class Service {
  readonly app: express.Express;
  readonly runner: TurnRunner;
  readonly dispatcher: OutboxDispatcher;
  readonly controller: Botkit;
  /** Present in simulator mode (no Twilio credentials). */
  readonly simulator: SimulatorSender | undefined;
  private server: http.Server | undefined;

  private constructor(
    readonly config: Config,
    readonly db: Database,
    readonly log: Logger,
  ) {
    const adapter = new TwilioAdapter(db, {
      smsFrom: config.twilio?.smsFrom,
      messagingServiceSid: config.twilio?.messagingServiceSid,
      whatsappFrom: config.twilio?.whatsappFrom,
    });
    this.controller = createBot({ db, adapter, log });
    this.simulator = config.twilio ? undefined : new SimulatorSender();
    const sender: MessageSender = config.twilio ? new TwilioSender(config.twilio) : this.simulator!;
    // The simulator has no carrier to protect: no pacing there.
    const pacer = new SenderPacer((from) =>
      !config.twilio ? Infinity : from.startsWith('whatsapp:') ? config.pacing.whatsappPerSecond : config.pacing.smsPerSecond,
    );
    this.dispatcher = new OutboxDispatcher({
      db,
      sender,
      pacer,
      log,
      leaseMs: config.outboxLeaseSeconds * 1000,
      statusCallbackUrl: config.twilio ? (messageId) => `${config.publicBaseUrl}/webhooks/twilio/status?m=${messageId}` : undefined,
    });
    this.runner = new TurnRunner({
      db,
      adapter,
      handleTurn: (context) => this.controller.handleTurn(context),
      log,
      onTurnCommitted: () => this.dispatcher.wake(),
    });
    this.app = this.buildApp();
  }

  /** Opens the database (migrating it unless AUTO_MIGRATE=false) and builds the service. */
  static async create(config: Config, log: Logger): Promise<Service> {
    const db = await Database.open({
      databaseUrl: config.databaseUrl,
      dataDir: config.dataDir,
      onConnectionError: (error) => log.warn({ err: error }, 'db: idle connection lost'),
    });
    try {
      if (config.autoMigrate) {
        const applied = await migrate(db);
        if (applied.length > 0) log.info({ applied }, 'db: migrations applied');
      }
      return new Service(config, db, log);
    } catch (error) {
      await db.close();
      throw error;
    }
  }

  /** Listens, then resumes work a previous run left: unhandled messages and unsent replies. */
  async start(): Promise<AddressInfo> {
    this.server = http.createServer(this.app);
    this.server.keepAliveTimeout = 65_000;
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(this.config.port, this.config.host, () => resolve());
    });
    if (this.db.kind === 'pglite') {
      const released = await this.dispatcher.releaseOrphans();
      if (released > 0) this.log.warn({ released }, 'outbox: resending replies interrupted by a crash');
    }
    this.dispatcher.start();
    const recovered = await this.runner.recover();
    if (recovered > 0) this.log.info({ contacts: recovered }, 'turns: resuming unhandled messages');
    this.runner.startSweeper();
    const address = this.server.address() as AddressInfo;
    this.log.info({ port: address.port, host: address.address, mode: this.config.twilio ? 'twilio' : 'simulator', database: this.db.kind }, 'bienvenue: listening');
    return address;
  }

  /** Graceful stop: refuse new requests, finish turns, flush the outbox briefly, close the database. */
  async stop(options: { flushMs?: number } = {}): Promise<void> {
    const server = this.server;
    if (server) {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      await this.runner.stop();
      await this.dispatcher.stop({ flushMs: options.flushMs ?? 5000 });
      server.closeAllConnections();
      await closed;
    } else {
      await this.runner.stop();
      await this.dispatcher.stop();
    }
    await this.db.close();
    this.log.info('bienvenue: stopped');
  }

  private buildApp(): express.Express {
    const app = express();
    app.disable('x-powered-by');
    app.set('trust proxy', 'loopback');

    app.get('/healthz', (_req, res) => {
      res.json({ status: 'ok' });
    });
    app.get('/readyz', async (_req, res) => {
      try {
        const status = await migrationStatus(this.db);
        const ready = status.pending.length === 0 && status.failed.length === 0;
        res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'migrations pending', database: this.db.kind, pending: status.pending });
      } catch {
        res.status(503).json({ status: 'database unreachable', database: this.db.kind });
      }
    });

    const onInbound = (contactId: string) => this.runner.schedule(contactId);
    app.use(twilioRoutes({ db: this.db, log: this.log, authToken: this.config.twilio?.authToken, publicBaseUrl: this.config.publicBaseUrl, onInbound }));
    if (this.simulator) {
      app.use(simulatorRoutes({ db: this.db, sender: this.simulator, onInbound }));
      app.get('/', (_req, res) => res.redirect('/simulator'));
    }
    app.use((_req, res) => {
      res.status(404).json({ error: 'not found' });
    });
    app.use(errorHandler(this.log));
    return app;
  }
}
