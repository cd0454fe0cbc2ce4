// Types of rewriteGeneratedClient.mjs, for its test.
import type { loadQueryCompilerFromFile } from './prismaQueryCompilerFile.mjs';
import type { compactParameterizationGraph } from './prismaParameterizationGraph.mjs';

export declare function rewriteGeneratedClient(
  generatedDir: string,
  warn?: (message: string) => void,
): Promise<{ queryCompiler: Awaited<ReturnType<typeof loadQueryCompilerFromFile>>; graph: ReturnType<typeof compactParameterizationGraph> }>;
