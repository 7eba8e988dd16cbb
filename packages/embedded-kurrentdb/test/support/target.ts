/**
 * Where the conformance suite runs: a fresh embedded server per spec file, or the real KurrentDB
 * named by KURRENTDB_CONNECTION_STRING (then every case runs against it instead). Cases use
 * unique stream names and never assume an empty store, so a shared real node is fine.
 */
import { KurrentDBClient } from '@kurrent/kurrentdb-client';
import { startEmbeddedKurrentDB, type EmbeddedKurrentDB, type EmbeddedKurrentDBOptions } from '../../src/index.js';

export const realNode = process.env.KURRENTDB_CONNECTION_STRING;
export { collect, eventually, rejection, streamName, uniqueCategory } from './helpers.js';

export interface Target {
  connectionString: string;
  /** The embedded server, when the suite is not pointed at a real node. */
  embedded: EmbeddedKurrentDB | undefined;
  client: KurrentDBClient;
}

/**
 * Starts the target for one spec file and closes everything after it. `options` only configure
 * the embedded server; a real node must be started with the matching settings (see README).
 */
export function useTarget(options: EmbeddedKurrentDBOptions = {}): () => Target {
  let target: Target | undefined;
  beforeAll(async () => {
    const embedded = realNode ? undefined : await startEmbeddedKurrentDB(options);
    const connectionString = realNode ?? embedded!.connectionString;
    target = { connectionString, embedded, client: KurrentDBClient.connectionString(connectionString) };
  });
  afterAll(async () => {
    await target?.client.dispose();
    await target?.embedded?.stop();
  });
  return () => {
    if (!target) throw new Error('the target is not started yet');
    return target;
  };
}

/** What a subscription did, in order: 'confirmation', 'caughtUp', events and checkpoints. */
export type SubscriptionEntry =
  | { kind: 'confirmation' }
  | { kind: 'caughtUp' }
  | { kind: 'event'; streamId: string; revision: bigint; type: string; commit: bigint | undefined }
  | { kind: 'checkpoint'; commit: bigint };

interface ObservableSubscription extends AsyncIterable<{ event?: { streamId: string; revision: bigint; type: string }; commitPosition?: bigint }> {
  on(event: 'confirmation' | 'caughtUp', listener: () => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  unsubscribe(): Promise<void>;
}

/**
 * Records a subscription until `done` says enough, then unsubscribes. Rejects with the
 * subscription's error, or after `timeoutMs`. Checkpoints reach `checkpoints` through the
 * caller's callback rather than through this function, so `done` is asked again after each one.
 */
export function record(
  subscription: ObservableSubscription,
  done: (log: SubscriptionEntry[]) => boolean,
  checkpoints?: SubscriptionEntry[],
  timeoutMs = 15000,
): Promise<SubscriptionEntry[]> {
  const log = checkpoints ?? [];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void subscription.unsubscribe();
      reject(new Error(`subscription did not finish in time: ${JSON.stringify(log.map((e) => e.kind))}`));
    }, timeoutMs);
    let finished = false;
    const check = () => {
      if (finished || !done(log)) return;
      finished = true;
      clearTimeout(timer);
      void subscription.unsubscribe().then(() => resolve(log));
    };
    // This function's own entries are checked right away; the caller's checkpoints once added.
    const append = log.push.bind(log);
    log.push = (...entries) => {
      const length = append(...entries);
      queueMicrotask(check);
      return length;
    };
    subscription.on('confirmation', () => {
      append({ kind: 'confirmation' });
      check();
    });
    subscription.on('caughtUp', () => {
      append({ kind: 'caughtUp' });
      check();
    });
    subscription.on('error', (error) => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      reject(error);
    });
    void (async () => {
      try {
        for await (const resolved of subscription) {
          const event = resolved.event!;
          append({ kind: 'event', streamId: event.streamId, revision: event.revision, type: event.type, commit: resolved.commitPosition });
          check();
          if (finished) break;
        }
      } catch {
        // reported through the 'error' listener
      }
    })();
  });
}

export const eventsOf = (log: SubscriptionEntry[]) =>
  log.filter((entry): entry is Extract<SubscriptionEntry, { kind: 'event' }> => entry.kind === 'event');
