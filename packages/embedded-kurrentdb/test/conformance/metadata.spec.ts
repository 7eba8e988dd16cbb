import { BACKWARDS, END, jsonEvent, START, streamNameFilter } from '@kurrent/kurrentdb-client';
import { collect, streamName, useTarget } from '../support/target.js';

describe('stream metadata', () => {
  const target = useTarget();
  const client = () => target().client;
  const event = (n: number) => jsonEvent({ type: 'Numbered', data: { n } });

  it('$maxCount limits stream reads to the newest events while $all keeps them all', async () => {
    const stream = streamName();
    await client().appendToStream(stream, [event(0), event(1), event(2), event(3)]);
    await client().setStreamMetadata(stream, { maxCount: 2 });
    const read = await collect(client().readStream(stream));
    expect(read.map((e) => e.event!.revision)).toEqual([2n, 3n]);
    const all = await collect(client().readAll({ filter: streamNameFilter({ prefixes: [stream] }) }));
    expect(all.map((e) => e.event!.revision)).toEqual([0n, 1n, 2n, 3n]);
  });

  it('$tb (truncateBefore) hides earlier revisions; reading back works from start and end', async () => {
    const stream = streamName();
    await client().appendToStream(stream, [event(0), event(1), event(2)]);
    await client().setStreamMetadata(stream, { truncateBefore: 1 });
    expect((await collect(client().readStream(stream, { fromRevision: START }))).map((e) => e.event!.revision)).toEqual([1n, 2n]);
    expect((await collect(client().readStream(stream, { direction: BACKWARDS, fromRevision: END }))).map((e) => e.event!.revision)).toEqual([2n, 1n]);
  });

  it('$tb hides revisions from any read position, and lifting it shows them again (nothing scavenged yet)', async () => {
    const stream = streamName();
    await client().appendToStream(stream, [event(0), event(1), event(2), event(3)]);
    await client().setStreamMetadata(stream, { truncateBefore: 3, archived: 'cold/0-2' });
    expect((await collect(client().readStream(stream, { fromRevision: 1n }))).map((e) => e.event!.revision)).toEqual([3n]);
    expect((await collect(client().readStream(stream, { direction: BACKWARDS, fromRevision: 2n }))).map((e) => e.event!.revision)).toEqual([]);
    await client().setStreamMetadata(stream, { archived: 'cold/0-2' });
    expect((await collect(client().readStream(stream))).map((e) => e.event!.revision)).toEqual([0n, 1n, 2n, 3n]);
  });

  it('$maxAge hides events older than the age', async () => {
    const stream = streamName();
    await client().appendToStream(stream, [event(0)]);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await client().setStreamMetadata(stream, { maxAge: 1 });
    await client().appendToStream(stream, [event(1)]);
    const read = await collect(client().readStream(stream));
    expect(read.map((e) => e.event!.revision)).toEqual([1n]);
  });

  it('events all hidden by metadata read as an empty stream, not a missing one', async () => {
    const stream = streamName();
    await client().appendToStream(stream, [event(0)]);
    await client().setStreamMetadata(stream, { truncateBefore: 5 });
    expect(await collect(client().readStream(stream))).toEqual([]);
  });

  it('getStreamMetadata returns what setStreamMetadata wrote, custom keys included', async () => {
    const stream = streamName();
    await client().setStreamMetadata(stream, { maxCount: 7, custom: { owner: 'bank' } } as never);
    const result = await client().getStreamMetadata(stream);
    expect(result.metadata).toMatchObject({ maxCount: 7, custom: { owner: 'bank' } });
  });

  it('the $$ metastream reads as only its newest event (implicit $maxCount 1)', async () => {
    const stream = streamName();
    await client().setStreamMetadata(stream, { maxCount: 5 });
    await client().setStreamMetadata(stream, { maxCount: 6 });
    const read = await collect(client().readStream(`$$${stream}`));
    expect(read).toHaveLength(1);
    expect(read[0].event).toMatchObject({ type: '$metadata', revision: 1n, data: { $maxCount: 6 } });
  });

  it('a stream without metadata has none', async () => {
    const stream = streamName();
    await client().appendToStream(stream, [event(0)]);
    expect(await client().getStreamMetadata(stream)).toEqual({ streamName: stream });
  });

  it('before a scavenge, $all and its subscriptions still deliver what $maxCount hides from stream reads and stream subscriptions', async () => {
    const stream = streamName();
    const first = await client().appendToStream(stream, [event(0), event(1), event(2), event(3)]);
    await client().setStreamMetadata(stream, { maxCount: 2 });
    const onlyThis = streamNameFilter({ prefixes: [stream] });

    const fromAll = await firstEvents(client().subscribeToAll({ filter: onlyThis }), 4);
    expect(fromAll.map((e) => e.revision)).toEqual([0n, 1n, 2n, 3n]);

    const fromStream = await firstEvents(client().subscribeToStream(stream), 2);
    expect(fromStream.map((e) => e.revision)).toEqual([2n, 3n]);
    expect(first.nextExpectedRevision).toBe(3n);
  });
});

/** The first `count` events a subscription delivers (catch-up), then it is closed. */
async function firstEvents(subscription: AsyncIterable<{ event?: { revision: bigint } }> & { unsubscribe(): Promise<void> }, count: number) {
  const events: { revision: bigint }[] = [];
  for await (const resolved of subscription) {
    events.push(resolved.event!);
    if (events.length === count) break;
  }
  await subscription.unsubscribe();
  return events;
}
