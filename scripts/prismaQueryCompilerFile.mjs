// Run by prisma-generate.mjs after `prisma generate`: makes the generated client load Prisma's query
// compiler from a .wasm file instead of a base64 module.
//
// For Node, Prisma's `prisma-client` generator (7.x, runtime "nodejs") has the client
// `import("@prisma/client/runtime/query_compiler_<build>_bg.<provider>.wasm-base64.mjs")`, a module
// of one 2.3 MB string literal, and decode it. That module is never unloaded: every thread that
// holds a client kept 4.4 MiB of V8 heap for it (its source and the literal), and decoded and
// compiled it again. The generator has no option to load a file on Node (runtime "workerd"
// and "vercel-edge" import `.wasm?module`, which only bundlers understand), so this step
// decodes the same module once, at generate time, into `internal/query_compiler.wasm`, and
// rewrites the client's `getQueryCompilerWasmModule` to ask src/prismaQueryCompiler.ts, which
// compiles that file once per process and hands the compiled module to the processing thread.
//
// It expects the generated code exactly as Prisma writes it today. When that code changes (another
// Prisma version), it leaves the client as Prisma wrote it and writes no .wasm: the client then
// works as Prisma made it, with 4.4 MiB more heap per thread, and prisma-generate.mjs warns. Running
// it again on a client it already rewrote only checks the .wasm is there.
/* global WebAssembly */
import { Buffer } from 'node:buffer';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { URL, fileURLToPath } from 'node:url';

/** The decoded query compiler, beside the generated class.ts; src/prismaQueryCompiler.ts reads it. */
export const QUERY_COMPILER_FILE = 'query_compiler.wasm';

/** What the rewritten client asks for the compiled module. */
const LOADER_MODULE = fileURLToPath(new URL('../src/prismaQueryCompiler.ts', import.meta.url));

/** Marks a rewritten class.ts. */
const MARKER = 'scripts/prismaQueryCompilerFile.mjs';

// The helper Prisma emits to decode the base64 string, and the loader that calls it.
const DECODER = /\nasync function decodeBase64AsWasm\(wasmBase64: string\): Promise<WebAssembly\.Module> \{\n {2}const \{ Buffer \} = await import\('node:buffer'\)\n {2}const wasmArray = Buffer\.from\(wasmBase64, 'base64'\)\n {2}return new WebAssembly\.Module\(wasmArray\)\n\}\n/g;
const LOADER = /\n( *)getQueryCompilerWasmModule: async \(\) => \{\n *const \{ wasm \} = await import\("(@prisma\/client\/runtime\/query_compiler_[a-z]+_bg\.[a-z]+\.wasm-base64\.mjs)"\)\n *return await decodeBase64AsWasm\(wasm\)\n *\},\n/g;

/**
 * Writes `<generatedDir>/internal/query_compiler.wasm` (the bytes of the base64 module the
 * generated client imports, from the installed @prisma/client, so they match the runtime's
 * JavaScript bindings) and rewrites `<generatedDir>/internal/class.ts` to load it. Returns what it
 * did: `rewritten`, `unchanged` (rewritten before, its .wasm present) or `skipped` with the reason
 * (class.ts or the base64 module is not what this step knows: class.ts is left as Prisma wrote it,
 * and a .wasm of an earlier run is removed, so that nothing compiles a file no client loads).
 * Throws only for a client rewritten earlier whose .wasm is gone, which cannot load its compiler.
 */
export async function loadQueryCompilerFromFile(generatedDir) {
  const classFile = path.join(generatedDir, 'internal', 'class.ts');
  const wasmFile = path.join(generatedDir, 'internal', QUERY_COMPILER_FILE);
  const skip = (reason) => {
    rmSync(wasmFile, { force: true });
    return { result: 'skipped', reason };
  };
  if (!existsSync(classFile)) return skip(`no ${classFile}`);
  const source = readFileSync(classFile, 'utf8');
  if (source.includes(MARKER)) {
    if (!existsSync(wasmFile)) throw new Error(`${classFile} loads ${QUERY_COMPILER_FILE}, which is missing: run \`node scripts/prisma-generate.mjs\``);
    return { result: 'unchanged' };
  }
  const decoders = [...source.matchAll(DECODER)];
  const loaders = [...source.matchAll(LOADER)];
  if (decoders.length !== 1 || loaders.length !== 1) {
    return skip(
      `${classFile} does not load its query compiler as this step knows (found ${decoders.length} decodeBase64AsWasm and ` +
        `${loaders.length} base64 getQueryCompilerWasmModule, expected one of each)`,
    );
  }
  const [, indent, specifier] = loaders[0];
  const relative = path.relative(path.dirname(classFile), LOADER_MODULE).split(path.sep).join('/');
  const loaderModule = relative.startsWith('.') ? relative : `./${relative}`;
  let bytes;
  try {
    const { wasm } = await import(specifier);
    bytes = Buffer.from(wasm, 'base64');
  } catch (error) {
    return skip(`${specifier} cannot be read: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!WebAssembly.validate(bytes)) return skip(`${specifier} does not decode to a valid WebAssembly module`);

  const patched = source.replace(DECODER, '\n').replace(
    LOADER,
    [
      '',
      `${indent}// Rewritten by ${MARKER}: ./${QUERY_COMPILER_FILE}, decoded at generate time from the base64`,
      `${indent}// module Prisma imports here, is compiled once per process and not kept as a string in every thread.`,
      `${indent}getQueryCompilerWasmModule: async () => await (await import(${JSON.stringify(loaderModule)})).queryCompilerModule(),`,
      '',
    ].join('\n'),
  );
  if (patched.includes('wasm-base64')) return skip(`${classFile} still names a wasm-base64 module after the rewrite`);
  writeFileSync(wasmFile, bytes);
  writeFileSync(classFile, patched);
  return { result: 'rewritten' };
}
