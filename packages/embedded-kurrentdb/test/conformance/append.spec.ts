import { randomUUID } from 'node:crypto';
import {
  ANY,
  binaryEvent,
  jsonEvent,
  NO_STREAM,
  STREAM_EXISTS,
  StreamDeletedError,
  WrongExpectedVersionError,
  type AppendToStreamOptions,
  type JSONType,
} from '@kurrent/kurrentdb-client';
import { collect, rejection, streamName, useTarget } from '../support/target.js';

/**
 * Appends through the real client. With BatchAppend advertised the client uses it; per-call
 * credentials make it fall back to Append, so each rule is checked on both RPCs.
 */
const paths: [string, AppendToStreamOptions][] = [
  ['BatchAppend', {}],
  ['Append', { credentials: { username: 'admin', password: 'changeit' } }],
];

describe.each(paths)('appendToStream over %s', (_path, via) => {
  const target = useTarget();
  const client = () => target().client;
  const event = (data: JSONType = { n: 1 }, id = randomUUID()) => jsonEvent({ id, type: 'TestEvent', data });

  it('no_stream on a new stream answers revision 0 and a position with commit = prepare', async () => {
    const result = await client().appendToStream(streamName(), event(), { ...via, streamState: NO_STREAM });
    expect(result.success).toBe(true);
    expect(result.nextExpectedRevision).toBe(0n);
    expect(result.position).toBeDefined();
    expect(result.position!.commit).toBe(result.position!.prepare);
    expect(result.position!.commit).toBeGreaterThan(0n);
  });

  it('no_stream on an existing stream is a wrong expected version with actual revision', async () => {
    const stream = streamName();
    await client().appendToStream(stream, event(), { ...via, streamState: NO_STREAM });
    const error = await rejection(client().appendToStream(stream, event(), { ...via, streamState: NO_STREAM }));
    expect(error).toBeInstanceOf(WrongExpectedVersionError);
    expect(error.streamName).toBe(stream);
    expect(error.expectedState).toBe(NO_STREAM);
    expect(error.actualState).toBe(0n);
  });

  it('an exact expected revision succeeds when it matches and is refused when it does not', async () => {
    const stream = streamName();
    await client().appendToStream(stream, [event(), event()], via);
    const ok = await client().appendToStream(stream, event(), { ...via, streamState: 1n });
    expect(ok.nextExpectedRevision).toBe(2n);
    const error = await rejection(client().appendToStream(stream, event(), { ...via, streamState: 5n }));
    expect(error).toBeInstanceOf(WrongExpectedVersionError);
    expect(error.expectedState).toBe(5n);
    expect(error.actualState).toBe(2n);
  });

  it('stream_exists on a new stream is a wrong expected version with actual no_stream', async () => {
    const error = await rejection(client().appendToStream(streamName(), event(), { ...via, streamState: STREAM_EXISTS }));
    expect(error).toBeInstanceOf(WrongExpectedVersionError);
    expect(error.expectedState).toBe(STREAM_EXISTS);
    expect(error.actualState).toBe(NO_STREAM);
  });

  it('stream_exists on an existing stream appends', async () => {
    const stream = streamName();
    await client().appendToStream(stream, event(), via);
    const result = await client().appendToStream(stream, event(), { ...via, streamState: STREAM_EXISTS });
    expect(result.nextExpectedRevision).toBe(1n);
  });

  it('an identical retry (same ids, same expected state) succeeds without writing', async () => {
    const stream = streamName();
    const events = [event({ n: 1 }), event({ n: 2 })];
    const first = await client().appendToStream(stream, events, { ...via, streamState: NO_STREAM });
    const retry = await client().appendToStream(stream, events, { ...via, streamState: NO_STREAM });
    expect(retry.nextExpectedRevision).toBe(1n);
    expect(retry.position).toEqual(first.position);
    const retryAny = await client().appendToStream(stream, events, { ...via, streamState: ANY });
    expect(retryAny.nextExpectedRevision).toBe(1n);
    expect(await collect(client().readStream(stream))).toHaveLength(2);
  });

  it('a retry that only partly matches what was written is a wrong expected version', async () => {
    const stream = streamName();
    const [a, b] = [event(), event()];
    await client().appendToStream(stream, [a, b], { ...via, streamState: NO_STREAM });
    const error = await rejection(client().appendToStream(stream, [a, event()], { ...via, streamState: ANY }));
    expect(error).toBeInstanceOf(WrongExpectedVersionError);
  });

  it('with any, a new first id appends everything even if a later id was seen', async () => {
    const stream = streamName();
    const seen = event();
    await client().appendToStream(stream, seen, via);
    const result = await client().appendToStream(stream, [event(), seen], { ...via, streamState: ANY });
    expect(result.nextExpectedRevision).toBe(2n);
  });

  it('the same event id in another stream is not a duplicate', async () => {
    const shared = event();
    await client().appendToStream(streamName(), shared, via);
    const other = streamName();
    const result = await client().appendToStream(other, shared, via);
    expect(result.nextExpectedRevision).toBe(0n);
  });

  it('the append position equals the last event position read back', async () => {
    const stream = streamName();
    const result = await client().appendToStream(stream, [event(), event(), event()], via);
    const events = await collect(client().readStream(stream));
    expect(events.at(-1)!.event!.position).toEqual(result.position);
    expect(events.map((e) => e.event!.position!.commit)).toEqual([...events.map((e) => e.event!.position!.commit)].sort((x, y) => (x < y ? -1 : 1)));
  });

  it('round-trips JSON, binary data and metadata (object, Uint8Array, undefined)', async () => {
    const stream = streamName();
    const bytes = new Uint8Array([0, 1, 2, 250, 255]);
    await client().appendToStream(
      stream,
      [
        jsonEvent({ type: 'Json', data: { text: 'héllo', list: [1, 2] }, metadata: { correlationId: 'c-1' } }),
        binaryEvent({ type: 'Binary', data: bytes, metadata: new Uint8Array([9, 8, 7]) }),
        binaryEvent({ type: 'BinaryBuffer', data: Buffer.from('raw') }),
      ],
      via,
    );
    const [json, binary, buffer] = await collect(client().readStream(stream));
    expect(json.event).toMatchObject({ type: 'Json', isJson: true, data: { text: 'héllo', list: [1, 2] }, metadata: { correlationId: 'c-1' } });
    expect(binary.event!.isJson).toBe(false);
    expect(Buffer.from(binary.event!.data as Uint8Array)).toEqual(Buffer.from(bytes));
    expect(Buffer.from(binary.event!.metadata as Uint8Array)).toEqual(Buffer.from([9, 8, 7]));
    expect(Buffer.from(buffer.event!.data as Uint8Array).toString()).toBe('raw');
    expect(buffer.event!.metadata).toBeUndefined();
  });

  it('an empty append checks the expected revision only', async () => {
    const stream = streamName();
    const empty = await client().appendToStream(stream, [], { ...via, streamState: NO_STREAM });
    expect(empty.success).toBe(true);
    await client().appendToStream(stream, event(), via);
    const error = await rejection(client().appendToStream(stream, [], { ...via, streamState: NO_STREAM }));
    expect(error).toBeInstanceOf(WrongExpectedVersionError);
  });

  it('appending to a tombstoned stream is refused with StreamDeletedError', async () => {
    const stream = streamName();
    await client().appendToStream(stream, event(), via);
    await client().tombstoneStream(stream);
    const error = await rejection(client().appendToStream(stream, event(), via));
    expect(error).toBeInstanceOf(StreamDeletedError);
    expect(error.streamName).toBe(stream);
  });

  it('accepts `$`-prefixed system stream names in insecure mode', async () => {
    const stream = `$${streamName('sys')}`;
    const result = await client().appendToStream(stream, event(), via);
    expect(result.nextExpectedRevision).toBe(0n);
    const [read] = await collect(client().readStream(stream));
    expect(read.event!.streamId).toBe(stream);
  });
});
