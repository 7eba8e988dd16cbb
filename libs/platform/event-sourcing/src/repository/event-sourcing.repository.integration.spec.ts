import { randomUUID } from 'node:crypto';
import { BACKWARDS, END, FORWARDS, START, jsonEvent } from '@kurrent/kurrentdb-client';
import { startEventSourcing, startTestKurrentDB, testContext, type EventSourcingHarness, type TestStore } from '@openbank/testing';
import { Counter, CounterIncrementedV1, CounterLimitReached, increment, type CounterState } from '../../test/counter.aggregate.js';

import { ConcurrencyConflict } from '../commands/concurrency-conflict.js';
import { aggregateStreamName, snapshotStreamName } from '../stream-names.js';
import { NO_REVISION } from './event-sourcing.repository.js';
import { RevisionConflict } from '../store/event-store.port.js';

describe('EventSourcingRepository on KurrentDB', () => {
  let store: TestStore;
  let harness: EventSourcingHarness;

  beforeAll(async () => {
    store = await startTestKurrentDB();
    harness = await startEventSourcing(store.address, [Counter], { snapshotEvery: 10 });
  });

  afterAll(async () => {
    await harness?.close();
    await store?.stop();
  });

  const newId = () => randomUUID();

  async function readStream(stream: string) {
    const events = [];
    for await (const { event } of harness.client.readStream(stream, { fromRevision: START, direction: FORWARDS })) events.push(event!);
    return events;
  }

  it('loads an aggregate that does not exist as its initial state with no revision', async () => {
    const loaded = await harness.repository.load(Counter, newId(), { useCache: false });
    expect(loaded).toMatchObject({ state: { total: 0 }, revision: NO_REVISION });
  });

  it('appends with the exact expected revision and loads the state back', async () => {
    const id = newId();
    await harness.runner.execute(Counter, id, testContext, increment(2));
    const outcome = await harness.runner.execute(Counter, id, testContext, increment(3));
    expect(outcome).toMatchObject({ revision: 1n, state: { total: 5 } });
    expect(await harness.repository.load(Counter, id, { useCache: false })).toMatchObject({ revision: 1n, state: { total: 5, increments: 2 } });
  });

  it('stores correlation, causation, aggregate, time and principal on every event', async () => {
    const id = newId();
    harness.clock.set(new Date('2026-03-01T12:00:00Z'));
    await harness.runner.execute(Counter, id, { ...testContext, operationId: 'operation-1' }, increment(1));
    const [event] = await readStream(aggregateStreamName('counter', id));
    expect(event.type).toBe('CounterIncrementedV1');
    expect(event.metadata).toEqual({
      correlationId: 'correlation-1',
      causationId: 'cause-1',
      aggregateType: 'Counter',
      aggregateId: id,
      occurredAt: '2026-03-01T12:00:00.000Z',
      principal: 'tester',
      operationId: 'operation-1',
    });
  });

  it('gives every event an id of its own, so the store never takes an append for a repeat of another', async () => {
    const id = newId();
    const context = { ...testContext, operationId: 'retry-me' };
    const first = await harness.repository.load(Counter, id, { useCache: false });
    const appended = await harness.repository.append(Counter, id, first, [new CounterIncrementedV1({ by: 1 }), new CounterIncrementedV1({ by: 2 })], context);
    // The same append again, as another instance deciding on the same stale state would send it.
    await expect(harness.repository.append(Counter, id, first, [new CounterIncrementedV1({ by: 1 }), new CounterIncrementedV1({ by: 2 })], context)).rejects.toThrow(
      expect.any(RevisionConflict),
    );
    const stored = await readStream(aggregateStreamName('counter', id));
    expect(stored.map((event) => event.id)).toEqual(appended.eventIds);
    expect(new Set(appended.eventIds).size).toBe(2);
  });

  describe('an operation that may have run before', () => {
    it('answers with the events its earlier attempt recorded, instead of deciding a second time', async () => {
      const id = newId();
      const since = new Date('2026-01-01T00:00:00Z');
      harness.clock.set(new Date('2026-01-01T00:00:01Z'));
      const first = await harness.runner.execute(Counter, id, { ...testContext, operationId: 'op-1' }, increment(5));
      await harness.runner.execute(Counter, id, testContext, increment(1));
      // The same operation again, as after a crash between its append and its answer.
      const again = await harness.runner.execute(Counter, id, { ...testContext, operationId: 'op-1', earlierAttemptSince: since.toISOString() }, increment(5));
      expect(again).toMatchObject({ revision: first.revision, state: { total: 5 }, eventIds: first.eventIds });
      expect(again.events).toEqual([new CounterIncrementedV1({ by: 5 })]);
      expect(await harness.repository.load(Counter, id, { useCache: false })).toMatchObject({ revision: 1n, state: { total: 6 } });
    });

    it('answers with what another instance recorded for the same operation when its own append conflicts', async () => {
      const id = newId();
      await harness.runner.execute(Counter, id, testContext, increment(1));
      const other = await startEventSourcing(store.address, [Counter]);
      try {
        await harness.repository.load(Counter, id);
        // Another instance runs the operation (it took the Idempotency-Key over) while this one,
        // its first attempt, still decides on the state it had cached before.
        const theirs = await other.runner.execute(Counter, id, { ...testContext, operationId: 'op-3' }, increment(5));
        const ours = await harness.runner.execute(Counter, id, { ...testContext, operationId: 'op-3' }, increment(5));
        expect(ours).toMatchObject({ revision: theirs.revision, eventIds: theirs.eventIds, state: { total: 6 } });
        expect(await harness.repository.load(Counter, id, { useCache: false })).toMatchObject({ revision: 1n, state: { total: 6 } });
      } finally {
        await other.close();
      }
    });

    it('finds an earlier attempt written after a log position however many events came after it', async () => {
      const id = newId();
      const trigger = await harness.runner.execute(Counter, id, testContext, increment(1));
      const first = await harness.runner.execute(Counter, id, { ...testContext, operationId: 'step-1' }, increment(5));
      // More events than the search's first pages hold, so that it reads on, page after page.
      for (let index = 0; index < 60; index++) await harness.runner.execute(Counter, id, testContext, increment(1));
      const again = await harness.runner.execute(Counter, id, { ...testContext, operationId: 'step-1', earlierAttemptAfter: trigger.position }, increment(5));
      expect(again).toMatchObject({ revision: first.revision, state: { total: 6 }, eventIds: first.eventIds });
      expect(await harness.repository.load(Counter, id, { useCache: false })).toMatchObject({ revision: 61n, state: { total: 66 } });
    });

    it('stops at the log position it is given: what the same operation wrote before it is no earlier attempt', async () => {
      const id = newId();
      await harness.runner.execute(Counter, id, { ...testContext, operationId: 'step-2' }, increment(5));
      const trigger = await harness.runner.execute(Counter, id, testContext, increment(1));
      const outcome = await harness.runner.execute(Counter, id, { ...testContext, operationId: 'step-2', earlierAttemptAfter: trigger.position }, increment(5));
      expect(outcome).toMatchObject({ revision: 2n, state: { total: 11 } });
    });

    describe('where the state this process holds is older than what another process wrote after the position', () => {
      let other: EventSourcingHarness;
      beforeAll(async () => {
        other = await startEventSourcing(store.address, [Counter]);
      });
      afterAll(async () => {
        await other?.close();
      });

      /** A counter this process holds in its cache, then a trigger, then the step carried out by the other process. */
      async function stepDoneElsewhere(start: number, step: (state: CounterState) => CounterIncrementedV1[]) {
        const id = newId();
        await harness.runner.execute(Counter, id, testContext, increment(start));
        const trigger = await harness.runner.execute(Counter, newId(), testContext, increment(1));
        const context = { ...testContext, operationId: `step-${id}`, earlierAttemptAfter: trigger.position };
        const theirs = await other.runner.execute(Counter, id, context, step);
        return { id, context, theirs };
      }

      it('finds the other’s attempt once its own append conflicts', async () => {
        const { id, context, theirs } = await stepDoneElsewhere(1, increment(5));
        const ours = await harness.runner.execute(Counter, id, context, increment(5));
        expect(ours).toMatchObject({ revision: theirs.revision, eventIds: theirs.eventIds });
        expect(await harness.repository.load(Counter, id, { useCache: false })).toMatchObject({ revision: 1n, state: { total: 6 } });
      });

      it('finds the other’s attempt when a refusal on its own state is decided again on a fresh load', async () => {
        // Allowed only while the total is at most 5: refused on the state held here, allowed on the store's.
        const takeEight = (state: CounterState) => {
          if (state.total > 5) throw new CounterLimitReached(`${state.total} is over 5`);
          return [new CounterIncrementedV1({ by: -8 })];
        };
        const { id, context, theirs } = await stepDoneElsewhere(10, () => [new CounterIncrementedV1({ by: -8 })]);
        const ours = await harness.runner.execute(Counter, id, context, takeEight);
        expect(ours).toMatchObject({ revision: theirs.revision, eventIds: theirs.eventIds });
        expect(await harness.repository.load(Counter, id, { useCache: false })).toMatchObject({ revision: 1n, state: { total: 2 } });
      });
    });

    it('decides normally when no earlier attempt recorded anything', async () => {
      const id = newId();
      const outcome = await harness.runner.execute(Counter, id, { ...testContext, operationId: 'op-2', earlierAttemptSince: new Date().toISOString() }, increment(3));
      expect(outcome).toMatchObject({ revision: 0n, state: { total: 3 } });
    });
  });

  describe('optimistic concurrency', () => {
    it('refuses an append whose expected revision is stale', async () => {
      const id = newId();
      await harness.runner.execute(Counter, id, testContext, increment(1));
      const stale = await harness.repository.load(Counter, id, { useCache: false });
      await harness.runner.execute(Counter, id, testContext, increment(1));
      await expect(harness.repository.append(Counter, id, stale, [new CounterIncrementedV1({ by: 1 })], testContext)).rejects.toThrow(
        expect.any(RevisionConflict),
      );
    });

    it('decides again on fresh state after a conflict, so no increment is lost', async () => {
      const id = newId();
      await harness.runner.execute(Counter, id, testContext, increment(1));
      const other = await startEventSourcing(store.address, [Counter]);
      try {
        // Both runners have the aggregate cached at revision 0; each writes once.
        await other.runner.execute(Counter, id, testContext, increment(10));
        await other.runner.execute(Counter, id, testContext, increment(10));
        const outcome = await harness.runner.execute(Counter, id, testContext, increment(100));
        expect(outcome.state.total).toBe(121);
        expect(outcome.revision).toBe(3n);
      } finally {
        await other.close();
      }
    });

    it('answers ConcurrencyConflict once the retries are used up', async () => {
      const id = newId();
      await harness.runner.execute(Counter, id, testContext, increment(1));
      const impatient = await startEventSourcing(store.address, [Counter], { conflictRetries: 0 });
      try {
        await impatient.repository.load(Counter, id);
        await harness.runner.execute(Counter, id, testContext, increment(1));
        await expect(impatient.runner.execute(Counter, id, testContext, increment(1))).rejects.toBeInstanceOf(ConcurrencyConflict);
        expect(await harness.repository.load(Counter, id, { useCache: false })).toMatchObject({ revision: 1n, state: { total: 2 } });
      } finally {
        await impatient.close();
      }
    });

    it('folds events written by other tools, whose metadata is not ours', async () => {
      const id = newId();
      await harness.client.appendToStream(aggregateStreamName('counter', id), jsonEvent({ type: 'CounterIncrementedV1', data: { by: 7 } }));
      expect(await harness.repository.load(Counter, id, { useCache: false })).toMatchObject({ revision: 0n, state: { total: 7 } });
    });

    it('never refuses on a stale cached state: the refusal is checked against the store', async () => {
      const id = newId();
      await harness.runner.execute(Counter, id, testContext, increment(5));
      const other = await startEventSourcing(store.address, [Counter]);
      try {
        await other.runner.execute(Counter, id, testContext, (state) => [new CounterIncrementedV1({ by: -5 })]);
      } finally {
        await other.close();
      }
      // The cache here still says total 5, which would refuse; the store says 0, which allows it.
      const outcome = await harness.runner.execute(Counter, id, testContext, increment(10, 10));
      expect(outcome.state.total).toBe(10);
      await expect(harness.runner.execute(Counter, id, testContext, increment(1, 10))).rejects.toBeInstanceOf(CounterLimitReached);
    });
  });

  it('serves the cache only when it holds the revision the caller knows of, and reads the store otherwise', async () => {
    const id = newId();
    await harness.runner.execute(Counter, id, testContext, increment(2));
    // Another writer appends revision 1; a subscriber that heard of it asks for at least that revision.
    await harness.client.appendToStream(aggregateStreamName('counter', id), jsonEvent({ type: 'CounterIncrementedV1', data: { by: 3 } }));
    expect(await harness.repository.load(Counter, id)).toMatchObject({ revision: 0n, fromCache: true });
    expect(await harness.repository.load(Counter, id, { atLeastRevision: 1n })).toMatchObject({ revision: 1n, state: { total: 5 }, fromCache: false });
    expect(await harness.repository.load(Counter, id, { atLeastRevision: 1n })).toMatchObject({ revision: 1n, fromCache: true });
  });

  describe('snapshots', () => {
    it('writes one to its own stream each time the revision crosses a multiple of N', async () => {
      const id = newId();
      for (let i = 0; i < 25; i++) await harness.runner.execute(Counter, id, testContext, increment(1));
      const snapshots = await readStream(snapshotStreamName('counter', id));
      expect(snapshots.map((snapshot) => (snapshot.data as { revision: string }).revision)).toEqual(['9', '19']);
      expect(snapshots[0].type).toBe('CounterSnapshot');
    });

    /** A snapshot at `revision` that says the counter held 1,000 more than its events do. */
    const plantDisagreeingSnapshot = (id: string, revision = 10) =>
      harness.client.appendToStream(
        snapshotStreamName('counter', id),
        jsonEvent({
          type: 'CounterSnapshot',
          data: { aggregateType: 'Counter', schemaVersion: 1, revision: String(revision), occurredAt: '2026-01-01T00:00:00.000Z', state: { id, total: 1000 + revision + 1, increments: revision + 1 } },
        }),
      );

    it('loads a long stream from the newest snapshot plus the events after it', async () => {
      const id = newId();
      for (let i = 0; i < 40; i++) await harness.runner.execute(Counter, id, testContext, increment(1));
      // A planted snapshot that disagrees with the events proves the load starts from it.
      await plantDisagreeingSnapshot(id, 35);
      // As loaded by a process that does not hold the counter (another instance, or after a restart).
      harness.repository.forgetCached(Counter, id);
      const loaded = await harness.repository.load(Counter, id, { useCache: false });
      expect(loaded).toMatchObject({ revision: 39n, state: { total: 1040, increments: 40 } });
    });

    it('reads a short stream whole in one read, without looking for a snapshot', async () => {
      const id = newId();
      for (let i = 0; i < 12; i++) await harness.runner.execute(Counter, id, testContext, increment(1));
      await plantDisagreeingSnapshot(id);
      harness.repository.forgetCached(Counter, id);
      expect(await harness.repository.load(Counter, id, { useCache: false })).toMatchObject({ revision: 11n, state: { total: 12, increments: 12 } });
    });

    it('catches a state it holds up with the events after it, without the snapshot, when asked for a fresh load', async () => {
      const id = newId();
      for (let i = 0; i < 12; i++) await harness.runner.execute(Counter, id, testContext, increment(1));
      await plantDisagreeingSnapshot(id);
      // Another instance moves the counter on: this process's state is one event behind.
      await harness.client.appendToStream(aggregateStreamName('counter', id), jsonEvent({ type: 'CounterIncrementedV1', data: { by: 5 } }));
      const loaded = await harness.repository.load(Counter, id, { useCache: false });
      expect(loaded).toMatchObject({ revision: 12n, state: { total: 17, increments: 13 }, fromCache: false });
    });

    it('ignores a snapshot of another schema version and replays the stream', async () => {
      const id = newId();
      for (let i = 0; i < 3; i++) await harness.runner.execute(Counter, id, testContext, increment(1));
      await harness.client.appendToStream(
        snapshotStreamName('counter', id),
        jsonEvent({
          type: 'CounterSnapshot',
          data: { aggregateType: 'Counter', schemaVersion: 99, revision: '2', occurredAt: '2026-01-01T00:00:00.000Z', state: { shape: 'changed' } },
        }),
      );
      expect(await harness.repository.load(Counter, id, { useCache: false })).toMatchObject({ revision: 2n, state: { total: 3 } });
    });
  });

  describe('time travel', () => {
    it('rebuilds the state at a past revision or instant, using only snapshots not later than that point', async () => {
      const id = newId();
      const start = new Date('2026-06-01T00:00:00Z').getTime();
      for (let i = 0; i < 15; i++) {
        harness.clock.set(new Date(start + i * 60_000));
        await harness.runner.execute(Counter, id, testContext, increment(1));
      }
      // Snapshot at revision 9 (10 events); the points below lie before it.
      expect(await harness.repository.loadAt(Counter, id, { revision: 4n })).toMatchObject({ revision: 4n, state: { total: 5 } });
      expect(await harness.repository.loadAt(Counter, id, { at: new Date(start + 2 * 60_000 + 30_000) })).toMatchObject({ revision: 2n, state: { total: 3 } });
      expect(await harness.repository.loadAt(Counter, id, { revision: 12n })).toMatchObject({ revision: 12n, state: { total: 13 } });
      expect(await harness.repository.loadAt(Counter, id, { at: new Date(start - 1) })).toMatchObject({ revision: NO_REVISION, state: { total: 0 } });
    });
  });

  describe('snapshot retention (MAX_SNAPSHOTS)', () => {
    const started: EventSourcingHarness[] = [];
    const keeping = async (maxSnapshots: number) => {
      const harness = await startEventSourcing(store.address, [Counter], { snapshotEvery: 2, maxSnapshots, aggregateCacheSize: 0 });
      started.push(harness);
      return harness;
    };
    const keptSnapshots = async (id: string) => (await readStream(snapshotStreamName('counter', id))).map((snapshot) => (snapshot.data as { revision: string }).revision);
    const minute = (n: number) => new Date(Date.parse('2026-07-01T00:00:00Z') + n * 60_000);
    async function increments(on: EventSourcingHarness, id: string, count: number, from = 0) {
      for (let i = from; i < from + count; i++) {
        on.clock.set(minute(i));
        await on.runner.execute(Counter, id, testContext, increment(1));
      }
    }

    afterAll(async () => {
      await Promise.all(started.map((harness) => harness.close()));
    });

    it("keeps only the newest N snapshots, through the snapshot stream's $maxCount set when it is first written", async () => {
      const keeper = await keeping(2);
      const id = newId();
      await increments(keeper, id, 12);
      expect(await keptSnapshots(id)).toEqual(['9', '11']);
      expect((await harness.client.getStreamMetadata(snapshotStreamName('counter', id))).metadata).toEqual({ maxCount: 2 });
    });

    it('answers a point older than the oldest kept snapshot by replaying the stream from the start', async () => {
      const keeper = await keeping(2);
      const id = newId();
      await increments(keeper, id, 12);
      expect(await keeper.repository.loadAt(Counter, id, { revision: 4n })).toMatchObject({ revision: 4n, state: { total: 5, increments: 5 } });
      expect(await keeper.repository.loadAt(Counter, id, { at: new Date(minute(2).getTime() + 30_000) })).toMatchObject({ revision: 2n, state: { total: 3 } });
      expect(await keeper.repository.loadAt(Counter, id, { revision: 10n })).toMatchObject({ revision: 10n, state: { total: 11 } });
      expect(await keeper.repository.load(Counter, id, { useCache: false })).toMatchObject({ revision: 11n, state: { total: 12 } });
      const history = [];
      for await (const recorded of keeper.repository.history(Counter, id)) history.push(recorded.revision);
      expect(history).toHaveLength(12);
    });

    it('brings a stream to a changed setting, or one set by hand, with its next snapshot', async () => {
      const id = newId();
      await increments(await keeping(2), id, 8);
      expect(await keptSnapshots(id)).toEqual(['5', '7']);
      const restarted = await keeping(3);
      await increments(restarted, id, 4, 8);
      expect(await keptSnapshots(id)).toEqual(['7', '9', '11']);
      expect((await harness.client.getStreamMetadata(snapshotStreamName('counter', id))).metadata).toEqual({ maxCount: 3 });

      // An operator sets another count; the next process to snapshot the stream sets it right again.
      await harness.client.setStreamMetadata(snapshotStreamName('counter', id), { maxCount: 1 });
      await increments(await keeping(3), id, 2, 12);
      expect(await keptSnapshots(id)).toEqual(['9', '11', '13']);
      expect(await restarted.repository.loadAt(Counter, id, { revision: 6n })).toMatchObject({ revision: 6n, state: { total: 7 } });
    });
  });

  it('reads the full history of an aggregate oldest first', async () => {
    const id = newId();
    for (const by of [1, 2, 3]) await harness.runner.execute(Counter, id, testContext, increment(by));
    const history = [];
    for await (const recorded of harness.repository.history(Counter, id)) history.push(recorded.event.data.by);
    expect(history).toEqual([1, 2, 3]);
    const [newest] = await (async () => {
      const events = [];
      for await (const { event } of harness.client.readStream(aggregateStreamName('counter', id), { direction: BACKWARDS, fromRevision: END, maxCount: 1 })) events.push(event);
      return events;
    })();
    expect(newest?.revision).toBe(2n);
  });
});
