import { readFile } from 'node:fs/promises';

/**
 * Prisma's query compiler (WebAssembly: 1,734,597 bytes for Prisma 7.10's "small" PostgreSQL
 * build), which scripts/prismaQueryCompilerFile.mjs decodes beside the generated client at
 * `npm install`; the build copies it to dist/. The generated client asks `queryCompilerModule`, which
 * is why this file sits below `generated/`, in the lowest layer of src/ (README, Architecture).
 */
export const QUERY_COMPILER_WASM = new URL('./generated/prisma/internal/query_compiler.wasm', import.meta.url);

/** This thread's compiled query compiler, once asked for or handed over. */
let compiled: Promise<WebAssembly.Module> | undefined;

/**
 * The compiled query compiler for every Prisma client of this thread: compiled from
 * `QUERY_COMPILER_WASM` on the first call, or the module another thread compiled if
 * `useQueryCompilerModule` was given it. ThreadProcessing posts it to the processing thread.
 */
export function queryCompilerModule(): Promise<WebAssembly.Module> {
  compiled ??= compileFromFile();
  return compiled;
}

/**
 * Makes `queryCompilerModule` resolve to `received`, a module compiled by the thread that started
 * this one and posted to it, or compile its own when that resolves to undefined (the other thread
 * could not compile it). Call it before the thread's first query. A posted module costs a thread
 * nothing resident; compiling the file itself, 2.5–3.6 MiB (bench/queryCompilerSharing.mjs: V8
 * shares the machine code either way, not the reading and compiling).
 */
export function useQueryCompilerModule(received: Promise<WebAssembly.Module | undefined>): void {
  compiled = received.then((module) => module ?? compileFromFile());
}

async function compileFromFile(): Promise<WebAssembly.Module> {
  return WebAssembly.compile(await readFile(QUERY_COMPILER_WASM));
}
