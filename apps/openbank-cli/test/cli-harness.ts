import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** The `openbank` command as npx runs it (package.json "bin"). */
export const openbankBin = resolve(import.meta.dirname, '../bin/openbank.js');

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** A data directory of its own, so no pid or log file of a real run is found; created only by `start`. */
export function scratchDataDir(): string {
  return join(tmpdir(), `openbank-cli-${randomUUID()}`);
}

/**
 * Runs `openbank <args>` as a process, the way an operator does, with its output captured and
 * only the given environment (no OPENBANK_* or DATA_DIR of the machine running the specs).
 */
export function openbank(args: string[], env: Record<string, string | undefined> = {}): Promise<CliRun> {
  return spawnOpenbank(args, env).finished;
}

export interface RunningCli {
  readonly child: ChildProcessWithoutNullStreams;
  /** What it printed so far. */
  output(): CliRun;
  readonly finished: Promise<CliRun>;
}

/** Starts `openbank <args>` and returns at once: for commands that run until interrupted (logs -f). */
export function spawnOpenbank(args: string[], env: Record<string, string | undefined> = {}): RunningCli {
  const child = spawn(process.execPath, [openbankBin, ...args], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, DATA_DIR: scratchDataDir(), ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const finished = new Promise<CliRun>((resolveRun, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolveRun({ code, stdout, stderr }));
  });
  return { child, output: () => ({ code: child.exitCode, stdout, stderr }), finished };
}
