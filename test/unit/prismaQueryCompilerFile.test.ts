import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadQueryCompilerFromFile, QUERY_COMPILER_FILE } from '../../scripts/prismaQueryCompilerFile.mjs';
import { useGeneratedClientDir } from '../support/generatedClientDir.ts';

// `npm install`'s generate step rewrites how the generated client loads its query compiler, and
// must fail rather than leave a client it did not understand (scripts/prismaQueryCompilerFile.mjs).

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
    await loadQueryCompilerFromFile(dir());
    const rewritten = readFileSync(classFile(), 'utf8');
    expect(rewritten).not.toMatch(/wasm-base64|decodeBase64AsWasm/);
    expect(rewritten).toMatch(/getQueryCompilerWasmModule: async \(\) => await \(await import\(".*\/src\/prismaQueryCompiler\.ts"\)\)\.queryCompilerModule\(\),/);
    expect(rewritten).toContain('getRuntime: async () => await import("@prisma/client/runtime/query_compiler_small_bg.postgresql.mjs")');
    // The WebAssembly binary magic and version.
    expect([...readFileSync(path.join(dir(), 'internal', QUERY_COMPILER_FILE)).subarray(0, 8)]).toEqual([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]);

    await loadQueryCompilerFromFile(dir());
    expect(readFileSync(classFile(), 'utf8')).toBe(rewritten);
  });

  it('fails when Prisma generates something else', async () => {
    writeFileSync(classFile(), GENERATED.replace('return await decodeBase64AsWasm(wasm)', 'return await decodeWasm(wasm)'));
    await expect(loadQueryCompilerFromFile(dir())).rejects.toThrow(/no longer loads its query compiler/);
  });

  it('fails on a rewritten client whose .wasm is missing', async () => {
    writeFileSync(classFile(), GENERATED);
    await loadQueryCompilerFromFile(dir());
    rmSync(path.join(dir(), 'internal', QUERY_COMPILER_FILE));
    await expect(loadQueryCompilerFromFile(dir())).rejects.toThrow(/missing/);
  });
});
