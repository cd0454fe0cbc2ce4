// First: Botkit's dependencies that the app never runs are deferred before Botkit loads.
import '../turn/deferUnusedBotkitModules.ts';
import type { Botkit } from 'botkit';
import type { Config } from '../config.ts';
import type { Flow } from '../conversation/flowSchema.ts';
import type { Database } from '../db/Database.ts';
import type { Logger } from '../log.ts';
import { TwilioAdapter } from '../channels/twilio/TwilioAdapter.ts';
import { TwilioSender } from '../channels/twilio/TwilioSender.ts';
import { senderFor } from '../channels/twilio/senderFor.ts';
import { statusCallbackUrl } from '../channels/twilio/statusCallback.ts';
import { OutboundComposer } from '../outbox/OutboundComposer.ts';
import { createBot } from '../bot/createBot.ts';
import { TurnRunner } from '../bot/TurnRunner.ts';
import { OutboxDispatcher } from '../outbox/OutboxDispatcher.ts';
import { SenderPacer } from '../outbox/SenderPacer.ts';
import type { MessageSender } from '../outbox/MessageSender.ts';
import { SimulatorSender } from '../simulator/SimulatorSender.ts';
import { purgeExpiredData } from '../privacy/purgeExpiredData.ts';
import { InstanceLiveness } from './InstanceLiveness.ts';
import { DEFAULT_LOOP_GUARD, LoopGuard, stopOnTwilioLoop } from '../bot/LoopGuard.ts';
import { TWILIO_MESSAGE_LOOP, type SendError } from '../outbox/MessageSender.ts';
import type { OutboxJob } from '../outbox/OutboxDispatcher.ts';

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
  /** Which instances sharing PostgreSQL are alive (none on the embedded database: one process owns it). */
  readonly liveness: InstanceLiveness | undefined;
  healthy = false;

  constructor(
    readonly config: Config,
    readonly db: Database,
    readonly log: Logger,
    /** The conversation flows, as `loadFlows` returns them. */
    flows: readonly Flow[],
  ) {
    const composer = new OutboundComposer({ gsm7ForSms: config.smsGsm7, senderFor: (to, fallback) => senderFor(config.twilio, to, fallback) });
    const adapter = new TwilioAdapter(composer);
    this.controller = createBot({ db, adapter, log, flows, officeHours: config.officeHours, gsm7ForSms: config.smsGsm7 });
    this.simulator = config.twilio ? undefined : new SimulatorSender();
    const sender: MessageSender = config.twilio ? new TwilioSender(config.twilio) : this.simulator!;
    // The simulator has no carrier to protect: no pacing there.
    const pacer = new SenderPacer((from) =>
      !config.twilio ? Infinity : from.startsWith('whatsapp:') ? config.pacing.whatsappPerSecond : config.pacing.smsPerSecond,
    );
    this.liveness = db.kind === 'postgres' ? new InstanceLiveness(db, log) : undefined;
    const owner = () => this.liveness?.key;
    this.dispatcher = new OutboxDispatcher({
      db,
      owner,
      sender,
      pacer,
      log,
      leaseMs: config.outboxLeaseSeconds * 1000,
      statusCallbackUrl: config.twilio ? (messageId) => statusCallbackUrl(config.publicBaseUrl, messageId) : undefined,
    });
    // Twilio refusing a reply for a message loop (14107) stops the bot for that family.
    this.dispatcher.on('failed', (job: OutboxJob, error: SendError) => {
      if (error.code !== TWILIO_MESSAGE_LOOP) return;
      stopOnTwilioLoop(db.prisma, job.contactId).then(
        (dropped) => log.warn({ contactId: job.contactId, dropped }, 'loop guard: Twilio reports a message loop (14107); the bot stopped for the family'),
        (error: unknown) => log.error({ err: error }, 'loop guard: could not record Twilio 14107'),
      );
    });
    this.runner = new TurnRunner({
      db,
      loopGuard: config.loopGuard
        ? new LoopGuard({ ...DEFAULT_LOOP_GUARD, repeats: config.loopGuard.repeats, maxReplies: config.loopGuard.repliesPerMinute })
        : undefined,
      adapter,
      handleTurn: (context) => this.controller.handleTurn(context),
      log,
      // The turn's replies go straight to this instance's outbox, unless older ones of the family
      // are still unsent (other than those this instance is sending: they follow them) or the sender
      // is booked far ahead: then they wait for a claim.
      startSending: () => (pacer.backlogMs() < config.outboxLeaseSeconds * 500 ? { leaseSeconds: config.outboxLeaseSeconds, owner: owner(), afterOwn: true } : undefined),
      onTurnCommitted: ({ started, behind, queued }) => {
        this.dispatcher.sendReserved(started, { behind });
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
    if (this.liveness) {
      // Instances that died (this one's previous run included) hand back what they reserved, and
      // their unhandled messages are resumed: at once here, then within a second of any death.
      await this.liveness.join();
      await this.liveness.start({
        onDeath: () => {
          this.dispatcher.wake();
          this.runner.recover().catch((error: unknown) => this.log.error({ err: error }, 'turns: could not resume a dead instance’s messages'));
        },
      });
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
    await this.liveness?.stop();
  }
}
