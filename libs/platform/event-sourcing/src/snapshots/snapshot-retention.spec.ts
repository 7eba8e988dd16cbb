import { randomUUID } from 'node:crypto';
import { InMemoryEventStore, startEventSourcing, testContext, type EventSourcingHarness } from '@openbank/testing';
import { Counter, increment } from '../../test/counter.aggregate.js';
import type { EventSourcingOptions } from '../event-sourcing.options.js';
import { NO_REVISION } from '../repository/event-sourcing.repository.js';
import type { ReadOptions, StoredEvent } from '../store/event-store.port.js';
import { aggregateStreamName, snapshotStreamName } from '../stream-names.js';

/** The in-memory store, telling what it was asked: retention settings, and where each read of a stream started. */
class WatchedStore extends InMemoryEventStore {
  readonly retention: { stream: string; count: number }[] = [];
  readonly readsFrom = new Map<string, ReadOptions['from'][]>();
  failRetention = 0;

  override async keepOnlyNewest(stream: string, count: number): Promise<void> {
    if (this.failRetention > 0 && this.failRetention--) throw new Error('the store is busy');
    this.retention.push({ stream, count });
    await super.keepOnlyNewest(stream, count);
  }

  override read(stream: string, options: ReadOptions): AsyncIterable<StoredEvent> {
    this.readsFrom.set(stream, [...(this.readsFrom.get(stream) ?? []), options.from]);
    return super.read(stream, options);
  }
}

describe('snapshot retention (MAX_SNAPSHOTS), on the in-memory store', () => {
  const start = Date.parse('2026-06-01T00:00:00Z');
  const minute = (n: number) => new Date(start + n * 60_000);
  let store: WatchedStore;
  const harnesses: EventSourcingHarness[] = [];

  beforeEach(() => {
    store = new WatchedStore();
  });

  afterEach(async () => {
    await Promise.all(harnesses.splice(0).map((harness) => harness.close()));
  });

  async function processWith(options: Partial<EventSourcingOptions>) {
    const harness = await startEventSourcing(store, [Counter], { snapshotEvery: 2, aggregateCacheSize: 0, ...options });
    harnesses.push(harness);
    return harness;
  }

  /** `count` increments of 1, the i-th (from `from`) at minute i. */
  async function increments(harness: EventSourcingHarness, id: string, count: number, from = 0) {
    for (let i = from; i < from + count; i++) {
      harness.clock.set(minute(i));
      await harness.runner.execute(Counter, id, testContext, increment(1));
    }
  }

  async function keptSnapshots(id: string): Promise<string[]> {
    const revisions: string[] = [];
    for await (const { data } of store.read(snapshotStreamName('counter', id), { from: 'start', direction: 'forwards' })) revisions.push((data as { revision: string }).revision);
    return revisions;
  }

  it('keeps only the newest N snapshots of a stream, setting that once when the process first writes the stream', async () => {
    const harness = await processWith({ maxSnapshots: 2 });
    const id = randomUUID();
    await increments(harness, id, 12);
    // A snapshot at revisions 1, 3, 5, 7, 9 and 11: the newest two are kept.
    expect(await keptSnapshots(id)).toEqual(['9', '11']);
    expect(store.retention).toEqual([{ stream: snapshotStreamName('counter', id), count: 2 }]);
  });

  it('loads a long stream from the newest snapshot, and travels to a point older than the oldest kept one by replaying from the start', async () => {
    const harness = await processWith({ maxSnapshots: 2 });
    const id = randomUUID();
    await increments(harness, id, 40);
    const stream = aggregateStreamName('counter', id);

    // Its first events, then (there are more) the events after the newest snapshot (revision 39).
    store.readsFrom.clear();
    expect(await harness.repository.load(Counter, id, { useCache: false })).toMatchObject({ revision: 39n, state: { total: 40 } });
    expect(store.readsFrom.get(stream)).toEqual(['start', 40n]);

    store.readsFrom.clear();
    expect(await harness.repository.loadAt(Counter, id, { revision: 4n })).toMatchObject({ revision: 4n, state: { total: 5, increments: 5 } });
    expect(await harness.repository.loadAt(Counter, id, { at: new Date(minute(2).getTime() + 30_000) })).toMatchObject({ revision: 2n, state: { total: 3 } });
    expect(await harness.repository.loadAt(Counter, id, { at: new Date(start - 1) })).toMatchObject({ revision: NO_REVISION, state: { total: 0 } });
    expect(store.readsFrom.get(stream)).toEqual(['start', 'start', 'start']);

    // A point after the oldest kept snapshot (revision 37) still starts from it.
    store.readsFrom.clear();
    expect(await harness.repository.loadAt(Counter, id, { revision: 38n })).toMatchObject({ revision: 38n, state: { total: 39 } });
    expect(store.readsFrom.get(stream)).toEqual([38n]);
  });

  it('reads a short stream whole from its start, without its snapshots', async () => {
    const harness = await processWith({ maxSnapshots: 2 });
    const id = randomUUID();
    await increments(harness, id, 12);
    store.readsFrom.clear();
    expect(await harness.repository.load(Counter, id, { useCache: false })).toMatchObject({ revision: 11n, state: { total: 12 } });
    expect(store.readsFrom.get(aggregateStreamName('counter', id))).toEqual(['start']);
  });

  it('brings a stream to a changed setting with its next snapshot', async () => {
    const id = randomUUID();
    await increments(await processWith({ maxSnapshots: 2 }), id, 8);
    expect(await keptSnapshots(id)).toEqual(['5', '7']);

    // The next process keeps three.
    const restarted = await processWith({ maxSnapshots: 3 });
    await increments(restarted, id, 4, 8);
    expect(await keptSnapshots(id)).toEqual(['7', '9', '11']);
    expect(store.retention.map(({ count }) => count)).toEqual([2, 3]);
    expect(await restarted.repository.loadAt(Counter, id, { revision: 6n })).toMatchObject({ revision: 6n, state: { total: 7 } });
  });

  it('keeps every snapshot when no maximum is set', async () => {
    const harness = await processWith({});
    const id = randomUUID();
    await increments(harness, id, 8);
    expect(await keptSnapshots(id)).toEqual(['1', '3', '5', '7']);
    expect(store.retention).toEqual([]);
  });

  it('never fails a command for a retention it could not set, and sets it with the next snapshot', async () => {
    const harness = await processWith({ maxSnapshots: 2 });
    const id = randomUUID();
    store.failRetention = 1;
    await increments(harness, id, 2);
    expect(store.retention).toEqual([]);
    await increments(harness, id, 6, 2);
    expect(store.retention).toEqual([{ stream: snapshotStreamName('counter', id), count: 2 }]);
    expect(await keptSnapshots(id)).toEqual(['5', '7']);
    expect(await harness.repository.load(Counter, id, { useCache: false })).toMatchObject({ revision: 7n, state: { total: 8 } });
  });
});
