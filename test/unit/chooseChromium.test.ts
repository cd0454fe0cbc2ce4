import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { chooseChromium } from '../support/launchChromium.ts';

// The browser tests find a Chromium without anything installed by hand, and say what to do when none fits.
describe('chooseChromium', () => {
  const nowhere = ['/nonexistent/chromium'];

  it('uses CHROMIUM_PATH when set, and names it when it points at nothing', async () => {
    const node = process.execPath;
    expect(await chooseChromium({ env: { CHROMIUM_PATH: node }, platform: 'linux', arch: 'x64', systemPaths: nowhere })).toMatchObject({ executablePath: node, source: 'CHROMIUM_PATH' });
    await expect(chooseChromium({ env: { CHROMIUM_PATH: '/nonexistent/chrome' }, platform: 'linux', arch: 'x64', systemPaths: nowhere })).rejects.toThrow(
      'CHROMIUM_PATH=/nonexistent/chrome names no file',
    );
  });

  it('prefers the system Chromium to the packaged one', async () => {
    const node = process.execPath;
    expect(await chooseChromium({ env: {}, platform: 'linux', arch: 'x64', systemPaths: [...nowhere, node] })).toMatchObject({ executablePath: node, source: 'system' });
  });

  it('on a platform the package does not serve, says to set CHROMIUM_PATH', async () => {
    await expect(chooseChromium({ env: {}, platform: 'darwin', arch: 'arm64', systemPaths: nowhere })).rejects.toThrow(/darwin\/arm64.*Linux x64 only.*CHROMIUM_PATH/);
  });

  it.runIf(process.platform === 'linux' && process.arch === 'x64')('on Linux x64 without one, unpacks the Chromium inside @sparticuz/chromium', async () => {
    const choice = await chooseChromium({ env: {}, platform: 'linux', arch: 'x64', systemPaths: nowhere });
    expect(choice.source).toBe('@sparticuz/chromium');
    expect(existsSync(choice.executablePath)).toBe(true);
    expect(choice.args).toContain('--no-sandbox');
    expect(choice.args).not.toContain('--single-process');
  });
});
