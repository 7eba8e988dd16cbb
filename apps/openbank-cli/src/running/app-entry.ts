import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { OutputStream } from '../cli-io.js';
import { CliError, ExitCode } from '../exit-codes.js';

const here = fileURLToPath(import.meta.url);
/** The CLI runs from its TypeScript sources (a clone of the repository), not from the build. */
const fromSources = here.endsWith('.ts');

/** The repository (or unpacked package) this CLI belongs to, where docker-compose.yml lives. */
export function projectRoot(): string {
  const root = resolve(dirname(here), '../../../..');
  // From the build, one level deeper: dist/apps/openbank-cli/src/running.
  return fromSources ? root : resolve(root, '..');
}

/** The application as `nest build` writes it: the API, and the projector it starts as its child. */
export interface AppBuild {
  readonly api: string;
  readonly projector: string;
}

export function appBuild(): AppBuild {
  const dist = join(projectRoot(), 'dist', 'apps');
  return { api: join(dist, 'openbank', 'src', 'main.js'), projector: join(dist, 'openbank-projector', 'src', 'main.js') };
}

/**
 * The build to run OpenBank from. The API forks its projector from the build (START_PROJECTOR), so
 * OpenBank runs from it, as `npm start` does. In a clone the build is made first when it is missing
 * or older than a source, one build at a time (the specs that build take the same lock).
 */
export async function freshBuild(out: OutputStream): Promise<AppBuild> {
  const build = appBuild();
  if (!fromSources) {
    if (!existsSync(build.api)) throw new CliError(ExitCode.Failed, `no build of OpenBank at ${build.api}`);
    return build;
  }
  if (await isFresh(build)) return build;
  const root = projectRoot();
  const cache = join(root, 'node_modules', '.cache');
  mkdirSync(cache, { recursive: true });
  const { default: lockfile } = await import('proper-lockfile');
  const release = await lockfile.lock(join(root, 'package.json'), { lockfilePath: join(cache, 'openbank-build.lock'), retries: { retries: 600, minTimeout: 250, maxTimeout: 1000 } });
  try {
    if (await isFresh(build)) return build;
    out.write(`building OpenBank (nest build): ${existsSync(build.api) ? 'the sources changed since the last build' : 'there is no build yet'}\n`);
    await promisify(execFile)(process.execPath, [join(root, 'node_modules', '@nestjs', 'cli', 'bin', 'nest.js'), 'build', 'openbank'], { cwd: root, maxBuffer: 16 * 1024 * 1024 }).catch((error: { stdout?: string; message: string }) => {
      throw new CliError(ExitCode.Failed, `the build failed (nest build): ${(error.stdout || error.message).trim().split('\n').slice(-20).join('\n')}`);
    });
  } finally {
    await release();
  }
  return build;
}

async function isFresh(build: AppBuild): Promise<boolean> {
  if (!existsSync(build.api) || !existsSync(build.projector)) return false;
  const built = Math.min(statSync(build.api).mtimeMs, statSync(build.projector).mtimeMs);
  return (await newestSource()) < built;
}

/** When a source of the application last changed: a TypeScript file of apps, libs or packages, or the build settings. */
async function newestSource(): Promise<number> {
  const root = projectRoot();
  const settings = ['tsconfig.json', 'tsconfig.build.json', 'nest-cli.json'];
  const sources = await Promise.all(
    ['apps', 'libs', 'packages'].map(async (folder) =>
      (await readdir(join(root, folder), { recursive: true }))
        .filter((file) => file.endsWith('.ts') && !file.endsWith('.spec.ts') && file.includes('/src/') && !file.includes('node_modules'))
        .map((file) => join(folder, file)),
    ),
  );
  // A file removed meanwhile (a checkout shared with others) counts for nothing.
  const times = await Promise.all([...settings, ...sources.flat()].map((file) => stat(join(root, file)).then((found) => found.mtimeMs, () => 0)));
  return Math.max(...times);
}
