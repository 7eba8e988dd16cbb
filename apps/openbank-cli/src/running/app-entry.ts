import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * How to run the application next to this CLI: from the TypeScript sources when the CLI itself
 * runs from them (through the loader in apps/openbank-cli/bin), from the build otherwise.
 */
export function applicationArguments(): string[] {
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith('.ts')) {
    const root = resolve(dirname(here), '../../../..');
    return ['--import', pathToFileURL(join(root, 'apps/openbank-cli/bin/register-typescript.js')).href, join(root, 'apps/openbank/src/main.ts')];
  }
  // dist/apps/openbank-cli/src/running/app-entry.js → dist/apps/openbank/src/main.js
  return [resolve(dirname(here), '../../../openbank/src/main.js')];
}

/** The repository (or unpacked package) this CLI belongs to, where docker-compose.yml lives. */
export function projectRoot(): string {
  const here = fileURLToPath(import.meta.url);
  const root = resolve(dirname(here), '../../../..');
  // From the build, one level deeper: dist/apps/openbank-cli/src/running.
  return here.endsWith('.ts') ? root : resolve(root, '..');
}
