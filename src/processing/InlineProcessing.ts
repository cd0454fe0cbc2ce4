import { EventEmitter } from 'node:events';
import type { Config } from '../config.ts';
import type { Database } from '../db/Database.ts';
import type { Logger } from '../log.ts';
import type { Processor, ProcessingHandle } from './Processor.ts';

/**
 * Runs the processing side (bot, turns, outbox) on this thread, loading it in `start`: the bot,
 * the NLU and its models take about half of the start-up, and the web side listens (and stores
 * webhooks) meanwhile. Families whose messages arrive before it is loaded are handed over once it
 * runs. Emits "reply" in simulator mode, as `ThreadProcessing` does.
 */
export class InlineProcessing extends EventEmitter implements ProcessingHandle {
  /** The processing side, once `start` has loaded it (tests reach the runner through it). */
  processor: Processor | undefined;
  /** Families whose messages arrived while the processing side was loading. */
  private readonly early = new Set<string>();
  private stopping = false;

  constructor(
    private readonly args: { config: Config; db: Database; log: Logger },
  ) {
    super();
  }

  get healthy(): boolean {
    return this.processor?.healthy ?? false;
  }

  /** Whether bot turns are queued or running on this thread (messages waiting to be answered). */
  get turnsWaiting(): boolean {
    return this.early.size > 0 || (this.processor?.runner.pending ?? 0) > 0;
  }

  schedule(contactId: string): void {
    if (this.processor?.healthy) this.processor.schedule(contactId);
    else this.early.add(contactId);
  }

  wakeOutbox(): void {
    // Before it runs there is nothing to wake: starting sends what waits in the outbox.
    this.processor?.wakeOutbox();
  }

  /** Loads the bot, the NLU and the outbox, resumes what a previous run left, then keeps going. */
  async start(): Promise<void> {
    const { config, db, log } = this.args;
    const [{ Processor }, { loadFlows }] = await Promise.all([import('./Processor.ts'), import('../conversation/loadFlows.ts')]);
    // Stopped while loading (a failed start-up): nothing to run.
    if (this.stopping) return;
    const processor = new Processor(config, db, log, loadFlows());
    processor.simulator?.on('reply', (reply) => this.emit('reply', reply));
    this.processor = processor;
    await processor.start();
    for (const contactId of this.early) processor.schedule(contactId);
    this.early.clear();
  }

  async stop(options: { flushMs?: number } = {}): Promise<void> {
    this.stopping = true;
    await this.processor?.stop(options);
  }
}
