import type { Botkit } from 'botkit';
import type { Config } from '../config.ts';
import type { Database } from '../db/Database.ts';
import type { Logger } from '../log.ts';
import { TwilioAdapter } from '../channels/twilio/TwilioAdapter.ts';
import { TwilioSender } from '../channels/twilio/TwilioSender.ts';
import { senderFor } from '../channels/twilio/senderFor.ts';
import { OutboundComposer } from '../outbox/OutboundComposer.ts';
import { createBot } from '../bot/createBot.ts';
import { TurnRunner } from '../bot/TurnRunner.ts';
import { OutboxDispatcher } from '../outbox/OutboxDispatcher.ts';
import { SenderPacer } from '../outbox/SenderPacer.ts';
import type { MessageSender } from '../outbox/MessageSender.ts';
import { SimulatorSender } from '../simulator/SimulatorSender.ts';
import { purgeExpiredData } from '../privacy/purgeExpiredData.ts';

/** What the web side asks of the processing side, inline or in a worker thread. */
export interface ProcessingHandle {
  /** A family has a new stored message. */
  schedule(contactId: string): void;
  /** New rows wait in the outbox (a worker's reply from the console). */
  wakeOutbox(): void;
  start(): Promise<void>;
  stop(options?: { flushMs?: number }): Promise<void>;
  /** Whether turns and sends are being processed now. */
  readonly healthy: boolean;
}

/**
 * Everything after a message is stored: the Botkit bot, the turn runner and the outbox.
 * Runs on the main thread (embedded database) or in a worker thread (PostgreSQL).
 */
export class Processor implements ProcessingHandle {
  readonly runner: TurnRunner;
  readonly dispatcher: OutboxDispatcher;
  readonly controller: Botkit;
  /** Replies "sent" in simulator mode (no Twilio credentials). */
  readonly simulator: SimulatorSender | undefined;
  healthy = false;

  constructor(
    readonly config: Config,
    readonly db: Database,
    readonly log: Logger,
  ) {
    const composer = new OutboundComposer({ gsm7ForSms: config.smsGsm7, senderFor: (to, fallback) => senderFor(config.twilio, to, fallback) });
    const adapter = new TwilioAdapter(db, composer);
    this.controller = createBot({ db, adapter, log, officeHours: config.officeHours, gsm7ForSms: config.smsGsm7 });
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
      // The turn's replies go straight to this instance's outbox, unless older ones of the family
      // are still unsent or the sender is booked far ahead: then they wait for a claim.
      startSending: () => (pacer.backlogMs() < config.outboxLeaseSeconds * 500 ? { leaseSeconds: config.outboxLeaseSeconds } : undefined),
      onTurnCommitted: ({ started, queued }) => {
        this.dispatcher.sendReserved(started);
        if (queued > 0) this.dispatcher.wakeAfterSends();
      },
    });
  }

  schedule(contactId: string): void {
    this.runner.schedule(contactId);
  }

  wakeOutbox(): void {
    this.dispatcher.wake();
  }

  /** Resumes what a previous run left (unhandled messages, unsent replies), then keeps going. */
  async start(): Promise<void> {
    if (this.db.kind === 'pglite') {
      const released = await this.dispatcher.releaseOrphans();
      if (released > 0) this.log.warn({ released }, 'outbox: resending replies interrupted by a crash');
    }
    this.dispatcher.start();
    const recovered = await this.runner.recover();
    if (recovered > 0) this.log.info({ contacts: recovered }, 'turns: resuming unhandled messages');
    this.runner.startSweeper();
    this.startRetention();
    this.healthy = true;
  }

  private retention: NodeJS.Timeout | undefined;

  /** Deletes what the privacy notice says is kept no longer than 12 months: at start, then every 6 hours. */
  private startRetention(): void {
    const purge = () =>
      purgeExpiredData(this.db)
        .then((report) => {
          if (report.messages + report.events + report.profiles + report.handoffs > 0) this.log.info(report, 'privacy: expired data deleted');
        })
        .catch((error: unknown) => this.log.error({ err: error }, 'privacy: retention purge failed'));
    void purge();
    this.retention = setInterval(purge, 6 * 3600_000);
    this.retention.unref();
  }

  /** Finishes the turns under way and sends what is ready for at most `flushMs`. */
  async stop(options: { flushMs?: number } = {}): Promise<void> {
    this.healthy = false;
    clearInterval(this.retention);
    await this.runner.stop();
    await this.dispatcher.stop({ flushMs: options.flushMs ?? 5000 });
  }
}
