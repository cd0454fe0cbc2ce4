import { parseArgs, type ParseArgsConfig } from 'node:util';

/** What an `npm run` command's arguments asked for. */
export type CommandLine<T extends ParseArgsConfig> =
  | { kind: 'run'; parsed: ReturnType<typeof parseArgs<T>> }
  /** `--help` or `-h` before any `--`: print the usage and do nothing else. */
  | { kind: 'help' }
  /** An unknown option, a missing value, an unexpected argument: node's message. */
  | { kind: 'wrong'; message: string };

/**
 * Reads `args` (a command's arguments, without node and the script) with node's `parseArgs`
 * (strict unless `config` says otherwise) and `config`'s options. `--help` and `-h` are every command's, whatever `config`
 * says; after `--`, nothing is an option. Never throws for a wrong command line: says what was wrong.
 */
export function parseCommandLine<T extends ParseArgsConfig>(config: T, args: readonly string[]): CommandLine<T> {
  const end = args.indexOf('--');
  const options = end < 0 ? args : args.slice(0, end);
  if (options.includes('--help') || options.includes('-h')) return { kind: 'help' };
  try {
    return { kind: 'run', parsed: parseArgs<T>({ ...config, args: [...args] }) };
  } catch (error) {
    return { kind: 'wrong', message: (error as Error).message };
  }
}

/**
 * The command line of this process (`process.argv` after the script), read as `parseCommandLine`
 * does. On `--help` prints `usage` on stdout and exits 0 before anything else runs (no database
 * opened, nothing written); on a wrong command line prints what was wrong and `usage` on stderr
 * and exits 2, the usual code of a usage error, instead of a stack trace.
 */
export function readCommandLine<T extends ParseArgsConfig>(usage: string, config: T): ReturnType<typeof parseArgs<T>> {
  const line = parseCommandLine(config, process.argv.slice(2));
  if (line.kind === 'help') {
    console.log(usage);
    process.exit(0);
  }
  if (line.kind === 'wrong') exitWithUsage(usage, line.message);
  return line.parsed;
}

/** A command line the options allowed but the command cannot use: prints `problem` and `usage` on stderr, exits 2. */
export function exitWithUsage(usage: string, problem?: string): never {
  console.error(problem ? `${problem}\n${usage}` : usage);
  process.exit(2);
}
