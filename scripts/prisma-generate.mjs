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
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { rewriteGeneratedClient } from './rewriteGeneratedClient.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const env = { ...process.env };
env.PRISMA_SCHEMA_ENGINE_BINARY ??= fileURLToPath(import.meta.url);
env.PRISMA_HIDE_UPDATE_MESSAGE = '1';
const cli = path.join(root, 'node_modules', 'prisma', 'build', 'index.js');
if (!existsSync(cli)) {
  // `npm install --omit=dev`: the Prisma CLI is a development dependency. The build step that
  // follows runs a dist/ built beforehand (its compiled client included), or says what to do.
  console.warn('prisma-generate: the prisma package is not installed (npm install --omit=dev?); the Prisma client is not generated');
  process.exit(0);
}
const result = spawnSync(process.execPath, [cli, 'generate', '--schema', path.join(root, 'prisma', 'schema.prisma')], {
  cwd: root,
  env,
  stdio: 'inherit',
});
if (result.status !== 0) process.exit(result.status ?? 1);
try {
  // The generator's `output` in prisma/schema.prisma.
  await rewriteGeneratedClient(path.join(root, 'src', 'generated', 'prisma'));
} catch (error) {
  // A client that cannot work (rewritten to load a .wasm that is missing), or a file not readable.
  console.error(`prisma-generate: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
