import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach } from 'vitest';

/**
 * A folder shaped like Prisma's generated client (`<dir>/internal/`), new for each test of the
 * file that calls this and removed after it, for the install steps that rewrite
 * `internal/class.ts` (scripts/prismaQueryCompilerFile.mjs, scripts/prismaParameterizationGraph.mjs).
 */
export function useGeneratedClientDir(): { dir: () => string; classFile: () => string } {
  let dir = '';
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'bienvenue-generated-'));
    mkdirSync(path.join(dir, 'internal'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  return { dir: () => dir, classFile: () => path.join(dir, 'internal', 'class.ts') };
}
