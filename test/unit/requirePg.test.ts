import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Runs `script` (an ES module body) in a fresh node with tsx, and parses the JSON it prints. */
function inFreshNode(script: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: root }, (error, stdout, stderr) =>
      error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(JSON.parse(stdout)),
    );
  });
}

// pg's load-time Cloudflare probe constructs a Response, which loads Node's fetch implementation
// (undici) into the thread: requirePg hides Response for that load only (src/db/requirePg.ts).
describe('requirePg', () => {
  it('loads pg without Node’s fetch implementation, and leaves Response as it was', async () => {
    const result = await inFreshNode(`
      const { requirePg } = await import('./src/db/requirePg.ts');
      const pg = requirePg();
      const undiciBefore = process.moduleLoadList.some((name) => name.includes('undici'));
      const esm = (await import('pg')).default;
      const response = new Response('ok');
      console.log(JSON.stringify({
        pool: typeof pg.Pool,
        sameModule: esm.Pool === pg.Pool,
        undiciBefore,
        responseText: await response.text(),
        undiciAfter: process.moduleLoadList.some((name) => name.includes('undici')),
      }));`);
    expect(result).toEqual({ pool: 'function', sameModule: true, undiciBefore: false, responseText: 'ok', undiciAfter: true });
  }, 30_000);

  // Node 21 and later define `navigator`, and pg then never probes: nothing to show there. Should a
  // later pg drop the probe, this fails, and requirePg can go.
  it.runIf(typeof (globalThis as { navigator?: unknown }).navigator === 'undefined')('shows how pg loads without it: the probe loads undici', async () => {
    const result = await inFreshNode(`
      await import('pg');
      console.log(JSON.stringify({ undici: process.moduleLoadList.some((name) => name.includes('undici')) }));`);
    expect(result).toEqual({ undici: true });
  }, 30_000);
});
