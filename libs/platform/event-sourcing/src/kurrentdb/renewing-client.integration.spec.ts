import { BACKWARDS, END, KurrentDBClient, jsonEvent } from '@kurrent/kurrentdb-client';
import { startTestKurrentDB } from '@openbank/testing';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { renewingClient } from './renewing-client.js';

describe('the shared KurrentDB client, renewed when its reads stay broken', () => {
  let server: Awaited<ReturnType<typeof startTestKurrentDB>>;

  beforeAll(async () => {
    server = await startTestKurrentDB();
  });

  afterAll(async () => {
    await server?.stop();
  });

  const readEvents = async (client: KurrentDBClient, stream: string) => {
    const types: string[] = [];
    for await (const { event } of client.readStream(stream)) if (event) types.push(event.type);
    return types;
  };

  it('goes on with a new client once every read has failed for a while, and the store reads again', async () => {
    const stream = `renewed-${randomUUID()}`;
    // The first client cannot reach any store: it stands for one whose connection stays broken.
    const addresses = ['kurrentdb://127.0.0.1:1?tls=false', server.address];
    const client = renewingClient({ newClient: () => KurrentDBClient.connectionString`${addresses.shift() ?? server.address}`, afterMs: 200, retireAfterMs: 0 });
    try {
      await expect(readEvents(client, stream)).rejects.toThrow();
      await sleep(250);
      await expect(readEvents(client, stream)).rejects.toThrow();
      await client.appendToStream(stream, jsonEvent({ type: 'Noted', data: {} }));
      expect(await readEvents(client, stream)).toEqual(['Noted']);
    } finally {
      await client.dispose();
    }
  });

  it('keeps its client while reads succeed or fail for other reasons than an outage', async () => {
    const made: string[] = [];
    const client = renewingClient({ newClient: () => (made.push('client'), KurrentDBClient.connectionString`${server.address}`), afterMs: 0 });
    try {
      await expect(readEvents(client, `missing-${randomUUID()}`)).rejects.toThrow();
      expect(await readEvents(client, `missing-${randomUUID()}`).catch(() => [])).toEqual([]);
      expect(made).toEqual(['client']);
    } finally {
      await client.dispose();
    }
  });

  it('reads on after many reads were stopped early: each is read to its end, which gives back the connection’s flow-control window', async () => {
    const stream = `stopped-early-${randomUUID()}`;
    const client = renewingClient({ newClient: () => KurrentDBClient.connectionString`${server.address}`, afterMs: 60_000 });
    try {
      const note = 'n'.repeat(1000);
      for (let page = 0; page < 5; page++) await client.appendToStream(stream, Array.from({ length: 100 }, (_, index) => jsonEvent({ type: 'Noted', data: { page, index, note } })));
      // Each read takes its newest event only: the server has sent (or queued) the other 499.
      // Left open, about 20 of them spend the connection's window and the next read waits forever.
      for (let read = 0; read < 100; read++) {
        for await (const { event } of client.readStream(stream, { direction: BACKWARDS, fromRevision: END, maxCount: 500, deadline: 10_000 })) {
          expect(event?.revision).toBe(499n);
          break;
        }
      }
      expect(await readEvents(client, stream)).toHaveLength(500);
    } finally {
      await client.dispose();
    }
  });
});
