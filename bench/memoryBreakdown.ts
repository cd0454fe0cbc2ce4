import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** What one part of the app adds to a thread, measured after a full garbage collection (MiB). */
export interface MemoryStep {
  step: string;
  /** Resident memory the process gained. */
  rssMb: number;
  /** Live JavaScript objects the V8 heap gained. */
  heapMb: number;
  /** Memory outside the heap the step gained: buffers and WebAssembly memories. */
  externalMb: number;
}

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * Loads the compiled app (dist/) part by part in a fresh `node` process, in the order a thread
 * loads it, and reports what each part adds: the breakdown of bench/RESULTS.md. `databaseUrl`
 * measures the web and processing threads on PostgreSQL; without it, the embedded database.
 */
export async function memoryBreakdown(args: { databaseUrl: string | undefined; dataDir: string }): Promise<MemoryStep[]> {
  const start = startCommand();
  const child = spawn(process.execPath, ['--expose-gc', ...start.flags, fileURLToPath(new URL('./memoryProbe.mjs', import.meta.url))], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', ...start.env, DATABASE_URL: args.databaseUrl ?? '', DATA_DIR: args.dataDir, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`memory probe exited with ${code}:\n${output}`);
  return JSON.parse(output) as MemoryStep[];
}

/**
 * The node flags and environment `npm start` gives the app ("exec env NAME=value … node --flag …
 * dist/main.js"), so the probe runs as the app does.
 */
function startCommand(): { flags: string[]; env: Record<string, string> } {
  const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { scripts: Record<string, string> };
  // `$(node scripts/semiSpaceSize.mjs)` is the start script's choice for the mode: the probe runs
  // everything on one thread, as the embedded app does, so it gets the embedded choice, 4.
  const words = (manifest.scripts.start ?? '').replace(/\$\(node scripts\/semiSpaceSize\.mjs\)/, '4').split(/\s+/);
  const env: Record<string, string> = {};
  for (const word of words) {
    const assignment = /^([A-Z_][A-Z0-9_]*)=(.*)$/.exec(word);
    // `${NAME:+$NAME:}` keeps what the operator's environment already set: nothing here.
    if (assignment) env[assignment[1]!] = assignment[2]!.replace(/^\$\{[^}]*\}/, '');
  }
  return { flags: words.filter((word) => word.startsWith('--')), env };
}
