import { EventEmitter } from 'node:events';
import { Worker } from 'node:worker_threads';
import type { Config } from '../config.ts';
import type { Logger } from '../log.ts';
import type { SimulatedReply } from '../simulator/SimulatorSender.ts';
import type { ProcessingHandle } from './Processor.ts';

export type ToWorker = { type: 'schedule'; contactId: string } | { type: 'wake-outbox' } | { type: 'stop'; flushMs: number | undefined };
export type FromWorker = { type: 'ready' } | { type: 'stopped' } | { type: 'reply'; reply: SimulatedReply };

/**
 * Runs the processing side (bot, turns, outbox) in a worker thread, so the main thread only
 * acknowledges webhooks and they stay fast under load. A worker that dies is restarted; the new
 * one resumes every unhandled message from the database. Emits "reply" in simulator mode.
 */
export class WorkerProcessing extends EventEmitter implements ProcessingHandle {
  private worker: Worker | undefined;
  private stopping = false;
  private ready = false;
  /** Families whose messages arrived while the worker was starting: handed over once it is ready. */
  private readonly early = new Set<string>();

  constructor(
    private readonly config: Config,
    private readonly log: Logger,
  ) {
    super();
  }

  get healthy(): boolean {
    return this.ready;
  }

  schedule(contactId: string): void {
    if (this.ready) this.worker?.postMessage({ type: 'schedule', contactId } satisfies ToWorker);
    // Its start-up recovery may already have read the database: without this, a message stored
    // now would wait for the sweeper (5 to 10 s).
    else this.early.add(contactId);
  }

  wakeOutbox(): void {
    if (this.ready) this.worker?.postMessage({ type: 'wake-outbox' } satisfies ToWorker);
  }

  async start(): Promise<void> {
    // A larger young generation: the bot's short-lived objects die there instead of being
    // promoted, so the processing thread spends less time in GC and has shorter pauses.
    this.worker = new Worker(new URL('./workerEntry.mjs', import.meta.url), { workerData: this.config, resourceLimits: { maxYoungGenerationSizeMb: 64 } });
    const worker = this.worker;
    await new Promise<void>((resolve, reject) => {
      const onExit = (code: number) => reject(new Error(`processing worker exited with ${code} while starting`));
      worker.once('exit', onExit);
      worker.on('message', (message: FromWorker) => {
        if (message.type === 'ready') {
          this.ready = true;
          worker.off('exit', onExit);
          for (const contactId of this.early) worker.postMessage({ type: 'schedule', contactId } satisfies ToWorker);
          this.early.clear();
          resolve();
        }
        if (message.type === 'reply') this.emit('reply', message.reply);
      });
      worker.on('error', (error) => this.log.error({ err: error }, 'processing: worker failed'));
    });
    worker.on('exit', (code) => {
      this.ready = false;
      if (this.stopping) return;
      this.log.error({ code }, 'processing: worker died; restarting');
      setTimeout(() => {
        if (!this.stopping) this.start().catch((error: unknown) => this.log.error({ err: error }, 'processing: restart failed'));
      }, 1000).unref();
    });
  }

  async stop(options: { flushMs?: number } = {}): Promise<void> {
    this.stopping = true;
    const worker = this.worker;
    if (!worker || !this.ready) {
      await worker?.terminate();
      return;
    }
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, (options.flushMs ?? 5000) + 10_000);
      worker.on('message', (message: FromWorker) => {
        if (message.type === 'stopped') {
          clearTimeout(timer);
          resolve();
        }
      });
      worker.postMessage({ type: 'stop', flushMs: options.flushMs } satisfies ToWorker);
    });
    this.ready = false;
    await worker.terminate();
  }
}
