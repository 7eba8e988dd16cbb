import { randomUUID } from 'node:crypto';
import { KurrentDBClient, jsonEvent } from '@kurrent/kurrentdb-client';
import type { LoadResult } from './load.js';
import { summarize } from './statistics.js';

/** Single-event appends straight through the client, `concurrency` at a time: the store's own rate. */
export async function rawAppends(connectionString: string, concurrency: number, seconds: number): Promise<LoadResult> {
  const client = KurrentDBClient.connectionString`${connectionString}`;
  const durations: number[] = [];
  const end = performance.now() + seconds * 1000;
  try {
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (performance.now() < end) {
          const started = performance.now();
          await client.appendToStream(`raw-${randomUUID()}`, jsonEvent({ type: 'RawAppended', data: { at: Date.now() } }));
          durations.push(performance.now() - started);
        }
      }),
    );
  } finally {
    await client.dispose();
  }
  const summary = summarize(durations);
  const perSecond = durations.length / seconds;
  return { requestsPerSecond: perSecond, okPerSecond: perSecond, ok: durations.length, p50: summary.p50, p99: summary.p99, requests: durations.length, failures: 0, failureKinds: '' };
}
