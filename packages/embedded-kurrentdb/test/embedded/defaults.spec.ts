import { randomUUID } from 'node:crypto';
import { jsonEvent, KurrentDBClient, StreamNotFoundError, UnsupportedError } from '@kurrent/kurrentdb-client';
import { startEmbeddedKurrentDB, type EmbeddedKurrentDB } from '../../src/index.js';
import { collect, rejection, uniqueCategory } from '../support/helpers.js';

/** Properties of the embedded server itself (not of the protocol), so they never target a real node. */
describe('embedded server defaults', () => {
  let server: EmbeddedKurrentDB;
  let client: KurrentDBClient;
  beforeAll(async () => {
    server = await startEmbeddedKurrentDB();
    client = KurrentDBClient.connectionString(server.connectionString);
  });
  afterAll(async () => {
    await client.dispose();
    await server.stop();
  });

  it('listens on a free port on 127.0.0.1 without TLS', () => {
    expect(server.connectionString).toBe(`kurrentdb://127.0.0.1:${server.port}?tls=false`);
    expect(server.port).toBeGreaterThan(0);
    expect(server.recovery).toBeUndefined();
  });

  it('runs no system projections unless asked: no $ce- stream appears', async () => {
    const category = uniqueCategory('off');
    await client.appendToStream(`${category}-${randomUUID()}`, jsonEvent({ type: 'Happened', data: {} }));
    // Projections write right after a commit; a later acknowledged commit means they had their turn.
    await client.appendToStream(`${category}-${randomUUID()}`, jsonEvent({ type: 'Happened', data: {} }));
    expect(await rejection(collect(client.readStream(`$ce-${category}`)))).toBeInstanceOf(StreamNotFoundError);
  });

  it('begins a new database with the default users, as a real node does', async () => {
    const system = await collect(client.readAll({ maxCount: 20 }));
    const streams = system.map(({ event }) => event!.streamId);
    expect(streams).toEqual(expect.arrayContaining(['$user-admin', '$user-ops', '$users']));
    const [admin] = await collect(client.readStream('$user-admin'));
    expect(admin.event).toMatchObject({ type: '$UserCreated', data: { loginName: 'admin', groups: ['$admins'] } });
  });

  it('stop() is idempotent and refuses later connections', async () => {
    const other = await startEmbeddedKurrentDB();
    await Promise.all([other.stop(), other.stop()]);
    const late = KurrentDBClient.connectionString(other.connectionString);
    await expect(late.appendToStream('late-1', jsonEvent({ type: 'T', data: {} }))).rejects.toThrow();
    await late.dispose();
  });
});

describe('serving as a node older than 25.1', () => {
  it('offers no append to several streams, so the client tells its caller it is unsupported', async () => {
    const server = await startEmbeddedKurrentDB({ port: 0, multiStreamAppend: false });
    const client = KurrentDBClient.connectionString(server.connectionString);
    try {
      await expect(client.multiStreamAppend([{ streamName: 'older-1', expectedState: 'any', events: [jsonEvent({ type: 'T', data: {} })] }])).rejects.toBeInstanceOf(UnsupportedError);
      await client.appendToStream('older-1', jsonEvent({ type: 'T', data: {} }));
    } finally {
      await client.dispose();
      await server.stop();
    }
  });
});
