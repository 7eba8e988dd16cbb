import { jsonEvent, NO_STREAM, STREAM_EXISTS, StreamDeletedError, StreamNotFoundError, WrongExpectedVersionError } from '@kurrent/kurrentdb-client';
import { collect, rejection, streamName, useTarget } from '../support/target.js';

describe('deleteStream and tombstoneStream', () => {
  const target = useTarget();
  const client = () => target().client;
  const event = (type = 'Happened') => jsonEvent({ type, data: {} });

  it('soft delete: reads say not found, revisions continue on recreation, truncateBefore is set', async () => {
    const stream = streamName();
    await client().appendToStream(stream, [event(), event()]);
    const deleted = await client().deleteStream(stream);
    expect(deleted.position).toBeDefined();
    expect(await rejection(collect(client().readStream(stream)))).toBeInstanceOf(StreamNotFoundError);
    await client().appendToStream(stream, [event(), event(), event()]);
    const read = await collect(client().readStream(stream));
    expect(read.map((e) => e.event!.revision)).toEqual([2n, 3n, 4n]);
    const metadata = await client().getStreamMetadata(stream);
    expect(metadata.metadata?.truncateBefore).toBe(2);
  });

  it('deleting a stream that does not exist is a wrong expected version', async () => {
    const error = await rejection(client().deleteStream(streamName()));
    expect(error).toBeInstanceOf(WrongExpectedVersionError);
  });

  it('a stream with only metadata deletes with no_stream', async () => {
    const stream = streamName();
    await client().setStreamMetadata(stream, { maxCount: 3 });
    const result = await client().deleteStream(stream, { expectedRevision: NO_STREAM });
    expect(result.position).toBeDefined();
  });

  it('delete with a wrong exact revision reports expected and actual versions', async () => {
    const stream = streamName();
    await client().appendToStream(stream, [event(), event()]);
    const error = await rejection(client().deleteStream(stream, { expectedRevision: 5n }));
    expect(error).toBeInstanceOf(WrongExpectedVersionError);
    expect(error.streamName).toBe(stream);
    expect(error.expectedState).toBe(5n);
    expect(error.actualState).toBe(1n);
  });

  it('stream_exists on a soft-deleted stream is StreamDeletedError, not a wrong version', async () => {
    const stream = streamName();
    await client().appendToStream(stream, event());
    await client().deleteStream(stream);
    const error = await rejection(client().appendToStream(stream, event(), { streamState: STREAM_EXISTS }));
    expect(error).toBeInstanceOf(StreamDeletedError);
  });

  it('deleting a soft-deleted stream again is allowed', async () => {
    const stream = streamName();
    await client().appendToStream(stream, event());
    await client().deleteStream(stream);
    await expect(client().deleteStream(stream)).resolves.toHaveProperty('position');
  });

  it('tombstone is final: appends, reads, deletes and metadata writes fail with StreamDeletedError', async () => {
    const stream = streamName();
    await client().appendToStream(stream, event());
    await client().tombstoneStream(stream);
    expect(await rejection(client().appendToStream(stream, event()))).toBeInstanceOf(StreamDeletedError);
    expect(await rejection(collect(client().readStream(stream)))).toBeInstanceOf(StreamDeletedError);
    expect(await rejection(client().deleteStream(stream))).toBeInstanceOf(StreamDeletedError);
    expect(await rejection(client().tombstoneStream(stream))).toBeInstanceOf(StreamDeletedError);
    expect(await rejection(client().setStreamMetadata(stream, { maxCount: 1 }))).toBeInstanceOf(StreamDeletedError);
  });

  it('a stream that never existed can be tombstoned with no_stream', async () => {
    const stream = streamName();
    await expect(client().tombstoneStream(stream, { expectedRevision: NO_STREAM })).resolves.toHaveProperty('position');
    expect(await rejection(client().appendToStream(stream, event()))).toBeInstanceOf(StreamDeletedError);
  });

  it('writing metadata to a soft-deleted stream keeps its old events hidden ($tb = last + 1)', async () => {
    const stream = streamName();
    await client().appendToStream(stream, [event(), event()]);
    await client().deleteStream(stream);
    await client().setStreamMetadata(stream, { maxCount: 5 });
    expect((await client().getStreamMetadata(stream)).metadata).toEqual({ maxCount: 5, truncateBefore: 2 });
    expect(await collect(client().readStream(stream))).toEqual([]);
    await client().appendToStream(stream, event('Again'));
    expect((await collect(client().readStream(stream))).map((e) => e.event!.revision)).toEqual([2n]);
  });

  it('a soft-deleted stream can be tombstoned', async () => {
    const stream = streamName();
    await client().appendToStream(stream, event());
    await client().deleteStream(stream);
    await client().tombstoneStream(stream);
    expect(await rejection(collect(client().readStream(stream)))).toBeInstanceOf(StreamDeletedError);
  });
});
