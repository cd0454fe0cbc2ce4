import { EventEmitter } from 'node:events';
import v8 from 'node:v8';
import { MessageChannel, type MessagePort, Worker } from 'node:worker_threads';
import type { Config } from '../config.ts';
import type { Flow } from '../conversation/flowSchema.ts';
import { loadFlows } from '../conversation/loadFlows.ts';
import { hasQueryCompilerFile, queryCompilerModule } from '../prismaQueryCompiler.ts';
import type { Logger } from '../log.ts';
import type { SimulatedReply } from '../simulator/SimulatorSender.ts';
import type { ProcessingHandle } from './Processor.ts';

/**
 * Semi-space size of the processing thread's young generation (MB; in this mode `npm start` gives
 * the web thread 1, scripts/semiSpaceSize.mjs). The turns allocate most: 2 MB cost the processing
 * side 0.865–0.867 ms of CPU per message against 0.721–0.747 (`bench/processingCpu.ts`); the web
 * thread's requests leave little alive, and its young generation, grown to 4 MB while loading,
 * stayed resident 10–15 s after start (issue 15; README, Memory).
 */
const PROCESSING_SEMI_SPACE_MB = 4;

// Compiled (`npm start` runs dist/): the thread loads processingThread.js as is. From the
// TypeScript sources (tests, `npm run dev`), a thread must register tsx itself first.
const THREAD_ENTRY = import.meta.url.endsWith('.ts') ? new URL('./threadEntry.mjs', import.meta.url) : new URL('./processingThread.js', import.meta.url);

export type ToThread = { type: 'start' } | { type: 'schedule'; contactId: string } | { type: 'wake-outbox' } | { type: 'stop'; flushMs: number | undefined };
export type FromThread = { type: 'loaded' } | { type: 'ready' } | { type: 'stopped' } | { type: 'reply'; reply: SimulatedReply };
/**
 * The thread's `workerData`. `queryCompiler` receives one message, this thread's compiled Prisma
 * query compiler (a WebAssembly.Module, or undefined if it could not be compiled): its own port, as
 * the thread's Prisma client may need it before the thread listens to its parent.
 */
export interface ThreadData {
  config: Config;
  queryCompiler: MessagePort;
  /** The conversation flows, read and validated here (`loadFlows`), so that the thread loads neither yaml nor zod. */
  flows: readonly Flow[];
}

/**
 * Runs the processing side (bot, turns, outbox) in a thread thread, so the main thread only
 * acknowledges webhooks and they stay fast under load. A thread that dies is restarted; the new
 * one resumes every unhandled message from the database. Emits "reply" in simulator mode.
 */
export class ThreadProcessing extends EventEmitter implements ProcessingHandle {
  private thread: Worker | undefined;
  /** Settles with the exit code when the current thread ends. */
  private exited: Promise<number> | undefined;
  private stopping = false;
  private ready = false;
  /** Families whose messages arrived while the thread was starting: handed over once it is ready. */
  private readonly early = new Set<string>();

  /** The flows, read once: a restarted thread gets the same ones. */
  private loadedFlows: readonly Flow[] | undefined;

  constructor(
    private readonly config: Config,
    private readonly log: Logger,
  ) {
    super();
  }

  /** The conversation flows, read and validated on the first call; throws `FlowFileError`. */
  private flows(): readonly Flow[] {
    return (this.loadedFlows ??= loadFlows());
  }

  get healthy(): boolean {
    return this.ready;
  }

  schedule(contactId: string): void {
    if (this.ready) this.thread?.postMessage({ type: 'schedule', contactId } satisfies ToThread);
    // Its start-up recovery may already have read the database: without this, a message stored
    // now would wait for the sweeper (5 to 10 s).
    else this.early.add(contactId);
  }

  wakeOutbox(): void {
    if (this.ready) this.thread?.postMessage({ type: 'wake-outbox' } satisfies ToThread);
  }

