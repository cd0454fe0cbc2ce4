// Types of prismaParameterizationGraph.mjs, for its test.
export interface InputEdge {
  key: number;
  scalarMask: number;
  child: number;
  enumName: number;
  flags: number;
}
export interface ParameterizationGraph {
  inputNodes: InputEdge[][];
  outputNodes: { key: number; args: number; output: number }[][];
  roots: { key: number; args: number; output: number }[];
}
export declare function compactParameterizationGraph(generatedDir: string): { result: 'renumbered' | 'unchanged' } | { result: 'skipped'; reason: string };
export declare function decodeGraph(bytes: Uint8Array): ParameterizationGraph;
export declare function encodeGraph(graph: ParameterizationGraph): Buffer;
