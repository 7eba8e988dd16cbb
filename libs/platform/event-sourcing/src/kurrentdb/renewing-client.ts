import { KurrentDBClient } from '@kurrent/kurrentdb-client';
import { finishedRead } from './finished-read.js';
import { isEventStoreOutage } from './store-errors.js';

export interface ClientRenewal {
  /** Makes a new client on the same connection string. */
  readonly newClient: () => KurrentDBClient;
  /** How long reads must have failed as an outage, with no read succeeding between, before a new client is made. */
  readonly afterMs: number;
  /** How long a replaced client is kept for what still runs on it (subscriptions end and reconnect by themselves). */
  readonly retireAfterMs?: number;
}

/** The client methods whose reads go through its native connection, and are watched. */
const watchedReads = new Set<string | symbol>(['readStream', 'readAll']);

/** The `deadline` a read was given in its options (the last argument), if any. */
const deadlineOf = (options: unknown): number | undefined => {
  const deadline = (options as { deadline?: unknown } | undefined)?.deadline;
  return typeof deadline === 'number' && Number.isFinite(deadline) ? deadline : undefined;
};

/**
 * The KurrentDB client the application shares, renewed when its reads stay broken. Reads go
 * through the client's native connection, which was seen to keep failing after the store came
 * back, while other processes read and wrote (under kill -9 of the store, several times in a row):
 * once every read has failed as an outage for `afterMs`, the next calls go to a new client. During a
 * real outage that makes a new client every `afterMs`, which costs nothing. Reads are also read to
 * their end when their caller stops early, and held to their deadline (see finishedRead).
 * Everything else is the client's own: callers see a KurrentDBClient.
 */
export function renewingClient(renewal: ClientRenewal): KurrentDBClient {
  let current = renewal.newClient();
  /** The current client's methods as handed out, made once per client rather than on every call. */
  let methods = new Map<string | symbol, unknown>();
  let failingSince: number | undefined;
  const retiring = new Set<KurrentDBClient>();

  const succeeded = () => (failingSince = undefined);
  const failed = (error: unknown) => {
    if (!isEventStoreOutage(error)) return;
    const now = Date.now();
    failingSince ??= now;
    if (now - failingSince < renewal.afterMs) return;
    const broken = current;
    current = renewal.newClient();
    methods = new Map();
    failingSince = now;
    retiring.add(broken);
    setTimeout(() => void broken.dispose().catch(() => undefined).finally(() => retiring.delete(broken)), renewal.retireAfterMs ?? 30_000).unref();
  };

  async function* watched<T>(reads: AsyncIterable<T>, deadlineMs: number | undefined): AsyncGenerator<T> {
    try {
      for await (const read of finishedRead(reads, deadlineMs)) {
        succeeded();
        yield read;
      }
      succeeded();
    } catch (error) {
      failed(error);
      throw error;
    }
  }

  return new Proxy({} as KurrentDBClient, {
    get(_, property) {
      if (property === 'dispose') return () => Promise.all([current.dispose(), ...[...retiring].map((client) => client.dispose())]).then(() => undefined);
      const known = methods.get(property);
      if (known) return known;
      const value = Reflect.get(current, property, current);
      if (typeof value !== 'function') return value;
      const client = current;
      const method = watchedReads.has(property) ? (...args: unknown[]) => watched(value.apply(client, args) as AsyncIterable<unknown>, deadlineOf(args.at(-1))) : value.bind(client);
      methods.set(property, method);
      return method;
    },
  });
}