  /**
   * Starts the thread, which loads the bot, the NLU and its models and opens its database
   * connections, but processes nothing before `start`. Called early, it loads them on the
   * machine's other core while this thread opens and migrates the database.
   */
  load(): void {
    if (this.thread) return;
    // Its young generation: semi-spaces of PROCESSING_SEMI_SPACE_MB. V8 reads the flag when a
    // thread's heap is created, and a command-line --max-semi-space-size overrides a thread's
    // resourceLimits, so the flag is set here, after the web thread's heap took `npm start`'s.
    v8.setFlagsFromString(`--max-semi-space-size=${PROCESSING_SEMI_SPACE_MB}`);
    // Both threads' clients use the query compiler this thread compiles: a thread compiling the
    // file itself kept 2.5–3.6 MiB more resident (bench/queryCompilerSharing.mjs; README, Memory).
    // Compiled only when a client first needs it: the processing thread's asks (rarely: its common
    // statements go through the pool), the console's first query here.
    const { port1, port2 } = new MessageChannel();
    const thread = new Worker(THREAD_ENTRY, { workerData: { config: this.config, queryCompiler: port2, flows: this.flows() } satisfies ThreadData, transferList: [port2] });
    this.thread = thread;
    // None when the install left the client loading Prisma's own module (it warned why).
    if (!hasQueryCompilerFile()) this.log.warn('processing: no query_compiler.wasm: each thread loads Prisma\'s query compiler itself, 4.4 MiB more heap in each (`node scripts/prisma-generate.mjs` says why)');
    // Asked only by a client that loads the file (one left as Prisma wrote it never asks).
    port1.once('message', () => {
      queryCompilerModule().then(
        (module) => port1.postMessage(module),
        (error: unknown) => {
          // The thread then compiles its own, and fails the same way.
          this.log.error({ err: error }, 'processing: cannot compile the query compiler (`node scripts/prisma-generate.mjs` writes it)');
          port1.postMessage(undefined);
        },
      );
    });
    // Waiting for that request must not keep the process alive.
    port1.unref();
    this.exited = new Promise((resolve) => thread.once('exit', resolve));
    thread.on('error', (error) => this.log.error({ err: error }, 'processing: thread failed'));
    thread.on('message', (message: FromThread) => {
      if (message.type === 'reply') this.emit('reply', message.reply);
    });
  }

  /** Starts processing (loading the thread first unless `load` did): resumes unhandled work, then keeps going. */
  async start(): Promise<void> {
    this.load();
    const thread = this.thread!;
    const exited = this.exited!;
    const ready = new Promise<'ready'>((resolve) => {
      thread.on('message', (message: FromThread) => {
        if (message.type === 'ready') resolve('ready');
      });
    });
    thread.postMessage({ type: 'start' } satisfies ToThread);
    const outcome = await Promise.race([ready, exited]);
    if (outcome !== 'ready') throw new Error(`processing thread exited with ${outcome} while starting`);
    this.ready = true;
    for (const contactId of this.early) thread.postMessage({ type: 'schedule', contactId } satisfies ToThread);
    this.early.clear();
    void exited.then((code) => {
      this.ready = false;
      this.thread = undefined;
      if (this.stopping) return;
      this.log.error({ code }, 'processing: thread died; restarting');
      setTimeout(() => {
        if (!this.stopping) this.start().catch((error: unknown) => this.log.error({ err: error }, 'processing: restart failed'));
      }, 1000).unref();
    });
  }

  async stop(options: { flushMs?: number } = {}): Promise<void> {
    this.stopping = true;
    const thread = this.thread;
    if (!thread || !this.ready) {
      await thread?.terminate();
      return;
    }
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, (options.flushMs ?? 5000) + 10_000);
      thread.on('message', (message: FromThread) => {
        if (message.type === 'stopped') {
          clearTimeout(timer);
          resolve();
        }
      });
      thread.postMessage({ type: 'stop', flushMs: options.flushMs } satisfies ToThread);
    });
    this.ready = false;
    await thread.terminate();
  }
}
