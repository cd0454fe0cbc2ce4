// Run by prisma-generate.mjs after `prisma generate`: the two steps that make the generated client
// take less memory. Neither is needed for the client to work, so neither fails the install.
import { compactParameterizationGraph } from './prismaParameterizationGraph.mjs';
import { loadQueryCompilerFromFile } from './prismaQueryCompilerFile.mjs';

/**
 * Makes the client in `generatedDir` (the generator's `output`) load its query compiler from a
 * .wasm file (prismaQueryCompilerFile.mjs says why) and renumbers the strings of its
 * parameterization graph (prismaParameterizationGraph.mjs says why). A step that cannot be done
 * (another Prisma version writes other code) leaves the client as Prisma wrote it and calls
 * `warn` with what it costs. Returns each step's outcome (`result`: rewritten, renumbered,
 * unchanged or skipped, with a `reason` when skipped). Throws only when the client cannot work: it
 * was rewritten to load a .wasm that is missing.
 */
export async function rewriteGeneratedClient(generatedDir, warn = console.warn) {
  const queryCompiler = await loadQueryCompilerFromFile(generatedDir);
  if (queryCompiler.result === 'skipped') {
    warn(`prisma-generate: the client loads its query compiler as Prisma wrote it (${queryCompiler.reason}); it works, with 4.4 MiB more heap in each thread`);
  }
  let graph;
  try {
    graph = compactParameterizationGraph(generatedDir);
  } catch (error) {
    graph = { result: 'skipped', reason: error instanceof Error ? error.message : String(error) };
  }
  if (graph.result === 'skipped') {
    warn(`prisma-generate: the parameterization graph is left as Prisma wrote it (${graph.reason}); the client works, with about 3 MiB more heap per thread`);
  }
  return { queryCompiler, graph };
}
