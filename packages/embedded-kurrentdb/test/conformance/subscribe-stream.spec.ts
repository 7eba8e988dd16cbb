import { END, jsonEvent, START, StreamDeletedError } from '@kurrent/kurrentdb-client';
import { eventsOf, record, streamName, useTarget } from '../support/target.js';

describe('subscribeToStream (grpc-js)', () => {
  const target = useTarget();
  const client = () => target().client;
  const event = (type = 'Happened') => jsonEvent({ type, data: {} });

  it('catches up from start, reports caught-up, then delivers live events', async () => {
    const stream = streamName();
    await client().appendToStream(stream, [event(), event()]);
    const log = await record(client().subscribeToStream(stream, { fromRevision: START }), (entries) => {
      if (entries.at(-1)?.kind === 'caughtUp') void client().appendToStream(stream, event('Live'));
      return eventsOf(entries).length === 3;
    });
    expect(log.map((e) => (e.kind === 'event' ? `${e.type}@${e.revision}` : e.kind))).toEqual([
      'confirmation',
      'Happened@0',
      'Happened@1',
      'caughtUp',
      'Live@2',
    ]);
  });

  it('a start revision is exclusive', async () => {
    const stream = streamName();
    await client().appendToStream(stream, [event(), event(), event()]);
    const log = await record(client().subscribeToStream(stream, { fromRevision: 1n }), (entries) => entries.some((e) => e.kind === 'caughtUp'));
    expect(eventsOf(log).map((e) => e.revision)).toEqual([2n]);
  });

  it('from end delivers only new events', async () => {
    const stream = streamName();
    await client().appendToStream(stream, event('Old'));
    const log = await record(client().subscribeToStream(stream, { fromRevision: END }), (entries) => {
      if (entries.at(-1)?.kind === 'caughtUp') void client().appendToStream(stream, event('New'));
      return eventsOf(entries).length === 1;
    });
    expect(eventsOf(log).map((e) => `${e.type}@${e.revision}`)).toEqual(['New@1']);
  });

  it('a stream that does not exist yet is empty, not an error, and delivers once written', async () => {
    const stream = streamName();
    const log = await record(client().subscribeToStream(stream), (entries) => {
      if (entries.at(-1)?.kind === 'caughtUp') void client().appendToStream(stream, event('First'));
      return eventsOf(entries).length === 1;
    });
    expect(log.map((e) => e.kind)).toEqual(['confirmation', 'caughtUp', 'event']);
  });

  it('tombstoning the stream ends a live subscription with StreamDeletedError', async () => {
    const stream = streamName();
    await client().appendToStream(stream, event());
    const error = await record(client().subscribeToStream(stream), (entries) => {
      if (entries.at(-1)?.kind === 'caughtUp') void client().tombstoneStream(stream);
      return false;
    }).catch((e: Error & { streamName?: string }) => e);
    expect(error).toBeInstanceOf(StreamDeletedError);
    expect((error as { streamName?: string }).streamName).toBe(stream);
  });

  it('subscribing to a tombstoned stream fails with StreamDeletedError', async () => {
    const stream = streamName();
    await client().tombstoneStream(stream);
    const error = await record(client().subscribeToStream(stream), () => false).catch((e: Error) => e);
    expect(error).toBeInstanceOf(StreamDeletedError);
  });

  it('a soft delete does not end the subscription and recreated revisions keep coming', async () => {
    const stream = streamName();
    await client().appendToStream(stream, event());
    const log = await record(client().subscribeToStream(stream), (entries) => {
      if (entries.at(-1)?.kind === 'caughtUp') {
        void client()
          .deleteStream(stream)
          .then(() => client().appendToStream(stream, event('Recreated')));
      }
      return eventsOf(entries).length === 2;
    });
    expect(eventsOf(log).map((e) => `${e.type}@${e.revision}`)).toEqual(['Happened@0', 'Recreated@1']);
  });
});
