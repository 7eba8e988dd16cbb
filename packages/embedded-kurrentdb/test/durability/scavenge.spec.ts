import * as fs from 'node:fs';
import * as path from 'node:path';
import { jsonEvent, KurrentDBClient, START, streamNameFilter, StreamNotFoundError } from '@kurrent/kurrentdb-client';
import { startEmbeddedKurrentDB, type EmbeddedKurrentDB } from '../../src/index.js';
import { collect, eventually, rejection, streamName } from '../support/helpers.js';
import { temporaryDirectory } from '../support/child-server.js';
import { basicAuth, operations, operationsClient, unaryCall } from '../support/raw-grpc.js';

const LOG = 'kurrentdb.log';
const payload = 'x'.repeat(1000);
const events = (count: number, type = 'Filler') => Array.from({ length: count }, (_, i) => jsonEvent({ type, data: { i, payload } }));

/**
 * What a scavenge removes from this server (the whole log: it has no chunks), read through the
 * real client: what stream metadata and deletes hide is gone from `$all` too, the log file
 * shrinks, positions stay, and all of it survives restarts.
 */
describe('scavenge', () => {
  let dataDir: string;
  let server: EmbeddedKurrentDB;
  let client: KurrentDBClient;
  const start = async () => {
    server = await startEmbeddedKurrentDB({ dataDir });
    client = KurrentDBClient.connectionString(server.connectionString);
  };
  const stop = async () => {
    await client.dispose();
    await server.stop();
  };
  const inAll = async (stream: string) =>
    (await collect(client.readAll({ fromPosition: START, filter: streamNameFilter({ prefixes: [stream] }) }))).map(({ event }) => event!);

  beforeEach(async () => {
    dataDir = temporaryDirectory();
    await start();
  });
  afterEach(async () => {
    await stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('removes what $maxCount, $tb and $maxAge hide, except the last event of each stream', async () => {
    const counted = streamName('counted');
    const truncated = streamName('truncated');
    const aged = streamName('aged');
    await client.appendToStream(counted, events(10));
    await client.setStreamMetadata(counted, { maxCount: 3 });
    await client.appendToStream(truncated, events(10));
    await client.setStreamMetadata(truncated, { truncateBefore: 8 });
    await client.appendToStream(aged, events(3));
    await client.setStreamMetadata(aged, { maxAge: 1 });
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(await inAll(counted)).toHaveLength(10);

    const result = await server.scavenge();
    expect(result.recordsRemoved).toBe(7 + 8 + 2);
    expect((await inAll(counted)).map((e) => e.revision)).toEqual([7n, 8n, 9n]);
    expect((await inAll(truncated)).map((e) => e.revision)).toEqual([8n, 9n]);
    // Every aged event is hidden, but the last one stays so that the stream keeps its revision.
    expect((await inAll(aged)).map((e) => e.revision)).toEqual([2n]);
    expect((await collect(client.readStream(counted))).map(({ event }) => event!.revision)).toEqual([7n, 8n, 9n]);
    expect(await collect(client.readStream(aged))).toEqual([]);
    const next = await client.appendToStream(aged, events(1));
    expect(next.nextExpectedRevision).toBe(3n);
  });

  it('keeps what $tb hid gone once scavenged, even when the truncation is lifted; the stream keeps its revisions', async () => {
    const stream = streamName('archived');
    await client.appendToStream(stream, events(5));
    await client.setStreamMetadata(stream, { truncateBefore: 4 });
    await server.scavenge();
    await client.setStreamMetadata(stream, {});
    expect((await collect(client.readStream(stream))).map(({ event }) => event!.revision)).toEqual([4n]);
    expect((await inAll(stream)).map((e) => e.revision)).toEqual([4n]);
    expect((await client.appendToStream(stream, events(1))).nextExpectedRevision).toBe(5n);
  });

  it('removes soft-deleted and tombstoned streams, keeping the tombstone; a soft-deleted stream continues its revisions', async () => {
    const soft = streamName('soft');
    const hard = streamName('hard');
    await client.appendToStream(soft, events(5));
    await client.deleteStream(soft);
    await client.appendToStream(hard, events(5));
    await client.tombstoneStream(hard);
    await server.scavenge();
    expect((await inAll(soft)).map((e) => e.revision)).toEqual([4n]);
    expect((await inAll(hard)).map((e) => e.type)).toEqual(['$streamDeleted']);
    expect(await rejection(collect(client.readStream(soft)))).toBeInstanceOf(StreamNotFoundError);
    await client.appendToStream(soft, events(1));
    expect((await collect(client.readStream(soft))).map(({ event }) => event!.revision)).toEqual([5n]);
  });

  it('shrinks the log file, keeps every position, and survives restarts, appends and a second scavenge', async () => {
    const kept = streamName('kept');
    const dropped = streamName('dropped');
    await client.appendToStream(kept, events(20));
    await client.appendToStream(dropped, events(200));
    await client.deleteStream(dropped);
    const before = fs.statSync(path.join(dataDir, LOG)).size;
    const positions = (await inAll(kept)).map((e) => e.position.commit);

    await server.scavenge();
    expect(fs.statSync(path.join(dataDir, LOG)).size).toBeLessThan(before / 3);
    expect((await inAll(kept)).map((e) => e.position.commit)).toEqual(positions);

    await stop();
    await start();
    expect((await inAll(kept)).map((e) => e.position.commit)).toEqual(positions);
    expect((await inAll(dropped)).map((e) => e.revision)).toEqual([199n]);
    const appended = await client.appendToStream(kept, events(1));
    expect(appended.position!.commit).toBeGreaterThan(positions.at(-1)!);
    await client.setStreamMetadata(kept, { maxCount: 1 });
    await server.scavenge();

    await stop();
    await start();
    expect((await inAll(kept)).map((e) => [e.revision, e.position.commit])).toEqual([[20n, appended.position!.commit]]);
    const again = await client.appendToStream(kept, events(1));
    expect(again.nextExpectedRevision).toBe(21n);
    expect(again.position!.commit).toBeGreaterThan(appended.position!.commit);
  });

  it('starts over a leftover of a scavenge that was interrupted before it replaced the log', async () => {
    const stream = streamName('interrupted');
    await client.appendToStream(stream, events(3));
    await stop();
    fs.writeFileSync(path.join(dataDir, `${LOG}.scavenge`), 'half a scavenged log');
    await start();
    expect(await inAll(stream)).toHaveLength(3);
    expect(fs.existsSync(path.join(dataDir, `${LOG}.scavenge`))).toBe(false);
  });

  it('runs through StartScavenge as well', async () => {
    const stream = streamName('grpc');
    await client.appendToStream(stream, events(5));
    await client.setStreamMetadata(stream, { maxCount: 1 });
    const stub = operationsClient(server.connectionString);
    await unaryCall((done) => stub.startScavenge(new operations.StartScavengeReq(), basicAuth(), done));
    expect(await eventually(async () => ((await inAll(stream)).length === 1 ? true : undefined))).toBe(true);
    stub.close();
  });
});
