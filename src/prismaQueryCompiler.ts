import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';

/**
 * Prisma's query compiler (WebAssembly: 1,734,597 bytes for Prisma 7.10's "small" PostgreSQL
 * build), which scripts/prismaQueryCompilerFile.mjs decodes beside the generated client at
 * `npm install`; the build copies it to dist/. The generated client asks `queryCompilerModule`, which
 * is why this file sits below `generated/`, in the lowest layer of src/ (README, Architecture).
 */
export const QUERY_COMPILER_WASM = new URL('./generated/prisma/internal/query_compiler.wasm', import.meta.url);

/**
 * One thread's query compiler: compiled from `file` when its client first asks, or the module the
 * thread that started this one compiled and posted. `read` reads the file (tests count the reads).
 * The module-level functions below use the thread's one instance, on `QUERY_COMPILER_WASM`.
 */
export class QueryCompilerSource {
  /** The compiled module, once asked for. */
  private compiled: Promise<WebAssembly.Module> | undefined;
  /** Asks the thread that started this one for the module it compiled (`useHandedOver`), if set. */
  private askOther: (() => Promise<WebAssembly.Module | undefined>) | undefined;

  constructor(
    private readonly file: URL,
    private readonly read: (file: URL) => Promise<Uint8Array> = readFile,
  ) {}

  /**
   * The compiled query compiler, on the first call: the module the other thread hands over when
   * `useHandedOver` set a way to ask it, else (or if it has none) compiled from the file. Rejects
   * when the file cannot be read or compiled.
   */
  module(): Promise<WebAssembly.Module> {
    this.compiled ??= this.askOther ? this.askOther().then((module) => module ?? this.compile()) : this.compile();
    return this.compiled;
  }

  /**
   * Whether there is a file to compile. None when the install could not rewrite the generated
   * client (another Prisma version), wrote no file and warned: every thread's client then loads its
   * compiler as Prisma wrote it and never asks `module`.
   */
  hasFile(): boolean {
    return existsSync(this.file);
  }

  /**
   * Makes `module`, once the client asks, call `ask` for the module the thread that started this
   * one compiles, and compile the file itself only when that resolves to undefined (the other
   * thread could not compile it). Until the client asks, nothing is asked or compiled. Call it
   * before the thread's first query.
   */
  useHandedOver(ask: () => Promise<WebAssembly.Module | undefined>): void {
    this.askOther = ask;
    this.compiled = undefined;
  }

  private async compile(): Promise<WebAssembly.Module> {
    return WebAssembly.compile(await this.read(this.file));
  }
}

const thisThread = new QueryCompilerSource(QUERY_COMPILER_WASM);

/**
 * The compiled query compiler for every Prisma client of this thread, asked for by the generated
 * client on its first query (`QueryCompilerSource.module`). Rejects when the file cannot be read
 * or compiled.
 */
export function queryCompilerModule(): Promise<WebAssembly.Module> {
  return thisThread.module();
}

/** Whether this thread has a `QUERY_COMPILER_WASM` to compile. */
export function hasQueryCompilerFile(): boolean {
  return thisThread.hasFile();
}

/**
 * Has this thread ask the thread that started it for the module that one compiled, when its client
 * first needs it (`QueryCompilerSource.useHandedOver`). A posted module costs a thread nothing
 * resident; compiling the file itself, 2.5–3.6 MiB (bench/queryCompilerSharing.mjs: V8 shares the
 * machine code either way, not the reading and compiling).
 */
export function useQueryCompilerModule(ask: () => Promise<WebAssembly.Module | undefined>): void {
  thisThread.useHandedOver(ask);
}
