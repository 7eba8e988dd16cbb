import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const PACKAGE_ROOT = join(import.meta.dirname, '..');
const CLI = join(PACKAGE_ROOT, 'src', 'cli.ts');
/** tsx as a loader (not its CLI, which forks): signals, kill -9 included, reach the server itself. */
const NODE_ARGS = ['--import', 'tsx', CLI];

export interface ServerProcess {
  readonly child: ChildProcess;
  readonly uri: string;
  /** Everything the process wrote to stdout so far. */
  stdout(): string;
  stderr(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const running = new Set<ChildProcess>();

/** Kills any server a failed spec left running, so no process outlives the test run. */
export function killLeftovers(): void {
  for (const child of running) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  running.clear();
}

/** Runs the CLI (`mongodb:embedded`) as a child process and waits for its "listening on" line. */
export async function spawnServer(args: string[]): Promise<ServerProcess> {
  const child = spawn(process.execPath, NODE_ARGS.concat(args), { cwd: PACKAGE_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  child.once('exit', () => running.delete(child));
  let out = '';
  let err = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const uri = await new Promise<string>((resolve, reject) => {
    const check = () => {
      const m = /^listening on (mongodb:\/\/127\.0\.0\.1:\d+)$/m.exec(out);
      if (m) resolve(m[1]);
    };
    child.stdout?.on('data', check);
    void exited.then(({ code }) => reject(new Error(`server exited with ${code}: ${err}`)));
  });
  return { child, uri, stdout: () => out, stderr: () => err, exited };
}

/** Runs the CLI expecting it to fail at start-up; resolves with its exit code and stderr. */
export async function runFailingServer(args: string[]): Promise<{ code: number | null; stderr: string; stdout: string }> {
  const child = spawn(process.execPath, NODE_ARGS.concat(args), { cwd: PACKAGE_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
  return { code, stderr: err, stdout: out };
}
