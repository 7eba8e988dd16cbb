import { END, eventTypeFilter, excludeSystemEvents, jsonEvent, streamNameFilter, type JSONType, type Position } from '@kurrent/kurrentdb-client';
import type * as Streams from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/streams_pb.js';
import { eventsOf, record, streamName, uniqueCategory, useTarget, type SubscriptionEntry } from '../support/target.js';
import { shared, streams, streamsClient } from '../support/raw-grpc.js';

describe('subscribeToAll (grpc-js)', () => {
  const target = useTarget();
  const client = () => target().client;
  const event = (type = 'Happened', data: JSONType = {}) => jsonEvent({ type, data });

  /** Appends a marker and returns its position: subscriptions from it see only what follows. */
  async function marker(): Promise<Position> {
    return (await client().appendToStream(streamName('marker'), event('Marker'))).position!;
  }

  it('confirms, catches up, reports caught-up, then delivers live events', async () => {
    const category = uniqueCategory();
    const start = await marker();
    const stream = streamName(category);
    await client().appendToStream(stream, [event(), event()]);
    const log = await record(
      client().subscribeToAll({ fromPosition: start, filter: streamNameFilter({ prefixes: [`${category}-`] }) }),
      (entries) => {
        if (entries.at(-1)?.kind === 'caughtUp') void client().appendToStream(stream, event('Live'));
        return eventsOf(entries).length === 3;
      },
    );
    expect(log.map((entry) => (entry.kind === 'event' ? `${entry.type}@${entry.revision}` : entry.kind))).toEqual([
      'confirmation',
      'Happened@0',
      'Happened@1',
      'caughtUp',
      'Live@2',
    ]);
  });

  it('a start position is exclusive: from event k it delivers k+1 onwards', async () => {
    const category = uniqueCategory();
    const stream = streamName(category);
    await client().appendToStream(stream, [event(), event(), event(), event()]);
    const afterFirst = (await client().appendToStream(streamName(category), event('Other'))).position!;
    const second = (await client().appendToStream(stream, event('Later'))).position!;
    const log = await record(
      client().subscribeToAll({ fromPosition: afterFirst, filter: streamNameFilter({ prefixes: [`${category}-`] }) }),
      (entries) => entries.some((e) => e.kind === 'caughtUp'),
    );
    expect(eventsOf(log).map((e) => [e.type, e.commit])).toEqual([['Later', second.commit]]);
  });

  it('from end delivers only events committed after subscribing', async () => {
    const category = uniqueCategory();
    const stream = streamName(category);
    await client().appendToStream(stream, event('Before'));
    const log = await record(
      client().subscribeToAll({ fromPosition: END, filter: streamNameFilter({ prefixes: [`${category}-`] }) }),
      (entries) => {
        if (entries.at(-1)?.kind === 'caughtUp') void client().appendToStream(stream, event('After'));
        return eventsOf(entries).length === 1;
      },
    );
    expect(eventsOf(log).map((e) => e.type)).toEqual(['After']);
  });

  it('filtered: 384 events with checkpointInterval 2 give 6 or 7 checkpoints, all moving forward', async () => {
    const start = await marker();
    const log: SubscriptionEntry[] = [];
    const stream = streamName(uniqueCategory());
    const done = record(
      client().subscribeToAll({
        fromPosition: start,
        filter: excludeSystemEvents({
          checkpointInterval: 2,
          checkpointReached: (_subscription, position) => {
            log.push({ kind: 'checkpoint', commit: position.commit });
          },
        }),
      }),
      (entries) => {
        const ours = eventsOf(entries).filter((e) => e.streamId === stream);
        // The checkpoint at the 384th considered event is sent after that event, and its callback
        // may run after the event has been read: wait for it rather than race it.
        return ours.length === 384 && entries.some((e) => e.kind === 'checkpoint' && e.commit >= ours[383].commit!);
      },
      log,
    );
    for (let batch = 0; batch < 19; batch++) {
      await client().appendToStream(stream, Array.from({ length: batch === 18 ? 24 : 20 }, () => event()));
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const entries = await done;
    expect(eventsOf(entries).filter((e) => e.streamId === stream)).toHaveLength(384);
    const checkpoints = entries.filter((e) => e.kind === 'checkpoint').map((e) => e.commit);
    expect(checkpoints.length).toBeGreaterThanOrEqual(6);
    expect(checkpoints.length).toBeLessThanOrEqual(7);
    expect([...checkpoints].sort((a, b) => (a < b ? -1 : 1))).toEqual(checkpoints);
    expect(new Set(checkpoints).size).toBe(checkpoints.length);
  });

  it('a checkpoint is a safe resume point: resuming from it skips no matching event', async () => {
    const category = uniqueCategory();
    const start = await marker();
    const stream = streamName(category);
    await client().appendToStream(stream, Array.from({ length: 10 }, (_, n) => event('Numbered', { n })));
    const checkpoints: SubscriptionEntry[] = [];
    const filter = (checkpointReached?: (s: unknown, p: Position) => void) =>
      streamNameFilter({ prefixes: [`${category}-`], maxSearchWindow: 4, checkpointInterval: 1, checkpointReached });
    const first = await record(
      client().subscribeToAll({
        fromPosition: start,
        filter: filter((_s, position) => void checkpoints.push({ kind: 'checkpoint', commit: position.commit })),
      }),
      (entries) => entries.some((e) => e.kind === 'caughtUp'),
      checkpoints,
    );
    const resumeAt = first.filter((e) => e.kind === 'checkpoint')[0];
    expect(resumeAt).toBeDefined();
    const delivered = eventsOf(first);
    const expected = delivered.filter((e) => e.commit! > (resumeAt as { commit: bigint }).commit);
    const resumed = await record(
      client().subscribeToAll({ fromPosition: { commit: (resumeAt as { commit: bigint }).commit, prepare: (resumeAt as { commit: bigint }).commit }, filter: filter() }),
      (entries) => entries.some((e) => e.kind === 'caughtUp'),
    );
    expect(eventsOf(resumed).map((e) => e.commit)).toEqual(expected.map((e) => e.commit));
  });

  it('excludeSystemEvents hides $metadata, $> links and $streamDeleted records', async () => {
    const category = uniqueCategory();
    const start = await marker();
    const stream = streamName(category);
    await client().appendToStream(stream, event('Visible'));
    await client().setStreamMetadata(stream, { maxCount: 10 });
    await client().tombstoneStream(stream);
    const last = streamName(category);
    await client().appendToStream(last, event('Last'));
    const log = await record(
      client().subscribeToAll({ fromPosition: start, filter: excludeSystemEvents() }),
      (entries) => entries.some((e) => e.kind === 'event' && e.streamId === last),
    );
    const ours = eventsOf(log).filter((e) => e.streamId.includes(category));
    expect(ours.map((e) => e.type)).toEqual(['Visible', 'Last']);
  });

  it('an event-type prefix filter delivers only matching types', async () => {
    const type = uniqueCategory('Type');
    const start = await marker();
    const stream = streamName();
    await client().appendToStream(stream, [event(`${type}Wanted`), event('Unwanted'), event(`${type}AlsoWanted`)]);
    const log = await record(
      client().subscribeToAll({ fromPosition: start, filter: eventTypeFilter({ prefixes: [type] }) }),
      (entries) => entries.some((e) => e.kind === 'caughtUp'),
    );
    expect(eventsOf(log).map((e) => e.type)).toEqual([`${type}Wanted`, `${type}AlsoWanted`]);
  });

  it('an unfiltered subscription gets no checkpoints and never fell_behind (raw grpc-js)', async () => {
    const stream = streamName('raw');
    const client = streamsClient(target().connectionString);
    const options = new streams.ReadReq.Options()
      .setAll(new streams.ReadReq.Options.AllOptions().setEnd(new shared.Empty()))
      .setSubscription(new streams.ReadReq.Options.SubscriptionOptions())
      .setNoFilter(new shared.Empty())
      .setUuidOption(new streams.ReadReq.Options.UUIDOption().setString(new shared.Empty()));
    const call = client.read(new streams.ReadReq().setOptions(options));
    const kinds: string[] = [];
    await new Promise<void>((resolve, reject) => {
      call.on('error', (error: Error & { code?: number }) => (error.code === 1 ? resolve() : reject(error)));
      call.on('data', (response: Streams.ReadResp) => {
        const Case = streams.ReadResp.ContentCase;
        const names: Partial<Record<Streams.ReadResp.ContentCase, string>> = {
          [Case.CONFIRMATION]: 'confirmation',
          [Case.CAUGHT_UP]: 'caughtUp',
          [Case.CHECKPOINT]: 'checkpoint',
          [Case.FELL_BEHIND]: 'fellBehind',
          [Case.EVENT]: 'event',
        };
        const kind = names[response.getContentCase()] ?? 'other';
        if (kind === 'event' && Buffer.from(response.getEvent()!.getEvent()!.getStreamIdentifier()!.getStreamName_asU8()).toString() !== stream) return;
        kinds.push(kind);
        if (kind === 'caughtUp') void target().client.appendToStream(stream, Array.from({ length: 40 }, () => event()));
        if (kinds.filter((k) => k === 'event').length === 40) call.cancel();
      });
    });
    client.close();
    expect(kinds.slice(0, 2)).toEqual(['confirmation', 'caughtUp']);
    expect(kinds.filter((k) => k === 'event')).toHaveLength(40);
    expect(kinds).not.toContain('checkpoint');
    expect(kinds).not.toContain('fellBehind');
  });
});
