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
import { Processor, type ProcessingHandle } from './processing/Processor.ts';
import { WorkerProcessing } from './processing/WorkerProcessing.ts';
import { simulatorRoutes } from './simulator/simulatorRoutes.ts';
import { errorHandler } from './http/HttpError.ts';

/**
 * The app: one express app that acknowledges webhooks, and the processing side (bot, turns,
 * outbox) either on the same thread or in a worker thread. `main.ts` starts it for real; tests
 * and the benchmark start it in-process.
 */
export class Service {
  readonly app: express.Express;
  /** The processing side when it runs on this thread (tests reach the runner through it). */
  readonly processor: Processor | undefined;
  private readonly processing: ProcessingHandle;
  /** Replies sent in simulator mode, for the simulator page. */
  private readonly simulatorReplies: EventEmitter | undefined;
  private server: http.Server | undefined;

  private constructor(
    readonly config: Config,
    readonly db: Database,
    readonly log: Logger,
  ) {
    if (config.workerThread) {
      const worker = new WorkerProcessing(config, log);
      this.processing = worker;
      this.simulatorReplies = config.simulator ? worker : undefined;
    } else {
      this.processor = new Processor(config, db, log);
      this.processing = this.processor;
      this.simulatorReplies = this.processor.simulator;
    }
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
      // First start: load the programs of the seed documents so the directory is never empty.
      if (await seedDirectoryIfEmpty(db)) log.info('directory: seeded from prisma/seed/directory.json');
      return new Service(config, db, log);
    } catch (error) {
      await db.close();
      throw error;
    }
  }

  /** Listens, then starts processing, which first resumes what a previous run left. */
  async start(): Promise<AddressInfo> {
    this.server = http.createServer(this.app);
    this.server.keepAliveTimeout = 65_000;
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(this.config.port, this.config.host, () => resolve());
    });
    await this.processing.start();
    const address = this.server.address() as AddressInfo;
    this.log.info(
      { port: address.port, host: address.address, mode: this.config.twilio ? 'twilio' : 'simulator', database: this.db.kind, workerThread: this.config.workerThread },
      'bienvenue: listening',
    );
    return address;
  }

  /** Graceful stop: refuse new requests, finish turns, flush the outbox briefly, close the database. */
  async stop(options: { flushMs?: number } = {}): Promise<void> {
    const server = this.server;
    const closed = server ? new Promise<void>((resolve) => server.close(() => resolve())) : Promise.resolve();
    server?.closeIdleConnections();
    await this.processing.stop({ flushMs: options.flushMs ?? 5000 });
    server?.closeAllConnections();
    await closed;
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
        const ready = status.pending.length === 0 && status.failed.length === 0 && this.processing.healthy;
        const reason = status.pending.length > 0 || status.failed.length > 0 ? 'migrations pending' : 'processing not running';
        res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : reason, database: this.db.kind, pending: status.pending });
      } catch {
        res.status(503).json({ status: 'database unreachable', database: this.db.kind });
      }
    });

    const onInbound = (contactId: string) => this.processing.schedule(contactId);
    app.use(twilioRoutes({ db: this.db, log: this.log, authToken: this.config.twilio?.authToken, publicBaseUrl: this.config.publicBaseUrl, onInbound }));
    if (this.simulatorReplies) {
      app.use(simulatorRoutes({ db: this.db, replies: this.simulatorReplies, onInbound }));
      app.get('/', (_req, res) => res.redirect('/simulator'));
    }
    app.use((_req, res) => {
      res.status(404).json({ error: 'not found' });
    });
    app.use(errorHandler(this.log));
    return app;
  }
}
