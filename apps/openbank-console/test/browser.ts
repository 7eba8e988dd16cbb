import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { chromium, type Browser } from 'playwright-core';

const consoleRoot = resolve(import.meta.dirname, '..');
const repositoryRoot = resolve(consoleRoot, '..', '..');

/** Builds the console when a source is newer than its last build (a few seconds), as `npm start` does. */
export function buildConsoleIfStale(): void {
  execFileSync(process.execPath, [join(consoleRoot, 'scripts', 'build.mjs'), '--if-stale'], { stdio: ['ignore', 'inherit', 'inherit'], cwd: repositoryRoot });
}

/**
 * Debian's Chromium (apt-get install -y chromium), or the browser CHROMIUM_PATH names. Playwright's
 * own browser download is not used.
 */
export function chromiumExecutable(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].filter((path): path is string => !!path);
  const found = candidates.find((path) => existsSync(path));
  if (!found) throw new Error(`no Chromium at ${candidates.join(', ')}: install Debian's (apt-get install -y chromium) or set CHROMIUM_PATH`);
  return found;
}

export function launchChromium(): Promise<Browser> {
  // --no-sandbox: CI runs as root in a container, where Chromium's sandbox cannot start.
  return chromium.launch({ executablePath: chromiumExecutable(), headless: true, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
}

/** Where the specs write their screenshots: SCREENSHOTS_DIR (`npm run console:screenshots` names docs/screenshots), else under the console's build. */
export function screenshotsDirectory(): string {
  const configured = process.env.SCREENSHOTS_DIR;
  const directory = configured ? (isAbsolute(configured) ? configured : join(repositoryRoot, configured)) : join(consoleRoot, 'dist', 'screenshots');
  mkdirSync(directory, { recursive: true });
  return directory;
}
