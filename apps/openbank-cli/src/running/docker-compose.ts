import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { OutputStream } from '../cli-io.js';
import { CliError, ExitCode } from '../exit-codes.js';
import { projectRoot } from './app-entry.js';

/** The services of docker-compose.yml that run OpenBank: the API, and the projectors beside it. */
export const appServices = ['openbank', 'projector'];

/** The project's compose file, once a Docker engine is known to answer; a clear error otherwise. */
export function dockerCompose(env: Readonly<Record<string, string | undefined>>): string {
  const probe = spawnSync('docker', ['info', '--format', '{{.ServerVersion}}'], { env, encoding: 'utf8', timeout: 20_000 });
  const fallback = 'run `openbank start` without --docker to use the embedded stores';
  if (probe.error) {
    const reason = (probe.error as NodeJS.ErrnoException).code === 'ENOENT' ? 'the `docker` command is not installed' : probe.error.message;
    throw new CliError(ExitCode.Failed, `--docker needs a Docker engine, but ${reason}: ${fallback}`);
  }
  if (probe.status !== 0) {
    const said = (probe.stderr || probe.stdout).trim().split('\n').at(-1) ?? '';
    throw new CliError(ExitCode.Failed, `--docker needs a running Docker engine, but \`docker info\` failed${said ? ` (${said})` : ''}: ${fallback}`);
  }
  const file = join(projectRoot(), 'docker-compose.yml');
  if (!existsSync(file)) throw new CliError(ExitCode.Failed, `no docker-compose.yml at ${file}`);
  return file;
}

/** Runs `docker compose -f <file> …`, its output going to `out`; resolves with its exit status. */
export function compose(file: string, args: string[], env: Readonly<Record<string, string | undefined>>, out: OutputStream, signal?: AbortSignal): Promise<number> {
  return new Promise((resolveStatus, reject) => {
    const child = spawn('docker', ['compose', '-f', file, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'], signal });
    child.stdout.on('data', (chunk: Buffer) => out.write(chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => out.write(chunk.toString()));
    child.on('error', (error) => ((error as Error).name === 'AbortError' ? resolveStatus(0) : reject(error)));
    child.on('close', (status) => resolveStatus(status ?? 1));
  });
}
