import { fork, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Environment } from '../config/environment.js';
import type { EmbeddedStoreKind, EmbeddedStoreReady } from './embedded-store.process.js';

/** Where the application finds its two stores. */
export interface StoreEndpoints {
  readonly kurrentdb: string;
  readonly mongodb: string;
}

export interface ResolvedStores extends StoreEndpoints {
  /** Neither store was configured: both are the embedded ones. */
  readonly embedded: boolean;
  /** Stops the embedded stores this process started (none when real stores are configured). */
  stop(): Promise<void>;
}

const startTimeoutMs = 60_000;

/**
 * Uses the stores named in the environment; for each one that is not, starts the embedded
 * server in a child process with its data under DATA_DIR, so data is kept across restarts.
 */
/** Where start-up progress is reported (the application's logger does not exist yet). */
export type StartupLog = (message: string, fields: Record<string, unknown>) => void;

export async function resolveStores(environment: Environment, log: StartupLog): Promise<ResolvedStores> {
  const children: ChildProcess[] = [];
  const stop = () => Promise.all(children.map(stopChild)).then(() => undefined);
  try {
    const kurrentdb = environment.KURRENTDB_CONNECTION_STRING ?? (await startChild('kurrentdb', environment, children, log));
    const mongodb = environment.MONGODB_URI ?? (await startChild('mongodb', environment, children, log));
    return { kurrentdb, mongodb, embedded: !environment.KURRENTDB_CONNECTION_STRING && !environment.MONGODB_URI, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function startChild(kind: EmbeddedStoreKind, environment: Environment, children: ChildProcess[], log: StartupLog): Promise<string> {
  const dataDir = resolve(environment.DATA_DIR, kind);
  mkdirSync(dataDir, { recursive: true });
  const script = new URL('./embedded-store.process.js', import.meta.url);
  const child = fork(script, [kind, dataDir, '0'], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
  children.push(child);
  const address = await readyAddress(kind, child);
  const variable = kind === 'kurrentdb' ? 'KURRENTDB_CONNECTION_STRING' : 'MONGODB_URI';
  log(`no ${variable} set: started the embedded ${kind} server`, { address, dataDir, pid: child.pid });
  return address;
}

function readyAddress(kind: EmbeddedStoreKind, child: ChildProcess): Promise<string> {
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolveAddress, reject) => {
    const timer = setTimeout(() => reject(new Error(`the embedded ${kind} server did not start within ${startTimeoutMs / 1000} s`)), startTimeoutMs);
    child.once('message', (message: EmbeddedStoreReady) => {
      clearTimeout(timer);
      resolveAddress(message.ready);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the embedded ${kind} server exited (code ${code}): ${stderr.trim() || 'no message'}`));
    });
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolveStopped) => {
    child.once('exit', () => resolveStopped());
    child.kill('SIGTERM');
  });
}
