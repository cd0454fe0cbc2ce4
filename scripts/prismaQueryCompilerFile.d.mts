// Types of prismaQueryCompilerFile.mjs, for its test.
export declare const QUERY_COMPILER_FILE: string;
export declare function loadQueryCompilerFromFile(
  generatedDir: string,
): Promise<{ result: 'rewritten' } | { result: 'unchanged' } | { result: 'skipped'; reason: string }>;
