import { BACKWARDS, END, eventTypeFilter, jsonEvent, START, streamNameFilter, type AllStreamResolvedEvent, type Position } from '@kurrent/kurrentdb-client';
import { collect, streamName, uniqueCategory, useTarget } from '../support/target.js';

describe('readAll (through the Rust bridge)', () => {
  const target = useTarget();
  const client = () => target().client;
  const category = uniqueCategory('all');
  const streams = [streamName(category), streamName(category), streamName(category)];
  let first: Position;

  beforeAll(async () => {
    for (const [index, stream] of streams.entries()) {
      const result = await client().appendToStream(stream, [
        jsonEvent({ type: `${category}A`, data: { index, n: 0 } }),
        jsonEvent({ type: `${category}B`, data: { index, n: 1 } }),
      ]);
      if (index === 0) first = { commit: result.position!.commit - 1n, prepare: result.position!.prepare - 1n };
    }
  });

  const ours = (events: AllStreamResolvedEvent[]) => events.filter((e) => e.event?.streamId.startsWith(`${category}-`));

  it('forwards from start returns the appended events in log order', async () => {
    const events = ours(await collect(client().readAll({ fromPosition: START })));
    expect(events.map((e) => [e.event!.streamId, e.event!.revision])).toEqual(
      streams.flatMap((stream) => [
        [stream, 0n],
        [stream, 1n],
      ]),
    );
    const positions = events.map((e) => e.event!.position!.commit);
    expect([...positions].sort((a, b) => (a < b ? -1 : 1))).toEqual(positions);
  });

  it('forwards from a position includes the event at that position', async () => {
    const all = ours(await collect(client().readAll({ fromPosition: START })));
    const third = all[2].event!.position!;
    const [read] = await collect(client().readAll({ fromPosition: third, maxCount: 1 }));
    expect(read.event!.id).toBe(all[2].event!.id);
  });

  it('backwards from a position excludes it and returns newest first', async () => {
    const all = ours(await collect(client().readAll({ fromPosition: START })));
    const fourth = all[3].event!.position!;
    const read = await collect(client().readAll({ direction: BACKWARDS, fromPosition: fourth, maxCount: 2 }));
    expect(read.map((e) => e.event!.id)).toEqual([all[2].event!.id, all[1].event!.id]);
  });

  it('backwards from end starts at the newest event', async () => {
    await client().appendToStream(streams[0], jsonEvent({ type: `${category}C`, data: {} }));
    const [newest] = await collect(client().readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1 }));
    expect(newest.event).toMatchObject({ streamId: streams[0], type: `${category}C` });
  });

  it('a stream-name prefix filter returns only matching streams, and maxCount counts matches', async () => {
    const read = await collect(client().readAll({ fromPosition: first, filter: streamNameFilter({ prefixes: [streams[1]] }), maxCount: 2 }));
    expect(read.map((e) => e.event!.streamId)).toEqual([streams[1], streams[1]]);
  });

  it('an event-type regex filter is an unanchored search', async () => {
    const read = await collect(client().readAll({ fromPosition: first, filter: eventTypeFilter({ regex: `${category.slice(3)}B$` }) }));
    expect(read).toHaveLength(3);
    expect(read.every((e) => e.event!.type === `${category}B`)).toBe(true);
  });

  it('stream-name prefixes are case-sensitive', async () => {
    const read = await collect(client().readAll({ fromPosition: first, filter: streamNameFilter({ prefixes: [category.toUpperCase()] }) }));
    expect(read).toEqual([]);
  });

  it('keeps events of soft-deleted streams and shows the tombstone record', async () => {
    const soft = streamName(category);
    const hard = streamName(category);
    await client().appendToStream(soft, jsonEvent({ type: 'Soft', data: {} }));
    await client().appendToStream(hard, jsonEvent({ type: 'Hard', data: {} }));
    await client().deleteStream(soft);
    await client().tombstoneStream(hard);
    const read = await collect(client().readAll({ fromPosition: first }));
    expect(read.some((e) => e.event?.streamId === soft && e.event.type === 'Soft')).toBe(true);
    expect(read.some((e) => e.event?.streamId === `$$${soft}` && e.event.type === '$metadata')).toBe(true);
    const tombstone = read.find((e) => e.event?.streamId === hard && e.event.type === '$streamDeleted');
    expect(tombstone?.event?.revision).toBe(9223372036854775807n);
  });
});
