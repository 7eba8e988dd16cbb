import { randomUUID } from 'node:crypto';
import { BACKWARDS, END, jsonEvent, StreamDeletedError, StreamNotFoundError } from '@kurrent/kurrentdb-client';
import { collect, rejection, streamName, useTarget } from '../support/target.js';

describe('readStream (through the Rust bridge)', () => {
  const target = useTarget();
  const client = () => target().client;
  let stream: string;
  let appendedAt: number;

  beforeAll(async () => {
    stream = streamName('read');
    appendedAt = Date.now();
    const events = Array.from({ length: 8 }, (_, n) => jsonEvent({ id: randomUUID(), type: `Event${n}`, data: { n } }));
    await client().appendToStream(stream, events);
  });

  const revisions = async (options: Parameters<ReturnType<typeof client>['readStream']>[1]) =>
    (await collect(client().readStream(stream, options))).map((e) => e.event!.revision);

  it('the first read on a fresh client succeeds (bridge handshake)', async () => {
    const events = await collect(client().readStream(stream));
    expect(events).toHaveLength(8);
  });

  it('forwards from start returns every event in order with data, type and stream', async () => {
    const events = await collect(client().readStream(stream));
    expect(events.map((e) => e.event!.revision)).toEqual([0n, 1n, 2n, 3n, 4n, 5n, 6n, 7n]);
    expect(events[3].event).toMatchObject({ streamId: stream, type: 'Event3', data: { n: 3 }, isJson: true });
  });

  it('forwards from a revision is inclusive', async () => {
    expect(await revisions({ fromRevision: 1n })).toEqual([1n, 2n, 3n, 4n, 5n, 6n, 7n]);
  });

  it('backwards from end returns newest first', async () => {
    expect(await revisions({ direction: BACKWARDS, fromRevision: END })).toEqual([7n, 6n, 5n, 4n, 3n, 2n, 1n, 0n]);
  });

  it('backwards from a revision is inclusive', async () => {
    expect(await revisions({ direction: BACKWARDS, fromRevision: 1n })).toEqual([1n, 0n]);
  });

  it('maxCount limits the number of events', async () => {
    expect(await revisions({ maxCount: 2 })).toEqual([0n, 1n]);
    expect(await revisions({ direction: BACKWARDS, fromRevision: END, maxCount: 1 })).toEqual([7n]);
  });

  it('reading past the end of an existing stream returns nothing', async () => {
    expect(await revisions({ fromRevision: 100n })).toEqual([]);
  });

  it('a missing stream raises StreamNotFoundError naming the stream', async () => {
    const missing = streamName('missing');
    const error = await rejection(collect(client().readStream(missing)));
    expect(error).toBeInstanceOf(StreamNotFoundError);
    expect(error.streamName).toBe(missing);
  });

  it('a tombstoned stream raises StreamDeletedError naming the stream', async () => {
    const deleted = streamName('tombstoned');
    await client().appendToStream(deleted, jsonEvent({ type: 'T', data: {} }));
    await client().tombstoneStream(deleted);
    const error = await rejection(collect(client().readStream(deleted)));
    expect(error).toBeInstanceOf(StreamDeletedError);
    expect(error.streamName).toBe(deleted);
  });

  it('created is the append time (the bridge truncates it to seconds)', async () => {
    const [first] = await collect(client().readStream(stream, { maxCount: 1 }));
    const created = first.event!.created.getTime();
    expect(created).toBeGreaterThanOrEqual(Math.floor(appendedAt / 1000) * 1000);
    expect(created).toBeLessThanOrEqual(Date.now());
  });

  it('every event carries its commit position', async () => {
    const events = await collect(client().readStream(stream));
    for (const e of events) expect(e.commitPosition).toBe(e.event!.position!.commit);
  });
});
