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
  ['domain', 'generated', 'log.ts', 'safeJson.ts', 'processAlive.ts'],
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

  // The processing thread gets the flows checked by the web thread and never validates a seed:
  // zod and yaml cost it about 4 MiB of heap (README, Memory). One new import brings them back.
  it('leaves zod and yaml out of what the processing thread loads at start', () => {
    const packages = loadedAtStart(join(SRC, 'processing', 'processingThread.ts'));
    expect(packages.has('botkit')).toBe(true);
    expect([...packages].filter((name) => name === 'zod' || name === 'yaml' || name.startsWith('zod/') || name.startsWith('yaml/'))).toEqual([]);
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

/**
 * The packages a module loads when it is evaluated: its static imports and re-exports that are not
 * type-only (`import type` is erased; with verbatimModuleSyntax any other import stays), followed
 * through the modules of src/ it imports. `import()` loads later, on its path: not followed.
 */
function loadedAtStart(entry: string): Set<string> {
  const packages = new Set<string>();
  const seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest);
    for (const statement of source.statements) {
      const runtime =
        (ts.isImportDeclaration(statement) && !statement.importClause?.isTypeOnly) || (ts.isExportDeclaration(statement) && !statement.isTypeOnly && statement.moduleSpecifier !== undefined);
      if (!runtime) continue;
      const specifier = ((statement as ts.ImportDeclaration | ts.ExportDeclaration).moduleSpecifier as ts.StringLiteral).text;
      if (specifier.startsWith('.')) visit(resolve(dirname(file), specifier));
      else if (!specifier.startsWith('node:')) packages.add(specifier);
    }
  };
  visit(entry);
  return packages;
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
