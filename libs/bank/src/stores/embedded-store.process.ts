/**
 * Runs one embedded store in its own process, so the application, the event store and the read
 * store each get an event loop (and a core) of their own. Started by embedded-stores.ts with
 * `fork()`: reports its address over the IPC channel, and stops when the parent asks or dies.
 */
import { startEmbeddedKurrentDB } from '@openbank/embedded-kurrentdb';
import { startEmbeddedMongo } from '@openbank/embedded-mongodb';

export type EmbeddedStoreKind = 'kurrentdb' | 'mongodb';

export interface EmbeddedStoreReady {
  readonly ready: string;
}

async function main(): Promise<void> {
  const [kind, dataDir, port] = process.argv.slice(2) as [EmbeddedStoreKind, string, string];
  const options = { dataDir, port: Number(port) };
  const store =
    kind === 'kurrentdb'
      ? await startEmbeddedKurrentDB(options).then((started) => ({ address: started.connectionString, stop: started.stop }))
      : await startEmbeddedMongo(options).then((started) => ({ address: started.uri, stop: started.stop }));

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await store.stop();
    process.exit(0);
  };
  process.on('disconnect', () => void stop());
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
  process.send?.({ ready: store.address } satisfies EmbeddedStoreReady);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
