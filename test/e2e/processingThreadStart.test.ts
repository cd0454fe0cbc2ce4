import type { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { createLogger } from '../../src/log.ts';
import { ThreadProcessing } from '../../src/processing/ThreadProcessing.ts';

// The processing thread is created early and loads while the web thread migrates: if it dies
// before it is told to start, start-up must fail, not wait forever for a thread that is gone.
describe('starting the processing thread', () => {
  it('fails start() when the thread died while loading', async () => {
    // The pool connects lazily: no server is needed for the thread to load.
    const config = loadConfig({ DATABASE_URL: 'postgresql://postgres@127.0.0.1:1/none', LOG_LEVEL: 'silent', WORKER_THREAD: 'true' });
    const processing = new ThreadProcessing(config, createLogger('silent'));
    processing.load();
    await (processing as unknown as { thread: Worker }).thread.terminate();
    await expect(processing.start()).rejects.toThrow(/exited with \d+ while starting/);
    expect(processing.healthy).toBe(false);
    await processing.stop();
  });
});
