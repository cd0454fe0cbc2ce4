import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** The app as `npm start` runs it, in a process of its own (so a test can SIGKILL it). */
export interface AppProcess {
  child: ChildProcess;
  /** Everything it printed (the last 20,000 characters). */
  output: () => string;
}

/** Starts `src/main.ts` with exactly `env` (PORT included) and resolves once it is ready. */
export async function startApp(env: Record<string, string>): Promise<AppProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const onData = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  // Once /readyz says migrations are applied and processing runs (ready comes first, while it loads).
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`app exited with ${child.exitCode ?? child.signalCode}:\n${output}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`app did not start:\n${output}`);
    }
    try {
      const ready = await fetch(`http://127.0.0.1:${env.PORT}/readyz`);
      if (ready.status === 200 && ((await ready.json()) as { processing?: string }).processing === 'running') break;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { child, output: () => output };
}

/** Sends `signal` and resolves once the process is gone. */
export async function stopApp(app: AppProcess, signal: NodeJS.Signals): Promise<void> {
  if (app.child.exitCode !== null || app.child.signalCode !== null) return;
  const exited = new Promise((resolve) => app.child.once('exit', resolve));
  app.child.kill(signal);
  await exited;
}
