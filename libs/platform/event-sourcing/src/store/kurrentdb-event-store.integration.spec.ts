import { randomUUID } from 'node:crypto';
import { KurrentDBClient, UnsupportedError } from '@kurrent/kurrentdb-client';
import { describeEventStoreContract, startTestKurrentDB } from '@openbank/testing';
import { KurrentDBEventStore } from './kurrentdb-event-store.js';

describeEventStoreContract('KurrentDB', async () => {
  const server = await startTestKurrentDB();
  const client = KurrentDBClient.connectionString`${server.address}`;
  return {
    store: new KurrentDBEventStore(client, 5000),
    stop: async () => {
      await client.dispose();
      await server.stop();
    },
  };
});

describe('KurrentDBEventStore: keeping only the newest events through stream metadata', () => {
  let server: Awaited<ReturnType<typeof startTestKurrentDB>>;
  let client: KurrentDBClient;
  let store: KurrentDBEventStore;

  beforeAll(async () => {
    server = await startTestKurrentDB();
    client = KurrentDBClient.connectionString`${server.address}`;
    store = new KurrentDBEventStore(client, 5000);
  });

  afterAll(async () => {
    await client?.dispose();
    await server?.stop();
  });

  const newStream = () => `retained-${randomUUID().replaceAll('-', '')}`;

  it("sets the stream's $maxCount, keeping what else its metadata holds", async () => {
    const stream = newStream();
    await client.setStreamMetadata(stream, { cacheControl: 60, owner: 'operations' });
    await store.keepOnlyNewest(stream, 3);
    expect((await client.getStreamMetadata(stream)).metadata).toEqual({ cacheControl: 60, owner: 'operations', maxCount: 3 });
  });

  it('writes no metadata when the stream already keeps that many, and a new count when told one', async () => {
    const stream = newStream();
    await store.keepOnlyNewest(stream, 3);
    const first = await client.getStreamMetadata(stream);
    await store.keepOnlyNewest(stream, 3);
    expect((await client.getStreamMetadata(stream)).metastreamRevision).toBe(first.metastreamRevision);
    await store.keepOnlyNewest(stream, 5);
    const changed = await client.getStreamMetadata(stream);
    expect(changed.metadata).toEqual({ maxCount: 5 });
    expect(changed.metastreamRevision).not.toBe(first.metastreamRevision);
  });
});

describe('KurrentDBEventStore: an append to several streams the client will not make at once', () => {
  it('writes nothing, stream by stream or otherwise, and fails as an outage the caller retries', async () => {
    const written: string[] = [];
    // A client that told the store it appends to several streams at once, then refuses to.
    const client = {
      supports: async () => true,
      multiStreamAppend: async () => {
        throw new UnsupportedError('multiStreamAppend', '25.1');
      },
      appendToStream: async (stream: string) => {
        written.push(stream);
        return { nextExpectedRevision: 0n, position: { commit: 1n, prepare: 1n } };
      },
    } as unknown as KurrentDBClient;
    const store = new KurrentDBEventStore(client, 5000);
    const event = () => ({ id: randomUUID(), type: 'Moved', data: {}, metadata: {} });

    await expect(store.append([{ stream: 'account-a', expected: 'no_stream', events: [event()] }, { stream: 'transfer-t', expected: 'no_stream', events: [event()] }])).rejects.toThrow('the event store is unavailable');
    expect(written).toEqual([]);
  });
});
