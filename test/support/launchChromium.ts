import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';

/** Where the system's Chromium usually lives (Debian, Ubuntu, Fedora, Arch, macOS). */
const SYSTEM_CHROMIUMS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/lib/chromium/chromium',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

/** Flags for a system Chromium in a container or CI, where there is no display and often no user namespace. */
const SYSTEM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'];

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Which Chromium the browser tests run, and with what flags. */
export interface ChromiumChoice {
  executablePath: string;
  args: string[];
  /** Where it came from, for the test log. */
  source: 'CHROMIUM_PATH' | 'system' | '@sparticuz/chromium';
}

/**
 * Picks the Chromium for the console's browser tests without downloading anything: `CHROMIUM_PATH`
 * when set (an error when it names nothing), else the system's Chromium, else the build shipped
 * inside the npm package `@sparticuz/chromium` (Linux x64), unpacked once into
 * `node_modules/.cache` with the package's recommended flags. Throws, saying what to do, on a
 * platform none of them serves.
 */
export async function chooseChromium(
  host: { env: NodeJS.ProcessEnv; platform: NodeJS.Platform; arch: string; systemPaths: readonly string[] } = {
    env: process.env,
    platform: process.platform,
    arch: process.arch,
    systemPaths: SYSTEM_CHROMIUMS,
  },
): Promise<ChromiumChoice> {
  const { env, platform, arch, systemPaths } = host;
  if (env.CHROMIUM_PATH) {
    if (!existsSync(env.CHROMIUM_PATH)) throw new Error(`CHROMIUM_PATH=${env.CHROMIUM_PATH} names no file: point it at a Chromium or Chrome executable, or unset it.`);
    return { executablePath: env.CHROMIUM_PATH, args: SYSTEM_ARGS, source: 'CHROMIUM_PATH' };
  }
  const system = systemPaths.find((path) => existsSync(path));
  if (system) return { executablePath: system, args: SYSTEM_ARGS, source: 'system' };
  if (platform === 'linux' && arch === 'x64') return packagedChromium();
  throw new Error(
    `No Chromium for the browser tests on ${platform}/${arch}: none at ${systemPaths.join(', ')}, and the one inside @sparticuz/chromium runs on Linux x64 only. ` +
      'Install Chromium (or Chrome) and set CHROMIUM_PATH to its executable.',
  );
}

/** Launches the chosen Chromium headless with playwright-core (which never downloads a browser). */
export async function launchChromium(): Promise<Browser> {
  const choice = await chooseChromium();
  return chromium.launch({ executablePath: choice.executablePath, args: choice.args });
}

/**
 * The Chromium inside `@sparticuz/chromium`. The package unpacks its brotli archives into
 * `os.tmpdir()` and reuses whatever `chromium` it finds there, so two test files (or two
 * checkouts holding other versions) could launch a half-written or foreign binary: unpack into a
 * private directory, then move it into place under the package's version in one rename.
 */
async function packagedChromium(): Promise<ChromiumChoice> {
  const { default: sparticuz } = await import('@sparticuz/chromium');
  // The package's exports do not include its package.json.
  const { version } = JSON.parse(await readFile(join(root, 'node_modules', '@sparticuz', 'chromium', 'package.json'), 'utf8')) as { version: string };
  const home = join(root, 'node_modules', '.cache', `sparticuz-chromium-${version}`);
  const executablePath = join(home, 'chromium');
  if (!existsSync(executablePath)) {
    await mkdir(dirname(home), { recursive: true });
    const staging = await mkdtemp(join(dirname(home), 'sparticuz-chromium-unpacking-'));
    const tmpdir = process.env.TMPDIR;
    // executablePath() unpacks into os.tmpdir(), which reads TMPDIR at each call.
    process.env.TMPDIR = staging;
    try {
      await sparticuz.executablePath();
    } finally {
      if (tmpdir === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = tmpdir;
    }
    // Another test file may have finished first: keep its copy.
    await rename(staging, home).catch(async (error: unknown) => {
      await rm(staging, { recursive: true, force: true });
      if (!existsSync(executablePath)) throw error;
    });
  }
  // The package's flags, less --single-process (for AWS Lambda's sandbox): in one process, Playwright's
  // browser contexts share their storage, so a second page of the tests starts signed in.
  return { executablePath, args: sparticuz.args.filter((arg) => arg !== '--single-process'), source: '@sparticuz/chromium' };
}
