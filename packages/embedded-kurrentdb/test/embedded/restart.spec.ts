import * as fs from 'node:fs';
import { jsonEvent, KurrentDBClient } from '@kurrent/kurrentdb-client';
import { startEmbeddedKurrentDB } from '../../src/index.js';
import { collect, eventually } from '../support/helpers.js';
import { temporaryDirectory } from '../support/child-server.js';

describe('a client across a server restart on the same port', () => {
  it('the bridge recovers and grpc-js reconnects once the server is back', async () => {
    const dataDir = temporaryDirectory();
    let server = await startEmbeddedKurrentDB({ dataDir });
    const port = server.port;
    const client = KurrentDBClient.connectionString(server.connectionString);
    try {
      await client.appendToStream('restart-1', jsonEvent({ type: 'Before', data: {} }));
      expect(await collect(client.readStream('restart-1'))).toHaveLength(1);
      await server.stop();
      server = await startEmbeddedKurrentDB({ dataDir, port });
      // The first calls after the restart may see the old connection fail; the client then reconnects.
      await eventually(async () => {
        try {
          await client.appendToStream('restart-1', jsonEvent({ type: 'After', data: {} }));
          return true;
        } catch {
          return undefined;
        }
      });
      const read = await eventually(async () => {
        try {
          return await collect(client.readStream('restart-1'));
        } catch {
          return undefined;
        }
      });
      expect(read.map((e) => e.event!.type).slice(0, 1)).toEqual(['Before']);
      expect(read.at(-1)!.event!.type).toBe('After');
    } finally {
      await client.dispose();
      await server.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
