import { KurrentDBClient, START } from '@kurrent/kurrentdb-client';

/** Reads the whole of $all through the client, as fast as it comes: events and events/s. */
export async function rawReadAll(connectionString: string): Promise<{ events: number; perSecond: number }> {
  const client = KurrentDBClient.connectionString`${connectionString}`;
  try {
    const started = performance.now();
    let events = 0;
    for await (const _ of client.readAll({ fromPosition: START, maxCount: Number.MAX_SAFE_INTEGER })) events++;
    return { events, perSecond: events / ((performance.now() - started) / 1000) };
  } finally {
    await client.dispose();
  }
}

/** A catch-up subscription to $all from its start, until it has delivered `events`: events/s. */
export async function rawSubscription(connectionString: string, events: number): Promise<number> {
  const client = KurrentDBClient.connectionString`${connectionString}`;
  const subscription = client.subscribeToAll({ fromPosition: START });
  try {
    const started = performance.now();
    let delivered = 0;
    for await (const _ of subscription) if (++delivered >= events) break;
    return delivered / ((performance.now() - started) / 1000);
  } finally {
    await subscription.unsubscribe();
    await client.dispose();
  }
}
