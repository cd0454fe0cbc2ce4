import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// The layers of src/, highest first: the README's Architecture section draws this list. A module
// may import its own folder and any lower row, never its own row's other folders nor a higher row,
// so the folders cannot form a cycle. A folder (or a file at the top of src/) missing from the
// list fails the test: a newcomer places it deliberately.
const LAYERS: readonly (readonly string[])[] = [
  ['main.ts', 'cli'], // entry points: the app, the npm scripts
  ['Service.ts'], // assembles express, the routes and the processing
  ['processing'], // runs turns inline or in a processing thread, and the outbox
  ['config.ts', 'simulator', 'console'],
  ['channels', 'bot'],
  ['http', 'conversation'],
  ['handoff', 'turn', 'directory'],
  ['auth', 'privacy', 'nlu', 'outbox'],
  ['sms', 'db', 'i18n.ts'],
  ['domain', 'generated', 'log.ts', 'safeJson.ts'],
  ['prismaQueryCompiler.ts', 'webAssembly.d.ts'], // what Prisma's generated client loads its query compiler with
];

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));

describe('the layers of src/', () => {
  it('every import goes to the same folder or a lower layer', () => {
    const edges = importsUnder(SRC);
    expect(edges.length).toBeGreaterThan(100);
    expect(violations(edges, LAYERS)).toEqual([]);
  });

  it('every folder and top-level file of src/ has its layer', () => {
    const placed = new Set(LAYERS.flat());
    const units = new Set(sourceFiles(SRC).map((file) => unitOf(file)));
    expect([...units].filter((unit) => !placed.has(unit))).toEqual([]);
  });

  it('reports an import of a higher layer and one between two folders of a row', () => {
    const edges: Edge[] = [
      { from: 'db/Database.ts', to: 'log.ts' },
      { from: 'conversation/actions.ts', to: 'bot/createBot.ts' },
      { from: 'turn/family.ts', to: 'handoff/officeHours.ts' },
      { from: 'bot/createBot.ts', to: 'bot/LoopGuard.ts' },
    ];
    expect(violations(edges, LAYERS)).toEqual([
      'conversation/actions.ts imports bot/createBot.ts: conversation is below bot',
      'turn/family.ts imports handoff/officeHours.ts: turn and handoff share a layer',
    ]);
  });

  it('reads static, type-only, re-exported and dynamic imports', () => {
    const text = [
      "import { a } from './a.ts';",
      "import type { B } from '../b/B.ts';",
      "export { c } from './c.ts';",
      "const d = await import('./d.ts');",
      "import express from 'express';",
    ].join('\n');
    expect(specifiers(text)).toEqual(['./a.ts', '../b/B.ts', './c.ts', './d.ts', 'express']);
  });
});

/** One relative import: both ends as paths under src/, with `/` separators. */
interface Edge {
  from: string;
  to: string;
}

/** Each import of a module under src/ that names another module under src/ (packages are left out). */
function importsUnder(root: string): Edge[] {
  return sourceFiles(root).flatMap((from) =>
    specifiers(readFileSync(join(root, from), 'utf8'))
      .filter((specifier) => specifier.startsWith('.'))
      .map((specifier) => ({ from, to: slashed(relative(root, resolve(root, dirname(from), specifier))) }))
      .filter((edge) => !edge.to.startsWith('..')),
  );
}

/** The module specifiers a file imports, re-exports or loads with `import()`, as TypeScript's own scanner reads them. */
function specifiers(text: string): string[] {
  return ts.preProcessFile(text, true, true).importedFiles.map((file) => file.fileName);
}

/** The imports that go up the layers or across a row, each said in a sentence. */
function violations(edges: readonly Edge[], layers: readonly (readonly string[])[]): string[] {
  const rank = new Map(layers.flatMap((row, index) => row.map((unit) => [unit, index] as const)));
  const found: string[] = [];
  for (const { from, to } of edges) {
    const a = unitOf(from);
    const b = unitOf(to);
    if (a === b) continue;
    const rankA = rank.get(a) ?? -1;
    const rankB = rank.get(b) ?? -1;
    if (rankB < rankA) found.push(`${from} imports ${to}: ${a} is below ${b}`);
    else if (rankB === rankA) found.push(`${from} imports ${to}: ${a} and ${b} share a layer`);
  }
  return found;
}

/** The TypeScript and JavaScript files under src/, relative to it; Prisma's generated client is not ours to read. */
function sourceFiles(root: string): string[] {
  return readdirSync(root, { recursive: true, encoding: 'utf8' })
    .map(slashed)
    .filter((file) => /\.(ts|js|mjs)$/.test(file) && !file.startsWith('generated/'));
}

/** The layer unit a path belongs to: its folder under src/, or the file itself at the top of src/. */
function unitOf(path: string): string {
  return path.split('/')[0] ?? path;
}

function slashed(path: string): string {
  return path.split(sep).join('/');
}
