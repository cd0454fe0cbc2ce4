// Run by `npm start` (package.json) to choose the main thread's young generation before node
// starts it: prints V8's --max-semi-space-size in MB. The main thread only answers webhooks and the
// console when the bot runs in its own thread (PostgreSQL): 1 MB, as its requests leave little
// alive and the larger young generation its loading grew stayed resident (8 MiB idle). When the
// main thread also runs the bot (the embedded database, or WORKER_THREAD=false) its turns allocate
// most: 4 MB, as the processing thread has (src/processing/ThreadProcessing.ts). Embedded, 1 MB
// cost 9.3–10.7 ms of CPU per message against 8.9–9.1 and ack p99 630–643 ms against 367–370 at
// 200 messages/s (`BENCH_ONLY=embedded BENCH_RUNS=1 npm run bench`, alternated, 1 December).
// Reads the configuration as the app does (.env, then the environment); with a configuration the
// app will refuse anyway, 4: the app reports the problem.
import { loadConfig, loadDotEnv } from '../dist/config.js';

let size = 4;
try {
  loadDotEnv();
  if (loadConfig().processingThread) size = 1;
} catch {
  // The app itself says what is wrong with the configuration.
}
process.stdout.write(String(size));
