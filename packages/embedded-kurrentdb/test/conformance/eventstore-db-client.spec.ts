import { randomUUID } from 'node:crypto';
import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  jsonEvent,
  NO_STREAM,
  START,
  streamNameFilter,
  StreamNotFoundError,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import { useChildTarget } from '../support/child-server.js';
import { collect, rejection, streamName, uniqueCategory } from '../support/helpers.js';

/**
 * The older client many tools still use: every call (reads included) goes over grpc-js.
 * It runs against a server in another process: its generated code and the new client's share
 * google-protobuf's global namespace, so the two cannot live in one process.
 */
describe('@eventstore/db-client 6.x essentials', () => {
  const target = useChildTarget();
  let client: EventStoreDBClient;
  beforeAll(() => {
    client = EventStoreDBClient.connectionString(target().replace(/^kurrentdb:/, 'esdb:'));
  });
  afterAll(() => client.dispose());

  it('appends with expected revisions and reports a wrong expected version', async () => {
    const stream = streamName('esdb');
    const result = await client.appendToStream(stream, [jsonEvent({ type: 'A', data: { n: 0 } }), jsonEvent({ type: 'B', data: { n: 1 } })], {
      expectedRevision: NO_STREAM,
    });
    expect(result.nextExpectedRevision).toBe(1n);
    expect(result.position!.commit).toBe(result.position!.prepare);
    const error = await rejection(client.appendToStream(stream, jsonEvent({ type: 'C', data: {} }), { expectedRevision: 0n }));
    expect(error).toBeInstanceOf(WrongExpectedVersionError);
  });

  it('reads a stream forwards and backwards, and a missing stream is StreamNotFoundError', async () => {
    const stream = streamName('esdb');
    const id = randomUUID();
    await client.appendToStream(stream, [jsonEvent({ id, type: 'A', data: { n: 0 } }), jsonEvent({ type: 'B', data: { n: 1 } })]);
    const forwards = await collect(client.readStream(stream, { fromRevision: START }));
    expect(forwards.map((e) => [e.event!.revision, e.event!.type])).toEqual([
      [0n, 'A'],
      [1n, 'B'],
    ]);
    expect(forwards[0].event).toMatchObject({ id, data: { n: 0 }, streamId: stream });
    const backwards = await collect(client.readStream(stream, { direction: BACKWARDS, fromRevision: END, maxCount: 1 }));
    expect(backwards.map((e) => e.event!.revision)).toEqual([1n]);
    expect(await rejection(collect(client.readStream(streamName('esdb-missing'))))).toBeInstanceOf(StreamNotFoundError);
  });

  it('reads $all forwards from a position (this client has no server-side read filter)', async () => {
    const stream = streamName('esdb');
    const marker = await client.appendToStream(streamName('esdb-marker'), jsonEvent({ type: 'Marker', data: {} }));
    await client.appendToStream(stream, [jsonEvent({ type: 'A', data: {} }), jsonEvent({ type: 'B', data: {} })]);
    const read = await collect(client.readAll({ fromPosition: marker.position! }));
    expect(read.filter((e) => e.event?.streamId === stream).map((e) => e.event!.type)).toEqual(['A', 'B']);
    expect(read[0].event!.type).toBe('Marker');
  });

  it('subscribes to $all and to a stream: catch-up then live', async () => {
    const category = uniqueCategory('esdb');
    const stream = streamName(category);
    await client.appendToStream(stream, jsonEvent({ type: 'Before', data: {} }));
    const received = async (subscription: AsyncIterable<{ event?: { type: string } }> & { unsubscribe(): Promise<void> }) => {
      const types: string[] = [];
      for await (const resolved of subscription) {
        types.push(resolved.event!.type);
        if (types.length === 1) await client.appendToStream(stream, jsonEvent({ type: 'After', data: {} }));
        if (types.length === 2) break;
      }
      await subscription.unsubscribe();
      return types;
    };
    expect(await received(client.subscribeToAll({ fromPosition: START, filter: streamNameFilter({ prefixes: [`${category}-`] }) }))).toEqual(['Before', 'After']);
    const fromStream = await received(client.subscribeToStream(stream, { fromRevision: START }));
    expect(fromStream).toEqual(['Before', 'After']);
  });
});
