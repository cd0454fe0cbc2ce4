import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { loadQueryCompilerFromFile, QUERY_COMPILER_FILE } from '../../scripts/prismaQueryCompilerFile.mjs';
import { rewriteGeneratedClient } from '../../scripts/rewriteGeneratedClient.mjs';
import { QueryCompilerSource } from '../../src/prismaQueryCompiler.ts';
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

describe('npm install after `prisma generate`', () => {
  it('rewrites the client it knows, without a warning', async () => {
    writeFileSync(classFile(), GENERATED);
    const warn = vi.fn();
    const outcome = await rewriteGeneratedClient(dir(), warn);
    expect(outcome.queryCompiler).toEqual({ result: 'rewritten' });
    // The fixture has no parameterization graph: that step warns, the query compiler's does not.
    expect(warn.mock.calls.map(([message]) => String(message))).not.toContainEqual(expect.stringMatching(/query compiler/));
  });

  it.each([
    ['another Prisma version', () => writeFileSync(classFile(), GENERATED.replace('return await decodeBase64AsWasm(wasm)', 'return await decodeWasm(wasm)'))],
    ['no class.ts', () => undefined],
  ])('warns and goes on, the client as Prisma wrote it, with %s', async (_, write) => {
    write();
    const before = existsSync(classFile()) ? readFileSync(classFile(), 'utf8') : undefined;
    const warn = vi.fn();
    await expect(rewriteGeneratedClient(dir(), warn)).resolves.toMatchObject({ queryCompiler: { result: 'skipped' }, graph: { result: 'skipped' } });
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/loads its query compiler as Prisma wrote it .*it works/));
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/parameterization graph is left as Prisma wrote it/));
    expect(existsSync(classFile()) ? readFileSync(classFile(), 'utf8') : undefined).toBe(before);
  });

  it('fails only for a client rewritten to load a .wasm that is gone', async () => {
    writeFileSync(classFile(), GENERATED);
    await rewriteGeneratedClient(dir(), () => undefined);
    rmSync(path.join(dir(), 'internal', QUERY_COMPILER_FILE));
    await expect(rewriteGeneratedClient(dir(), () => undefined)).rejects.toThrow(/missing/);
  });
});

describe('the query compiler the web thread hands to the processing thread', () => {
  const wasmFile = () => pathToFileURL(path.join(dir(), 'internal', QUERY_COMPILER_FILE));
  const counting = () => vi.fn((file: URL) => readFile(file));

  it('is the module compiled from the decoded file, compiled once', async () => {
    writeFileSync(classFile(), GENERATED);
    await loadQueryCompilerFromFile(dir());
    const read = counting();
    const source = new QueryCompilerSource(wasmFile(), read);
    const module = await source.module();
    // A compiled module (WebAssembly.Module; TypeScript's Node types do not declare the class).
    expect(Object.prototype.toString.call(module)).toBe('[object WebAssembly.Module]');
    expect(await source.module()).toBe(module);
    expect(read).toHaveBeenCalledOnce();
  });

  it('has no file to compile when the install left the client loading its own: nothing is read', async () => {
    const read = counting();
    expect(new QueryCompilerSource(wasmFile(), read).hasFile()).toBe(false);
    expect(read).not.toHaveBeenCalled();
  });

  it('is asked of the other thread only when the client asks, and compiled here if it has none', async () => {
    const read = counting();
    const ask = vi.fn(() => Promise.resolve(undefined));
    const source = new QueryCompilerSource(wasmFile(), read);
    source.useHandedOver(ask);
    await new Promise((resolve) => setTimeout(resolve, 10));
    // A thread whose client makes no query asks nothing and compiles nothing (and a client loading
    // Prisma's own module never asks: a missing file must not fail the thread).
    expect(ask).not.toHaveBeenCalled();
    expect(read).not.toHaveBeenCalled();
    await expect(source.module()).rejects.toThrow(/ENOENT/);
    expect(ask).toHaveBeenCalledOnce();
    expect(read).toHaveBeenCalledOnce();
  });

  it('is the module handed over, asked once, without reading the file', async () => {
    writeFileSync(classFile(), GENERATED);
    await loadQueryCompilerFromFile(dir());
    const compiled = await new QueryCompilerSource(wasmFile()).module();
    const read = counting();
    const ask = vi.fn(() => Promise.resolve(compiled));
    const source = new QueryCompilerSource(wasmFile(), read);
    source.useHandedOver(ask);
    expect(await source.module()).toBe(compiled);
    expect(await source.module()).toBe(compiled);
    expect(ask).toHaveBeenCalledOnce();
    expect(read).not.toHaveBeenCalled();
  });
});

describe('npm install --omit=dev (no Prisma CLI, no TypeScript)', () => {
  /** Runs an install script of a copy of scripts/ in a project with no node_modules (`dir()`). */
  const runScript = (name: string, env: Record<string, string> = {}) => {
    const scripts = path.join(dir(), 'scripts');
    mkdirSync(scripts, { recursive: true });
    for (const file of ['prisma-generate.mjs', 'rewriteGeneratedClient.mjs', 'prismaQueryCompilerFile.mjs', 'prismaParameterizationGraph.mjs', 'build.mjs']) {
      copyFileSync(path.join(import.meta.dirname, '..', '..', 'scripts', file), path.join(scripts, file));
    }
    return spawnSync(process.execPath, [path.join(scripts, name)], { encoding: 'utf8', env: { ...process.env, npm_lifecycle_event: '', ...env } });
  };

  it('skips generating the client, without failing the install', () => {
    const run = runScript('prisma-generate.mjs');
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(/prisma package is not installed.*the Prisma client is not generated/);
  });

  it('lets the install finish without a dist/ (one built elsewhere may be copied next), but not `npm start`', () => {
    const install = runScript('build.mjs', { npm_lifecycle_event: 'postinstall' });
    expect(install.status).toBe(0);
    expect(install.stderr).toMatch(/typescript is not installed, and there is no dist\//);
    // typescript can be there (a peer of a dependency) without the types tsc needs.
    writeFileSync(path.join(dir(), 'package.json'), JSON.stringify({ devDependencies: { typescript: '*', '@types/node': '*' } }));
    mkdirSync(path.join(dir(), 'node_modules', 'typescript'), { recursive: true });
    writeFileSync(path.join(dir(), 'node_modules', 'typescript', 'package.json'), '{}');
    expect(runScript('build.mjs', { npm_lifecycle_event: 'postinstall' })).toMatchObject({ status: 0, stderr: expect.stringMatching(/@types\/node is not installed, and there is no dist\//) });
    const start = runScript('build.mjs', { npm_lifecycle_event: 'prestart' });
    expect(start.status).toBe(1);
    expect(start.stderr).toMatch(/@types\/node is not installed, and there is no dist\//);
  });
});
