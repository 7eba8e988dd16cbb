import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import { jsonEvent, KurrentDBClient, START, StreamDeletedError, StreamNotFoundError } from '@kurrent/kurrentdb-client';
import { collect } from '../support/target.js';
import { startChildServer, temporaryDirectory, type ChildServer } from '../support/child-server.js';

/**
 * The server is killed with SIGKILL while clients append; after a restart on the same
 * directory every acknowledged append must be there, in order, at its acknowledged revision.
 */
describe('crash recovery of the data directory (child process, kill -9)', () => {
  const directories: string[] = [];
  const servers: ChildServer[] = [];
  const clients: KurrentDBClient[] = [];

  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.dispose()));
    for (const server of servers.splice(0)) {
      if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGKILL');
      await server.exited;
    }
    for (const directory of directories.splice(0)) fs.rmSync(directory, { recursive: true, force: true });
  });

  async function start(directory: string, extra: string[] = []) {
    const server = await startChildServer(directory, extra);
    servers.push(server);
    const client = KurrentDBClient.connectionString(server.connectionString);
    clients.push(client);
    return { server, client };
  }

  it.each([['write'], ['fsync']])('every append acknowledged before kill -9 is recovered (durability %s)', async (durability) => {
    const directory = temporaryDirectory();
    directories.push(directory);
    const { server, client } = await start(directory, ['--durability', durability]);

    const acknowledged = new Map<string, { revision: bigint; ids: string[] }[]>();
    let stop = false;
    const writer = async (stream: string) => {
      acknowledged.set(stream, []);
      let expected: bigint | 'no_stream' = 'no_stream';
      while (!stop) {
        const ids = [randomUUID(), randomUUID()];
        try {
          const result: { nextExpectedRevision: bigint } = await client.appendToStream(
            stream,
            ids.map((id) => jsonEvent({ id, type: 'Written', data: { id } })),
            { streamState: expected },
          );
          acknowledged.get(stream)!.push({ revision: result.nextExpectedRevision, ids });
          expected = result.nextExpectedRevision;
        } catch {
          return; // the server is gone: this append was never acknowledged
        }
      }
    };
    const streams = Array.from({ length: 8 }, () => `crash-${randomUUID()}`);
    const writers = streams.map(writer);
    // Kill while appends are in flight, once enough have been acknowledged.
    await new Promise<void>((resolve) => {
      const check = setInterval(() => {
        const total = [...acknowledged.values()].reduce((sum, list) => sum + list.length, 0);
        if (total >= 200) {
          clearInterval(check);
          server.child.kill('SIGKILL');
          resolve();
        }
      }, 5);
    });
    stop = true;
    expect(await server.exited).toBe('SIGKILL');
    await Promise.all(writers);

    const { client: after } = await start(directory);
    for (const stream of streams) {
      const read = await collect(after.readStream(stream));
      const ids = read.map((e) => e.event!.id);
      const acked = acknowledged.get(stream)!;
      const ackedIds = acked.flatMap((entry) => entry.ids);
      // Everything acknowledged is there, in order; at most the one in-flight append follows it.
      expect(ids.slice(0, ackedIds.length)).toEqual(ackedIds);
      expect(ids.length - ackedIds.length === 0 || ids.length - ackedIds.length === 2).toBe(true);
      if (acked.length > 0) expect(read[ackedIds.length - 1].event!.revision).toBe(acked.at(-1)!.revision);
    }
    const all = await collect(after.readAll({ fromPosition: START }));
    const positions = all.map((e) => e.event!.position!.commit);
    for (let i = 1; i < positions.length; i++) expect(positions[i]).toBeGreaterThan(positions[i - 1]);
  });

  it('a restarted server keeps positions, revisions, deletes, metadata and idempotency', async () => {
    const directory = temporaryDirectory();
    directories.push(directory);
    const first = await start(directory);
    const id = randomUUID();
    const appended = await first.client.appendToStream('kept-1', [jsonEvent({ id, type: 'A', data: { n: 1 } })]);
    await first.client.appendToStream('gone-1', jsonEvent({ type: 'B', data: {} }));
    await first.client.deleteStream('gone-1');
    await first.client.appendToStream('final-1', jsonEvent({ type: 'C', data: {} }));
    await first.client.tombstoneStream('final-1');
    await first.client.setStreamMetadata('kept-1', { maxCount: 5 });
    first.server.child.kill('SIGTERM');
    expect(await first.server.exited).toBe(0);

    const second = await start(directory);
    const [kept] = await collect(second.client.readStream('kept-1'));
    expect(kept.event!.position).toEqual(appended.position);
    const retry = await second.client.appendToStream('kept-1', [jsonEvent({ id, type: 'A', data: { n: 1 } })], { streamState: 'no_stream' });
    expect(retry.nextExpectedRevision).toBe(0n);
    expect((await second.client.getStreamMetadata('kept-1')).metadata).toEqual({ maxCount: 5 });
    await expect(collect(second.client.readStream('gone-1'))).rejects.toBeInstanceOf(StreamNotFoundError);
    const recreated = await second.client.appendToStream('gone-1', jsonEvent({ type: 'B', data: {} }));
    expect(recreated.nextExpectedRevision).toBe(1n);
    await expect(second.client.appendToStream('final-1', jsonEvent({ type: 'C', data: {} }))).rejects.toBeInstanceOf(StreamDeletedError);
  });
});
