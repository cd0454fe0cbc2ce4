import { EventEmitter } from 'node:events';
import { Worker } from 'node:worker_threads';
import type { Config } from '../config.ts';
import type { Logger } from '../log.ts';
import type { SimulatedReply } from '../simulator/SimulatorSender.ts';
import type { ProcessingHandle } from './Processor.ts';

// Compiled (`npm start` runs dist/): the worker loads processingWorker.js as is. From the
// TypeScript sources (tests, `npm run dev`), a worker must register tsx itself first.
const WORKER_ENTRY = import.meta.url.endsWith('.ts') ? new URL('./workerEntry.mjs', import.meta.url) : new URL('./processingWorker.js', import.meta.url);

export type ToWorker = { type: 'start' } | { type: 'schedule'; contactId: string } | { type: 'wake-outbox' } | { type: 'stop'; flushMs: number | undefined };
export type FromWorker = { type: 'loaded' } | { type: 'ready' } | { type: 'stopped' } | { type: 'reply'; reply: SimulatedReply };

/**
 * Runs the processing side (bot, turns, outbox) in a worker thread, so the main thread only
 * acknowledges webhooks and they stay fast under load. A worker that dies is restarted; the new
 * one resumes every unhandled message from the database. Emits "reply" in simulator mode.
 */
export class WorkerProcessing extends EventEmitter implements ProcessingHandle {
  private worker: Worker | undefined;
  /** Settles with the exit code when the current worker ends. */
  private exited: Promise<number> | undefined;
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

  /**
   * Starts the thread, which loads the bot, the NLU and its models and opens its database
   * connections, but processes nothing before `start`. Called early, it loads them on the
   * machine's other core while this thread opens and migrates the database.
   */
  load(): void {
    if (this.worker) return;
    // Its young generation is the process's (`npm start` sets --max-semi-space-size=4, which
    // overrides a worker's resourceLimits): the former 64 MB one kept tens of MB resident after
    // start-up, for no measurable CPU per message saved (7.8 vs 7.8 ms at 60 messages/s).
    const worker = new Worker(WORKER_ENTRY, { workerData: this.config });
    this.worker = worker;
    this.exited = new Promise((resolve) => worker.once('exit', resolve));
    worker.on('error', (error) => this.log.error({ err: error }, 'processing: worker failed'));
    worker.on('message', (message: FromWorker) => {
      if (message.type === 'reply') this.emit('reply', message.reply);
    });
  }

  /** Starts processing (loading the thread first unless `load` did): resumes unhandled work, then keeps going. */
  async start(): Promise<void> {
    this.load();
    const worker = this.worker!;
    const exited = this.exited!;
    const ready = new Promise<'ready'>((resolve) => {
      worker.on('message', (message: FromWorker) => {
        if (message.type === 'ready') resolve('ready');
      });
    });
    worker.postMessage({ type: 'start' } satisfies ToWorker);
    const outcome = await Promise.race([ready, exited]);
    if (outcome !== 'ready') throw new Error(`processing worker exited with ${outcome} while starting`);
    this.ready = true;
    for (const contactId of this.early) worker.postMessage({ type: 'schedule', contactId } satisfies ToWorker);
    this.early.clear();
    void exited.then((code) => {
      this.ready = false;
      this.worker = undefined;
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
