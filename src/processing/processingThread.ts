import { readlinkSync } from 'node:fs';
import os from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { Database } from '../db/Database.ts';
import { useQueryCompilerModule } from '../prismaQueryCompiler.ts';
import { createLogger } from '../log.ts';
import { Processor } from './Processor.ts';
import type { ToThread, FromThread, ThreadData } from './ThreadProcessing.ts';

// The processing side in its own thread: its own database connections, bot, turns and outbox.
const { config, queryCompiler, flows } = workerData as ThreadData;
// This thread's Prisma client, on its first query (rare here: the common statements go through
// the pool), asks the web thread for the query compiler it compiles, and waits for it.
useQueryCompilerModule(
  () =>
    new Promise((resolve) => {
      queryCompiler.once('message', (module: WebAssembly.Module | undefined) => {
        queryCompiler.close();
        resolve(module);
      });
      queryCompiler.postMessage('query compiler');
    }),
);
const log = createLogger(config.logLevel).child({ thread: 'processing' });
const port = parentPort!;
const send = (message: FromThread) => port.postMessage(message);

// Acknowledging Twilio within its timeout matters more than a reply's few milliseconds: on
// Linux, let this thread yield the CPU to the web thread (nice +5 on this thread only).
try {
  const threadId = Number(readlinkSync('/proc/thread-self').split('/').pop());
  if (Number.isInteger(threadId)) os.setPriority(threadId, 5);
} catch {
  // Not Linux, or not allowed: the threads share the CPU equally.
}

const db = await Database.open({
  databaseUrl: config.databaseUrl,
  dataDir: config.dataDir,
  onConnectionError: (error) => log.warn({ err: error }, 'db: idle connection lost'),
});
const processor = new Processor(config, db, log, flows);
processor.simulator?.on('reply', (reply) => send({ type: 'reply', reply }));

port.on('message', (message: ToThread) => {
  if (message.type === 'start') {
    processor.start().then(
      () => send({ type: 'ready' }),
      (error: unknown) => {
        log.error({ err: error }, 'processing: start failed');
        // Ends this thread only: the web thread sees the exit.
        process.exit(1);
      },
    );
  }
  if (message.type === 'schedule') processor.schedule(message.contactId);
  if (message.type === 'wake-outbox') processor.wakeOutbox();
  if (message.type === 'stop') {
    processor
      .stop({ flushMs: message.flushMs })
      .then(() => db.close())
      .then(
        () => send({ type: 'stopped' }),
        (error: unknown) => {
          log.error({ err: error }, 'processing: unclean stop');
          send({ type: 'stopped' });
        },
      );
  }
});

// Loaded (the bot, the NLU and its models): processing starts when the web thread has migrated the
// database and says 'start'.
send({ type: 'loaded' });
