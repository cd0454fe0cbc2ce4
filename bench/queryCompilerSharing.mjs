// What a thread's own copy of Prisma's query compiler costs, against the module compiled once and
// posted to it (src/processing/ThreadProcessing.ts): starts THREADS worker threads (default 6) that
// each compile src/generated/prisma/internal/query_compiler.wasm themselves ("own"), receive the
// main thread's compiled module ("shared"), or hold nothing ("none"), collects their garbage, and
// prints what they added to the process's VmRSS in MiB, the three modes alternated ROUNDS times
// (default 3), each in a fresh process. Run as
// `npm start` runs the app: `node --expose-gc --liftoff-only bench/queryCompilerSharing.mjs`.
/* global WebAssembly */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { setTimeout } from 'node:timers/promises';
import { URL, fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

const FILE = new URL('../src/generated/prisma/internal/query_compiler.wasm', import.meta.url);
const threads = Number(process.env.THREADS ?? 6);
const rounds = Number(process.env.ROUNDS ?? 3);
if (typeof globalThis.gc !== 'function') throw new Error('run with node --expose-gc');

const THREAD = `
const { parentPort, workerData } = require('node:worker_threads');
const { readFileSync } = require('node:fs');
(async () => {
  const { mode, file, module } = workerData;
  globalThis.kept = mode === 'own' ? await WebAssembly.compile(readFileSync(new URL(file))) : module;
  gc();
  gc();
  parentPort.postMessage('ready');
  // Stays alive, idle, until the process exits.
  setInterval(() => {}, 60_000);
})();`;

const residentMiB = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))[1]) / 1024;

const mode = process.argv[2];
if (mode === undefined) {
  // Each measurement in a fresh process: memory freed by one mode's threads would serve the next.
  const results = { none: [], own: [], shared: [] };
  for (let round = 0; round < rounds; round++) {
    for (const each of Object.keys(results)) {
      const child = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), each], { encoding: 'utf8' });
      if (child.status !== 0) throw new Error(child.stderr);
      results[each].push(Number(child.stdout.trim()));
    }
  }
  console.log(`VmRSS added by ${threads} idle threads, MiB (one figure per fresh process):`);
  for (const [each, figures] of Object.entries(results)) console.log(`  ${each.padEnd(6)} ${figures.join('  ')}`);
} else {
  // The main thread compiles it in every mode: it always holds a client.
  const compiled = await WebAssembly.compile(readFileSync(FILE));
  globalThis.gc();
  await setTimeout(100);
  const before = residentMiB();
  for (let i = 0; i < threads; i++) {
    const worker = new Worker(THREAD, { eval: true, workerData: { mode, file: FILE.href, module: mode === 'shared' ? compiled : undefined } });
    await new Promise((resolve) => worker.once('message', resolve));
    worker.unref();
  }
  console.log(Math.round((residentMiB() - before) * 10) / 10);
  process.exit(0);
}
