import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

export const repositoryRoot = join(import.meta.dirname, '..', '..');

export interface StartedProcess {
  readonly child: ChildProcess;
  /** What the process printed after "listening on". */
  readonly address: string;
  stop(): Promise<void>;
}

/**
 * Starts a process and waits until it prints `listening on <address>`. Benchmarks run every
 * server in a process of its own, so load generator, application and stores never share an
 * event loop.
 */
export function startListeningProcess(args: string[], env: NodeJS.ProcessEnv = {}): Promise<StartedProcess> {
  const child = spawn(process.execPath, args, { cwd: repositoryRoot, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (\S+)/.exec(output);
      if (match) resolve({ child, address: match[1], stop: () => stopProcess(child) });
    });
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited with code ${code}`)));
  });
}

export function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** The embedded KurrentDB in its own process (in memory, or on `dataDir`). */
export function startKurrentDBProcess(dataDir?: string): Promise<StartedProcess> {
  return startListeningProcess(['--max-old-space-size=8192', '--import', 'tsx', 'libs/embedded-kurrentdb/src/cli.ts', '--port', '0', ...(dataDir ? ['--data', dataDir] : [])]);
}

/** The embedded MongoDB in its own process (in memory, or on `dataDir`). */
export function startMongoProcess(dataDir?: string): Promise<StartedProcess> {
  return startListeningProcess(['--max-old-space-size=8192', '--import', 'tsx', 'libs/embedded-mongodb/src/cli.ts', '--port', '0', ...(dataDir ? ['--data', dataDir] : [])]);
}
