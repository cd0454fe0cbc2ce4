import type * as fs from 'node:fs';
import type * as fsPromises from 'node:fs/promises';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadQueryCompilerFromFile, QUERY_COMPILER_FILE } from '../../scripts/prismaQueryCompilerFile.mjs';
import { useGeneratedClientDir } from '../support/generatedClientDir.ts';

// `npm install`'s generate step rewrites how the generated client loads its query compiler, and
// leaves a client it does not understand as Prisma wrote it, which works (scripts/prismaQueryCompilerFile.mjs).

/** The part of class.ts Prisma 7.10's `prisma-client` generator writes for Node. */
const GENERATED = `config.parameterizationSchema = {}

async function decodeBase64AsWasm(wasmBase64: string): Promise<WebAssembly.Module> {
  const { Buffer } = await import('node:buffer')
  const wasmArray = Buffer.from(wasmBase64, 'base64')
  return new WebAssembly.Module(wasmArray)
}

config.compilerWasm = {
  getRuntime: async () => await import("@prisma/client/runtime/query_compiler_small_bg.postgresql.mjs"),

  getQueryCompilerWasmModule: async () => {
    const { wasm } = await import("@prisma/client/runtime/query_compiler_small_bg.postgresql.wasm-base64.mjs")
    return await decodeBase64AsWasm(wasm)
  },

  importName: "./query_compiler_small_bg.js"
}
`;

const { dir, classFile } = useGeneratedClientDir();

describe('the generated client loading its query compiler from a file', () => {
  it('writes the decoded module beside the client and rewrites its loader, once', async () => {
    writeFileSync(classFile(), GENERATED);
    expect(await loadQueryCompilerFromFile(dir())).toEqual({ result: 'rewritten' });
    const rewritten = readFileSync(classFile(), 'utf8');
    expect(rewritten).not.toMatch(/wasm-base64|decodeBase64AsWasm/);
    expect(rewritten).toMatch(/getQueryCompilerWasmModule: async \(\) => await \(await import\(".*\/src\/prismaQueryCompiler\.ts"\)\)\.queryCompilerModule\(\),/);
    expect(rewritten).toContain('getRuntime: async () => await import("@prisma/client/runtime/query_compiler_small_bg.postgresql.mjs")');
    // The WebAssembly binary magic and version.
    expect([...readFileSync(path.join(dir(), 'internal', QUERY_COMPILER_FILE)).subarray(0, 8)]).toEqual([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]);

    expect(await loadQueryCompilerFromFile(dir())).toEqual({ result: 'unchanged' });
    expect(readFileSync(classFile(), 'utf8')).toBe(rewritten);
  });

  it.each([
    ['another decoder', GENERATED.replace('return await decodeBase64AsWasm(wasm)', 'return await decodeWasm(wasm)'), /does not load its query compiler as this step knows/],
    ['a base64 module that is not there', GENERATED.replace('query_compiler_small_bg.postgresql.wasm-base64.mjs', 'query_compiler_tiny_bg.postgresql.wasm-base64.mjs'), /cannot be read/],
  ])('leaves the client as Prisma wrote it, and no .wasm, when Prisma generates %s', async (_, generated, reason) => {
    const wasmFile = path.join(dir(), 'internal', QUERY_COMPILER_FILE);
    // A .wasm of an earlier install must not outlive the client that loaded it.
    writeFileSync(wasmFile, 'stale');
    writeFileSync(classFile(), generated);
    const outcome = await loadQueryCompilerFromFile(dir());
    expect(outcome).toMatchObject({ result: 'skipped', reason: expect.stringMatching(reason) });
    expect(readFileSync(classFile(), 'utf8')).toBe(generated);
    expect(existsSync(wasmFile)).toBe(false);
  });

  it('fails on a rewritten client whose .wasm is missing', async () => {
    writeFileSync(classFile(), GENERATED);
    await loadQueryCompilerFromFile(dir());
    rmSync(path.join(dir(), 'internal', QUERY_COMPILER_FILE));
    await expect(loadQueryCompilerFromFile(dir())).rejects.toThrow(/missing/);
  });
});

describe('the query compiler the web thread hands to the processing thread', () => {
  afterEach(() => {
    vi.doUnmock('node:fs');
    vi.resetModules();
  });

  it('is the module compiled from the decoded file', async () => {
    const { queryCompilerForThreads } = await import('../../src/prismaQueryCompiler.ts');
    const module = await queryCompilerForThreads();
    // A compiled module (WebAssembly.Module; TypeScript's Node types do not declare the class).
    expect(Object.prototype.toString.call(module)).toBe('[object WebAssembly.Module]');
  });

  it('is none when the install left the client loading its own (no file): nothing is compiled', async () => {
    vi.doMock('node:fs', async (importOriginal) => ({ ...(await importOriginal<typeof fs>()), existsSync: () => false }));
    vi.resetModules();
    const { queryCompilerForThreads } = await import('../../src/prismaQueryCompiler.ts');
    await expect(queryCompilerForThreads()).resolves.toBeUndefined();
  });

  it('is compiled by the receiving thread only when its client asks, if none was handed over', async () => {
    const readFile = vi.fn(async () => {
      throw new Error('no file');
    });
    vi.doMock('node:fs/promises', async (importOriginal) => ({ ...(await importOriginal<typeof fsPromises>()), readFile }));
    vi.resetModules();
    const { queryCompilerModule, useQueryCompilerModule } = await import('../../src/prismaQueryCompiler.ts');
    useQueryCompilerModule(Promise.resolve(undefined));
    await new Promise((resolve) => setTimeout(resolve, 10));
    // A client loading Prisma's own module never asks: a missing file must not fail the thread.
    expect(readFile).not.toHaveBeenCalled();
    await expect(queryCompilerModule()).rejects.toThrow('no file');
    expect(readFile).toHaveBeenCalledOnce();
    vi.doUnmock('node:fs/promises');
  });
});
