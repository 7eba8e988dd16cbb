import { randomUUID } from 'node:crypto';
import { RevisionConflict, type EventStore, type NewEvent, type StoredEvent } from '@openbank/event-sourcing';

export interface EventStoreUnderTest {
  readonly store: EventStore;
  stop(): Promise<void>;
}

const event = (data: unknown, metadata: Record<string, string> = { correlationId: 'c-1' }): NewEvent => ({ id: randomUUID(), type: 'ContractTestedV1', data, metadata });
const streamName = () => `contract-${randomUUID().replaceAll('-', '')}`;

async function collect(events: AsyncIterable<StoredEvent>): Promise<StoredEvent[]> {
  const all: StoredEvent[] = [];
  for await (const stored of events) all.push(stored);
  return all;
}

/**
 * What every EventStore must do, run against each implementation: the one on KurrentDB and the
 * one in memory that fast specs use. A difference between them fails here, not in production.
 */
export function describeEventStoreContract(name: string, start: () => Promise<EventStoreUnderTest>): void {
  describe(`${name}: the event store contract`, () => {
    let underTest: EventStoreUnderTest;
    let store: EventStore;
    const read = (stream: string, from: bigint | 'start' | 'end' = 'start', direction: 'forwards' | 'backwards' = 'forwards', maxCount?: number) =>
      collect(store.read(stream, { from, direction, maxCount }));

    beforeAll(async () => {
      underTest = await start();
      store = underTest.store;
    });

    afterAll(async () => {
      await underTest?.stop();
    });

    it('reads nothing from a stream that does not exist', async () => {
      expect(await read(streamName())).toEqual([]);
      expect(await read(streamName(), 'end', 'backwards')).toEqual([]);
    });

    it('keeps what was appended: ids, types, data, metadata, revisions from 0, positions that grow', async () => {
      const stream = streamName();
      const written = [event({ amount: { minor: 100, currency: 'EUR' }, list: [1, 'two'] }, { correlationId: 'c-2', principal: 'tester' }), event({ n: 2 })];
      const appended = await store.append([{ stream, expected: 'no_stream', events: written }]);
      expect(appended.revisions).toEqual([1n]);
      const stored = await read(stream);
      expect(stored.map(({ id, type, data, streamId, revision }) => ({ id, type, data, streamId, revision }))).toEqual(
        written.map(({ id, type, data }, index) => ({ id, type, data, streamId: stream, revision: BigInt(index) })),
      );
      expect(stored[0].metadata).toMatchObject({ correlationId: 'c-2', principal: 'tester' });
      expect(stored[0].created).toBeInstanceOf(Date);
      expect(stored[1].position!.commit).toBeGreaterThan(stored[0].position!.commit);
      expect(appended.position!.commit).toBeGreaterThanOrEqual(stored[1].position!.commit);
    });

    it('appends only at the expected revision, and writes nothing otherwise', async () => {
      const stream = streamName();
      await store.append([{ stream, expected: 'no_stream', events: [event(1)] }]);
      await expect(store.append([{ stream, expected: 'no_stream', events: [event(2)] }])).rejects.toBeInstanceOf(RevisionConflict);
      await expect(store.append([{ stream, expected: 5n, events: [event(2)] }])).rejects.toMatchObject({ stream });
      expect((await store.append([{ stream, expected: 0n, events: [event(3)] }])).revisions).toEqual([1n]);
      await expect(store.append([{ stream, expected: 0n, events: [event(4)] }])).rejects.toBeInstanceOf(RevisionConflict);
      expect((await read(stream)).map((stored) => stored.data)).toEqual([1, 3]);
      expect((await store.append([{ stream, expected: 'any', events: [event(5)] }])).revisions).toEqual([2n]);
    });

    it('reads forwards from a revision and backwards from the end, as many as asked', async () => {
      const stream = streamName();
      await store.append([{ stream, expected: 'no_stream', events: [0, 1, 2, 3, 4].map((n) => event(n)) }]);
      expect((await read(stream, 2n)).map((stored) => stored.data)).toEqual([2, 3, 4]);
      expect((await read(stream, 'start', 'forwards', 2)).map((stored) => stored.data)).toEqual([0, 1]);
      expect((await read(stream, 'end', 'backwards', 2)).map((stored) => stored.data)).toEqual([4, 3]);
      expect((await read(stream, 'end', 'backwards')).map((stored) => stored.revision)).toEqual([4n, 3n, 2n, 1n, 0n]);
    });

    it('appends to several streams, giving each its revision in the order asked', async () => {
      const [first, second] = [streamName(), streamName()];
      await store.append([{ stream: second, expected: 'no_stream', events: [event('before')] }]);
      const appended = await store.append([
        { stream: first, expected: 'no_stream', events: [event('a'), event('b')] },
        { stream: second, expected: 0n, events: [event('c')] },
      ]);
      expect(appended.revisions).toEqual([1n, 1n]);
      expect((await read(first)).map((stored) => stored.data)).toEqual(['a', 'b']);
      expect((await read(second)).map((stored) => stored.data)).toEqual(['before', 'c']);
    });

    it('writes none of the streams when one is not at its expected revision (atomic), or those before it (one after another)', async () => {
      const [fresh, taken] = [streamName(), streamName()];
      await store.append([{ stream: taken, expected: 'no_stream', events: [event('x')] }]);
      const atomic = await store.atomicAcrossStreams();
      await expect(
        store.append([
          { stream: fresh, expected: 'no_stream', events: [event('first')] },
          { stream: taken, expected: 7n, events: [event('never')] },
        ]),
      ).rejects.toMatchObject({ stream: taken });
      expect((await read(fresh)).map((stored) => stored.data)).toEqual(atomic ? [] : ['first']);
      expect(await read(taken)).toHaveLength(1);
    });

    it('keeps only the newest events of a stream readable once told to', async () => {
      const stream = streamName();
      await store.append([{ stream, expected: 'no_stream', events: [1, 2, 3, 4].map((n) => event(n)) }]);
      await store.keepOnlyNewest(stream, 2);
      expect((await read(stream)).map((stored) => stored.data)).toEqual([3, 4]);
      expect((await read(stream, 'end', 'backwards')).map((stored) => stored.revision)).toEqual([3n, 2n]);
      expect((await store.append([{ stream, expected: 3n, events: [event(5)] }])).revisions).toEqual([4n]);
    });

    it('keeps only the newest events from the first append on when told before the stream exists', async () => {
      const stream = streamName();
      await store.keepOnlyNewest(stream, 2);
      expect(await read(stream)).toEqual([]);
      expect((await store.append([{ stream, expected: 'no_stream', events: [1, 2, 3].map((n) => event(n)) }])).revisions).toEqual([2n]);
      expect((await read(stream)).map((stored) => stored.data)).toEqual([2, 3]);
    });

    it('hides the revisions below a truncation from stream reads, keeps appending after them, and shows them again when it is lifted', async () => {
      const stream = streamName();
      await store.append([{ stream, expected: 'no_stream', events: [0, 1, 2, 3].map((n) => event(n)) }]);
      await store.changeStreamMetadata(stream, { truncateBefore: 3n, custom: { archive: { key: 'a/b', events: 3 } } });
      expect(await store.streamMetadata(stream)).toEqual({ truncateBefore: 3n, custom: { archive: { key: 'a/b', events: 3 } } });
      expect((await read(stream)).map((stored) => stored.revision)).toEqual([3n]);
      expect((await read(stream, 1n)).map((stored) => stored.revision)).toEqual([3n]);
      expect((await read(stream, 'end', 'backwards')).map((stored) => stored.revision)).toEqual([3n]);
      expect((await store.append([{ stream, expected: 3n, events: [event(4)] }])).revisions).toEqual([4n]);
      await store.changeStreamMetadata(stream, { truncateBefore: null, custom: { archive: { key: 'a/b', restored: true } } });
      expect(await store.streamMetadata(stream)).toEqual({ custom: { archive: { key: 'a/b', restored: true } } });
      expect((await read(stream)).map((stored) => stored.data)).toEqual([0, 1, 2, 3, 4]);
    });

    it('changes only what it is told to in a stream’s metadata', async () => {
      const stream = streamName();
      expect(await store.streamMetadata(stream)).toEqual({ custom: {} });
      await store.keepOnlyNewest(stream, 5);
      await store.changeStreamMetadata(stream, { custom: { first: 1, second: 'two' } });
      await store.changeStreamMetadata(stream, { truncateBefore: 2n, custom: { first: null } });
      expect(await store.streamMetadata(stream)).toEqual({ truncateBefore: 2n, maxCount: 5, custom: { second: 'two' } });
    });

    it('keeps the newest of a new count once told another, and the same when told the same again', async () => {
      const stream = streamName();
      await store.append([{ stream, expected: 'no_stream', events: [1, 2, 3, 4, 5].map((n) => event(n)) }]);
      await store.keepOnlyNewest(stream, 2);
      await store.keepOnlyNewest(stream, 2);
      expect((await read(stream)).map((stored) => stored.data)).toEqual([4, 5]);
      await store.keepOnlyNewest(stream, 3);
      await store.append([{ stream, expected: 4n, events: [event(6)] }]);
      expect((await read(stream, 'end', 'backwards')).map((stored) => stored.data)).toEqual([6, 5, 4]);
      await store.keepOnlyNewest(stream, 1);
      expect((await read(stream, 'end', 'backwards', 1)).map((stored) => stored.data)).toEqual([6]);
      expect((await read(stream)).map((stored) => stored.data)).toEqual([6]);
    });
  });
}
