/**
 * Runs the CLI in a child process, so tests can kill it like a crash would.
 * Node is started with tsx's loader directly (no npx/npm shell in between), so the pid we
 * signal is the server's own.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const packageRoot = path.resolve(import.meta.dirname, '../..');
const cli = path.join(packageRoot, 'src/cli.ts');

export interface ChildServer {
  child: ChildProcess;
  connectionString: string;
  /** Resolves with the exit code (or the signal) once the process is gone. */
  exited: Promise<number | NodeJS.Signals>;
  stdout: () => string;
  stderr: () => string;
}

export function runCli(args: string[]): { child: ChildProcess; exited: Promise<number | NodeJS.Signals>; stdout: () => string; stderr: () => string } {
  const child = spawn(process.execPath, ['--import', 'tsx', cli, ...args], { cwd: packageRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  const exited = new Promise<number | NodeJS.Signals>((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal!)));
  return { child, exited, stdout: () => out, stderr: () => err };
}

/** Starts the CLI on a free port and waits for its `listening on …` line. */
export async function startChildServer(dataDir: string | undefined, extra: string[] = []): Promise<ChildServer> {
  const run = runCli(['--port', '0', ...(dataDir === undefined ? [] : ['--data', dataDir]), ...extra]);
  const connectionString = await new Promise<string>((resolve, reject) => {
    const poll = setInterval(() => {
      const match = /^listening on (kurrentdb:\/\/\S+)$/m.exec(run.stdout());
      if (match) {
        clearInterval(poll);
        resolve(match[1]);
      }
    }, 20);
    void run.exited.then((code) => {
      clearInterval(poll);
      reject(new Error(`server exited with ${code} before listening: ${run.stderr()}`));
    });
  });
  return { ...run, connectionString };
}

export function temporaryDirectory(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'embedded-kurrentdb-'));
}

/**
 * A target for specs that must not load the server into the test process (the old
 * @eventstore/db-client shares google-protobuf's global namespace with the new client's
 * generated code): an in-memory server in a child process, or the real node when configured.
 */
export function useChildTarget(): () => string {
  let server: ChildServer | undefined;
  let connectionString: string | undefined;
  beforeAll(async () => {
    if (process.env.KURRENTDB_CONNECTION_STRING) {
      connectionString = process.env.KURRENTDB_CONNECTION_STRING;
      return;
    }
    server = await startChildServer(undefined);
    connectionString = server.connectionString;
  });
  afterAll(async () => {
    if (!server) return;
    server.child.kill('SIGTERM');
    await server.exited;
  });
  return () => {
    if (!connectionString) throw new Error('the target is not started yet');
    return connectionString;
  };
}
