import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { CliIo } from '../cli-io.js';
import { projectRoot } from './app-entry.js';
import { isOpenBankProcess } from './processes.js';

/** Where `openbank start` keeps what it needs to find the application again: under DATA_DIR. */
export interface AppFiles {
  readonly dataDir: string;
  readonly pidFile: string;
  readonly logFile: string;
  /** Present while OpenBank runs on docker-compose: the compose file it was started with. */
  readonly dockerFile: string;
}

export function appFiles(io: CliIo): AppFiles {
  // A relative DATA_DIR is the project's, as with `npm start`, wherever the command is run from.
  const dataDir = resolve(projectRoot(), io.env.DATA_DIR || './data');
  return { dataDir, pidFile: join(dataDir, 'openbank.pid'), logFile: join(dataDir, 'openbank.log'), dockerFile: join(dataDir, 'openbank.docker') };
}

/** The pid of the application `openbank start` started, if it still runs; a stale pid file is removed. */
export function runningPid(files: AppFiles): number | undefined {
  if (!existsSync(files.pidFile)) return undefined;
  const pid = Number(readFileSync(files.pidFile, 'utf8').trim());
  if (Number.isInteger(pid) && pid > 0 && isOpenBankProcess(pid)) return pid;
  rmSync(files.pidFile, { force: true });
  return undefined;
}

/** The compose file OpenBank was started on docker-compose with, if it was. */
export function dockerComposeFile(files: AppFiles): string | undefined {
  return existsSync(files.dockerFile) ? readFileSync(files.dockerFile, 'utf8').trim() : undefined;
}

/** The last lines of the log, to show why a start failed. */
export function logTail(files: AppFiles, lines: number): string {
  if (!existsSync(files.logFile)) return '';
  return readFileSync(files.logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
}
