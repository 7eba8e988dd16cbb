import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import type { StartupLog, StoreEndpoints } from './embedded-stores.js';

/** The projector, next to this API in the build (dist/apps/openbank/src → dist/apps/openbank-projector/src). */
const projectorEntry = new URL('../../../../apps/openbank-projector/src/main.js', import.meta.url);
const restartDelayMs = 1000;

/**
 * Keeps one projector running as a child of the API (`npm start`: one command runs the whole bank):
 * started on the API's stores, started again when it dies, stopped with the API.
 */
export class ProjectorChild {
  private child?: ChildProcess;
  private stopping = false;

  constructor(
    private readonly stores: StoreEndpoints,
    private readonly log: StartupLog,
  ) {}

  start(): void {
    if (!existsSync(projectorEntry)) throw new Error(`no projector build at ${projectorEntry.pathname}: run npm run build`);
    const child = fork(projectorEntry, [], {
      env: { ...process.env, KURRENTDB_CONNECTION_STRING: this.stores.kurrentdb, MONGODB_URI: this.stores.mongodb },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    this.child = child;
    this.log('started a projector', { pid: child.pid });
    child.once('exit', (code, signal) => {
      if (this.stopping) return;
      this.log('the projector stopped; starting another', { code, signal });
      void sleep(restartDelayMs).then(() => !this.stopping && this.start());
    });
  }

  async stop(): Promise<void> {
    this.stopping = true;
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  }
}
