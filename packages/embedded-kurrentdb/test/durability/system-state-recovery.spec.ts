import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import { jsonEvent, KurrentDBClient, persistentSubscriptionToStreamSettingsFromDefaults, START } from '@kurrent/kurrentdb-client';
import { startEmbeddedKurrentDB, type EmbeddedKurrentDBOptions } from '../../src/index.js';
import { collect, eventually } from '../support/helpers.js';
import { temporaryDirectory } from '../support/child-server.js';

/** Server-side state that lives in system streams must come back after a restart too. */
describe('recovery of persistent subscriptions and projections', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = temporaryDirectory();
  });
  afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  async function session<T>(options: EmbeddedKurrentDBOptions, work: (client: KurrentDBClient) => Promise<T>): Promise<T> {
    const server = await startEmbeddedKurrentDB({ dataDir, ...options });
    const client = KurrentDBClient.connectionString(server.connectionString);
    try {
      return await work(client);
    } finally {
      await client.dispose();
      await server.stop();
    }
  }

  it('a persistent subscription group survives a restart and resumes after its checkpoint', async () => {
    const stream = `ps-${randomUUID()}`;
    await session({}, async (client) => {
      await client.appendToStream(stream, ['A', 'B', 'C'].map((type) => jsonEvent({ type, data: {} })));
      await client.createPersistentSubscriptionToStream(
        stream,
        'durable',
        persistentSubscriptionToStreamSettingsFromDefaults({ startFrom: START, checkPointLowerBound: 1, checkPointUpperBound: 1 }),
      );
      const subscription = client.subscribeToPersistentSubscriptionToStream(stream, 'durable');
      let acked = 0;
      for await (const resolved of subscription) {
        await subscription.ack(resolved);
        if (++acked === 2) break;
      }
      await subscription.unsubscribe();
      await eventually(async () => ((await client.getPersistentSubscriptionToStreamInfo(stream, 'durable')).stats.lastCheckpointedEventRevision === 1n ? true : undefined));
    });
    const types = await session({}, async (client) => {
      const info = await client.getPersistentSubscriptionToStreamInfo(stream, 'durable');
      expect(info.stats.lastCheckpointedEventRevision).toBe(1n);
      const subscription = client.subscribeToPersistentSubscriptionToStream(stream, 'durable');
      for await (const resolved of subscription) {
        await subscription.ack(resolved);
        await subscription.unsubscribe();
        return [resolved.event!.type];
      }
      return [];
    });
    expect(types).toEqual(['C']);
  });

  it('projections started later link what was written while they were off, exactly once', async () => {
    const category = `late${randomUUID().replace(/-/g, '')}`;
    await session({}, (client) => client.appendToStream(`${category}-1`, jsonEvent({ type: 'Before', data: {} })));
    await session({ runProjections: true }, async (client) => {
      await client.appendToStream(`${category}-1`, jsonEvent({ type: 'During', data: {} }));
      await eventually(async () => ((await collect(client.readStream(`$ce-${category}`)).catch(() => [])).length === 2 ? true : undefined));
    });
    const links = await session({ runProjections: true }, async (client) => {
      await client.appendToStream(`${category}-1`, jsonEvent({ type: 'After', data: {} }));
      return eventually(async () => {
        const read = await collect(client.readStream(`$ce-${category}`, { resolveLinkTos: true }));
        return read.length >= 3 ? read : undefined;
      });
    });
    expect(links.map((link) => link.event!.type)).toEqual(['Before', 'During', 'After']);
  });
});
