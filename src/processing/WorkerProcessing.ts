import { EventEmitter } from 'node:events';
import { Worker } from 'node:worker_threads';
import type { Config } from '../config.ts';
import type { Logger } from '../log.ts';
import type { SimulatedReply } from '../simulator/SimulatorSender.ts';
import type { ProcessingHandle } from './Processor.ts';

// Compiled (`npm start` runs dist/): the worker loads processingWorker.js as is. From the
// TypeScript sources (tests, `npm run dev`), a worker must register tsx itself first.
const WORKER_ENTRY = import.meta.url.endsWith('.ts') ? new URL('./workerEntry.mjs', import.meta.url) : new URL('./processingWorker.js', import.meta.url);

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
    // Before the worker is ready its start-up recovery picks the message up from the database.
    if (this.ready) this.worker?.postMessage({ type: 'schedule', contactId } satisfies ToWorker);
  }

  wakeOutbox(): void {
    if (this.ready) this.worker?.postMessage({ type: 'wake-outbox' } satisfies ToWorker);
  }

  async start(): Promise<void> {
    // A larger young generation: the bot's short-lived objects die there instead of being
    // promoted, so the processing thread spends less time in GC and has shorter pauses.
    this.worker = new Worker(WORKER_ENTRY, { workerData: this.config, resourceLimits: { maxYoungGenerationSizeMb: 64 } });
    const worker = this.worker;
    await new Promise<void>((resolve, reject) => {
      const onExit = (code: number) => reject(new Error(`processing worker exited with ${code} while starting`));
      worker.once('exit', onExit);
      worker.on('message', (message: FromWorker) => {
        if (message.type === 'ready') {
          this.ready = true;
          worker.off('exit', onExit);
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
