// Generates the Prisma client at install time without the Prisma CLI's native schema engine.
// `prisma generate` does not use that engine, but the CLI still tries to download it unless
// PRISMA_SCHEMA_ENGINE_BINARY names a file; machines that reach only the npm registry cannot
// download it, so we point the variable at this script when the user has not set it.
// Then two steps save memory: the generated client is made to load its query compiler from a .wasm
// file (prismaQueryCompilerFile.mjs says why), and the strings of its parameterization graph are
// renumbered (prismaParameterizationGraph.mjs says why). Neither is needed for the client to work:
// when one cannot be done (another Prisma version writes other code), the client stays as Prisma
// wrote it, with a warning, and the install goes on.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { compactParameterizationGraph } from './prismaParameterizationGraph.mjs';
import { loadQueryCompilerFromFile } from './prismaQueryCompilerFile.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const env = { ...process.env };
env.PRISMA_SCHEMA_ENGINE_BINARY ??= fileURLToPath(import.meta.url);
env.PRISMA_HIDE_UPDATE_MESSAGE = '1';
const cli = path.join(root, 'node_modules', 'prisma', 'build', 'index.js');
const result = spawnSync(process.execPath, [cli, 'generate', '--schema', path.join(root, 'prisma', 'schema.prisma')], {
  cwd: root,
  env,
  stdio: 'inherit',
});
if (result.status !== 0) process.exit(result.status ?? 1);
// The generator's `output` in prisma/schema.prisma.
const generated = path.join(root, 'src', 'generated', 'prisma');
let fromFile;
try {
  fromFile = await loadQueryCompilerFromFile(generated);
} catch (error) {
  // A client rewritten by an earlier run whose .wasm is gone cannot load its query compiler (the
  // `prisma generate` above writes a new class.ts, so only if the generator stopped writing it).
  console.error(`prisma-generate: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
if (fromFile.result === 'skipped') console.warn(`prisma-generate: the client loads its query compiler as Prisma wrote it (${fromFile.reason}); it works, with about 4.4 MiB more heap per thread`);
let compacted;
try {
  compacted = compactParameterizationGraph(generated);
} catch (error) {
  compacted = { result: 'skipped', reason: error instanceof Error ? error.message : String(error) };
}
if (compacted.result === 'skipped') console.warn(`prisma-generate: the parameterization graph is left as Prisma wrote it (${compacted.reason}); the client works, with about 3 MiB more heap per thread`);
