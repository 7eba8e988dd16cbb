import { ANY, binaryEvent, jsonEvent, NO_STREAM, StreamTombstonedError, TimeoutError, WrongExpectedVersionError } from '@kurrent/kurrentdb-client';
import { collect, rejection, streamName, useTarget } from '../support/target.js';

describe('multiStreamAppend (v2 AppendSession)', () => {
  const target = useTarget();
  const client = () => target().client;
  const event = (type: string, metadata?: Record<string, string>) => jsonEvent({ type, data: { type }, metadata });

  it('appends to several streams in one commit and answers each stream revision and the position', async () => {
    const [a, b] = [streamName('multi'), streamName('multi')];
    await client().appendToStream(b, event('Existing'));
    const result = await client().multiStreamAppend([
      { streamName: a, expectedState: NO_STREAM, events: [event('A1'), event('A2')] },
      { streamName: b, expectedState: 0n, events: [event('B1')] },
    ]);
    expect(result.responses).toEqual([
      { streamName: a, revision: 1n },
      { streamName: b, revision: 1n },
    ]);
    const [lastOfB] = (await collect(client().readStream(b))).slice(-1);
    expect(result.position).toBe(lastOfB.event!.position!.commit);
    expect((await collect(client().readStream(a))).map((e) => e.event!.type)).toEqual(['A1', 'A2']);
  });

  it('is all or nothing: one wrong expected revision writes no stream', async () => {
    const [a, b] = [streamName('multi'), streamName('multi')];
    await client().appendToStream(b, event('Existing'));
    const error = await rejection(
      client().multiStreamAppend([
        { streamName: a, expectedState: ANY, events: [event('A1')] },
        { streamName: b, expectedState: NO_STREAM, events: [event('B1')] },
      ]),
    );
    expect(error).toBeInstanceOf(WrongExpectedVersionError);
    expect(error.streamName).toBe(b);
    expect(await rejection(collect(client().readStream(a)))).toBeDefined();
    expect(await collect(client().readStream(b))).toHaveLength(1);
  });

  it('a tombstoned stream in the session is StreamTombstonedError', async () => {
    const stream = streamName('multi');
    await client().tombstoneStream(stream);
    const error = await rejection(client().multiStreamAppend([{ streamName: stream, expectedState: ANY, events: [event('X')] }]));
    expect(error).toBeInstanceOf(StreamTombstonedError);
  });

  it('the same stream twice (any letter case) aborts the session', async () => {
    const stream = streamName('multi');
    const error = await rejection(
      client().multiStreamAppend([
        { streamName: stream, expectedState: ANY, events: [event('X')] },
        { streamName: stream.toUpperCase(), expectedState: ANY, events: [event('Y')] },
      ]),
    );
    expect(error).toBeInstanceOf(TimeoutError);
    expect(await rejection(collect(client().readStream(stream)))).toBeDefined();
  });

  it('v1 readers see the properties plus $schema.name and $schema.format as metadata', async () => {
    const stream = streamName('multi');
    await client().multiStreamAppend([
      {
        streamName: stream,
        expectedState: ANY,
        events: [event('Json', { tenant: 'bank' }), binaryEvent({ type: 'Bytes', data: new Uint8Array([1, 2, 3]) })],
      },
    ]);
    const [json, bytes] = await collect(client().readStream(stream));
    expect(json.event).toMatchObject({ type: 'Json', isJson: true, data: { type: 'Json' }, metadata: { tenant: 'bank', '$schema.name': 'Json', '$schema.format': 'Json' } });
    expect(bytes.event).toMatchObject({ type: 'Bytes', isJson: false, metadata: { '$schema.name': 'Bytes', '$schema.format': 'Bytes' } });
  });
});
