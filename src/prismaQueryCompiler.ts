import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';

/**
 * Prisma's query compiler (WebAssembly: 1,734,597 bytes for Prisma 7.10's "small" PostgreSQL
 * build), which scripts/prismaQueryCompilerFile.mjs decodes beside the generated client at
 * `npm install`; the build copies it to dist/. The generated client asks `queryCompilerModule`, which
 * is why this file sits below `generated/`, in the lowest layer of src/ (README, Architecture).
 */
export const QUERY_COMPILER_WASM = new URL('./generated/prisma/internal/query_compiler.wasm', import.meta.url);

/** This thread's compiled query compiler, once asked for. */
let compiled: Promise<WebAssembly.Module> | undefined;
/** What the thread that started this one posted (`useQueryCompilerModule`), if it did. */
let handedOver: Promise<WebAssembly.Module | undefined> | undefined;

/**
 * The compiled query compiler for every Prisma client of this thread, asked for by the generated
 * client on its first query: the module another thread compiled if `useQueryCompilerModule` was
 * given one, else compiled from `QUERY_COMPILER_WASM`. ThreadProcessing posts it to the processing
 * thread. Rejects when the file cannot be read or compiled.
 */
export function queryCompilerModule(): Promise<WebAssembly.Module> {
  compiled ??= handedOver ? handedOver.then((module) => module ?? compileFromFile()) : compileFromFile();
  return compiled;
}

/**
 * The compiled query compiler to post to the threads this one starts (ThreadProcessing), or
 * undefined when the generated client loads Prisma's own base64 module: scripts/prisma-generate.mjs
 * could not rewrite it (another Prisma version) and wrote no `QUERY_COMPILER_WASM`. Each thread's
 * client then loads its compiler as Prisma wrote it, and nothing compiles a file no client asks for.
 */
export function queryCompilerForThreads(): Promise<WebAssembly.Module | undefined> {
  return existsSync(QUERY_COMPILER_WASM) ? queryCompilerModule() : Promise.resolve(undefined);
}

/**
 * Makes `queryCompilerModule` resolve to `received`, a module compiled by the thread that started
 * this one and posted to it, or compile its own when that resolves to undefined (the other thread
 * could not compile it, or its client loads Prisma's own module, as this thread's then does too and
 * never asks). Call it before the thread's first query. A posted module costs a thread
 * nothing resident; compiling the file itself, 2.5–3.6 MiB (bench/queryCompilerSharing.mjs: V8
 * shares the machine code either way, not the reading and compiling).
 */
export function useQueryCompilerModule(received: Promise<WebAssembly.Module | undefined>): void {
  handedOver = received;
  compiled = undefined;
}

async function compileFromFile(): Promise<WebAssembly.Module> {
  return WebAssembly.compile(await readFile(QUERY_COMPILER_WASM));
}
