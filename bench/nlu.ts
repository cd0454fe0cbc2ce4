import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { findAges } from '../src/nlu/ages.ts';
import { analyze } from '../src/nlu/index.ts';
import { MODELS } from '../src/nlu/models.ts';
import { prepareText } from '../src/nlu/text.ts';

/**
 * Times `analyze` on every message of the labelled set (no date expected), after a warm-up
 * round, and returns latency percentiles in milliseconds. Target: p99 < 5 ms. Each message is read
 * afresh: given the shipped models explicitly, `analyze` does not answer from its memory of texts
 * read a moment ago (which would time a map lookup from the second round on).
 */
export async function benchNlu(): Promise<{ p50: number; p95: number; p99: number; perSecond: number; samples: number }> {
  const messages = labelledMessages();
  // Warm-up: lazily built models and the JIT, as a running bot would have them.
  for (const message of messages) analyze(message, { models: MODELS });
  const timings: number[] = [];
  const started = performance.now();
  for (let round = 0; round < 10; round++) {
    for (const message of messages) {
      const start = performance.now();
      analyze(message, { models: MODELS });
      timings.push(performance.now() - start);
    }
    // Let other work (a benchmark harness, timers) run between rounds.
    await new Promise((resolve) => setImmediate(resolve));
  }
  const elapsed = performance.now() - started;
  timings.sort((a, b) => a - b);
  const at = (quantile: number): number => round(timings[Math.min(timings.length - 1, Math.floor(quantile * timings.length))] ?? 0);
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99), perSecond: Math.round((timings.length / elapsed) * 1000), samples: timings.length };
}

/**
 * The age reader's share of `analyze`: `findAges` (candidates, the age model on each, lists and twins)
 * on every message of the labelled set, already folded, ten rounds after a warm-up; milliseconds per message.
 */
export function benchAges(): { mean: number; p99: number; samples: number } {
  const model = MODELS?.ages;
  if (!model) throw new Error('bench: the age model is missing; run npm run nlu:train');
  const texts = labelledMessages().map((message) => prepareText(message).plain);
  for (const text of texts) findAges(text, model);
  const timings: number[] = [];
  for (let round = 0; round < 10; round++) {
    for (const text of texts) {
      const start = performance.now();
      findAges(text, model);
      timings.push(performance.now() - start);
    }
  }
  const total = timings.reduce((sum, value) => sum + value, 0);
  timings.sort((a, b) => a - b);
  return { mean: round(total / timings.length), p99: round(timings[Math.floor(0.99 * timings.length)] ?? 0), samples: timings.length };
}

function labelledMessages(): string[] {
  return readFileSync(new URL('../test/nlu/labelled.jsonl', import.meta.url), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => (JSON.parse(line) as { text: string }).text);
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log({ analyze: await benchNlu(), ages: benchAges() });
