import { randomUUID } from 'node:crypto';
import { jsonEvent, KurrentDBClient, RUNNING, STOPPED, StreamNotFoundError } from '@kurrent/kurrentdb-client';
import { startEmbeddedKurrentDB, type EmbeddedKurrentDB } from '../../src/index.js';
import { collect, eventually, rejection, uniqueCategory } from '../support/helpers.js';

/**
 * How the projection options map to a real node's settings: `runProjections: 'all'` with
 * `startStandardProjections: false` is a real node's --run-projections=All with its default
 * --start-standard-projections=false. The system projections then exist but write nothing (so
 * no link events count towards filtered checkpoints) until they are enabled.
 */
describe('projection options of the embedded server', () => {
  let server: EmbeddedKurrentDB;
  let client: KurrentDBClient;
  beforeAll(async () => {
    server = await startEmbeddedKurrentDB({ runProjections: 'all', startStandardProjections: false });
    client = KurrentDBClient.connectionString(server.connectionString);
  });
  afterAll(async () => {
    await client.dispose();
    await server.stop();
  });

  it('keeps the system projections stopped, writing no links, until one is enabled', async () => {
    const category = uniqueCategory('quiet');
    await client.appendToStream(`${category}-${randomUUID()}`, jsonEvent({ type: 'Happened', data: {} }));
    await client.appendToStream(`${category}-${randomUUID()}`, jsonEvent({ type: 'Happened', data: {} }));
    expect((await client.getProjectionStatus('$by_category')).projectionStatus).toBe(STOPPED);
    expect(await rejection(collect(client.readStream(`$ce-${category}`)))).toBeInstanceOf(StreamNotFoundError);

    await client.enableProjection('$by_category');
    expect((await client.getProjectionStatus('$by_category')).projectionStatus).toBe(RUNNING);
    const links = await eventually(async () => {
      try {
        const read = await collect(client.readStream(`$ce-${category}`));
        return read.length === 2 ? read : undefined;
      } catch (error) {
        if (error instanceof StreamNotFoundError) return undefined;
        throw error;
      }
    });
    expect(links).toHaveLength(2);
  });

  it('keeps the stopped or started state of projections across a restart', async () => {
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dataDir = mkdtempSync(join(tmpdir(), 'embedded-kurrentdb-projections-'));
    try {
      let durable = await startEmbeddedKurrentDB({ dataDir, runProjections: 'all', startStandardProjections: false });
      let durableClient = KurrentDBClient.connectionString(durable.connectionString);
      await durableClient.enableProjection('$by_event_type');
      const stream = `counted-${randomUUID()}`;
      await durableClient.createProjection('counter', `fromStream('${stream}').when({ $init() { return 0; }, hit(s) { return s + 1; } });`);
      await durableClient.appendToStream(stream, [1, 2, 3].map(() => jsonEvent({ type: 'hit', data: {} })));
      await eventually(async () => ((await durableClient.getProjectionState<number>('counter')) === 3 ? true : undefined));
      await durableClient.dispose();
      await durable.stop();

      durable = await startEmbeddedKurrentDB({ dataDir, runProjections: 'all', startStandardProjections: false });
      durableClient = KurrentDBClient.connectionString(durable.connectionString);
      expect((await durableClient.getProjectionStatus('$by_event_type')).projectionStatus).toBe(RUNNING);
      expect((await durableClient.getProjectionStatus('$by_category')).projectionStatus).toBe(STOPPED);
      expect(await durableClient.getProjectionState<number>('counter')).toBe(3);
      await durableClient.appendToStream(stream, jsonEvent({ type: 'hit', data: {} }));
      expect(await eventually(async () => ((await durableClient.getProjectionState<number>('counter')) === 4 ? 4 : undefined))).toBe(4);
      await durableClient.dispose();
      await durable.stop();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
