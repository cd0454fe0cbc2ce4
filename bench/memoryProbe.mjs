// Run by bench/memoryBreakdown.ts as `node --expose-gc bench/memoryProbe.mjs`, on the compiled app
// (dist/): plain node, as `npm start` runs it, so no transpiler is measured. Prints one JSON array.
import { setTimeout } from 'node:timers/promises';
import { URL } from 'node:url';
import { Worker } from 'node:worker_threads';

const dist = new URL('../dist/', import.meta.url);
const load = (path) => import(new URL(path, dist).href);
const MB = 1024 * 1024;
const steps = [];
let last = await snapshot();

async function snapshot() {
  // Twice: finalizers of the first collection free more on the second.
  globalThis.gc();
  await setTimeout(50);
  globalThis.gc();
  const usage = process.memoryUsage();
  return { rss: usage.rss, heap: usage.heapUsed, external: usage.external };
}

async function step(name, work) {
  await work();
  const now = await snapshot();
  steps.push({
    step: name,
    rssMb: round((now.rss - last.rss) / MB),
    heapMb: round((now.heap - last.heap) / MB),
    externalMb: round((now.external - last.external) / MB),
  });
  last = now;
}

function round(value) {
  return Math.round(value * 10) / 10;
}

steps.push({ step: 'node itself (process start)', rssMb: round(last.rss / MB), heapMb: round(last.heap / MB), externalMb: round(last.external / MB) });

const { loadConfig } = await load('config.js');
const { createLogger } = await load('log.js');
const config = loadConfig({ ...process.env, WORKER_THREAD: 'false' });
const log = createLogger('warn');
let Database;
await step('express, pino, zod, configuration', async () => {
  await import('express');
  ({ Database } = await load('db/Database.js'));
});
let db;
await step(config.databaseUrl ? 'Prisma client over pg (pool of 10)' : 'PGlite (WebAssembly PostgreSQL) opened, with its Prisma client', async () => {
  db = await Database.open({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  // Creates the tables on a new database; on an existing one, only reads what was applied.
  await (await load('db/migrate.js')).migrate(db);
});
await step("Prisma's query compiler (WebAssembly, loaded by the first query)", async () => {
  await db.prisma.contact.count();
});
await step('i18n resources (4 languages)', async () => {
  await load('i18n.js');
});
let flows;
await step('web side: routes, auth, console, handoff desk, the flows read and checked (the web thread stops here)', async () => {
  await load('Service.js');
  // The web thread reads and validates flows/*.yaml and hands them to the processing side.
  flows = (await load('conversation/loadFlows.js')).loadFlows();
});
await step('Botkit and botbuilder (what the app uses: the rest is deferred)', async () => {
  // As the processing side loads it: processing/Processor.js imports this first.
  await load('turn/deferUnusedBotkitModules.js');
  await import('botkit');
});
await step('NLU: four fastText models (one WebAssembly instance)', async () => {
  await load('nlu/models.js');
});
let Processor;
await step('bot, flows, NLU rules, outbox modules', async () => {
  ({ Processor } = await load('processing/Processor.js'));
});
await step('Processor built (flows compiled into Botkit dialogs)', async () => {
  new Processor(config, db, log, flows);
});
await step('recognizers-text number models fr/en/es (first compound number)', async () => {
  const { recognizers } = await load('nlu/recognizers.js');
  for (const culture of ['fr-fr', 'en-us', 'es-es']) recognizers.number(culture).parse('vingt-deux twenty two veintidós');
});
await step('recognizers-text date models fr/en/es (first date)', async () => {
  const { recognizers } = await load('nlu/recognizers.js');
  for (const culture of ['fr-fr', 'en-us', 'es-es']) recognizers.dateTime(culture).parse('le 15 mars, march 15, 15 de marzo', new Date());
});
await step('directory index (first search)', async () => {
  const { searchDirectory } = await load('directory/searchDirectory.js');
  await searchDirectory(db, { need: 'prenatal', language: 'fr' });
});
await step('an empty worker thread (isolate and Node environment)', async () => {
  const worker = new Worker('setInterval(() => {}, 1000)', { eval: true });
  await new Promise((resolve) => worker.once('online', resolve));
  globalThis.probeWorker = worker;
});
await globalThis.probeWorker.terminate();
await db.close();
process.stdout.write(JSON.stringify(steps));
process.exit(0);
