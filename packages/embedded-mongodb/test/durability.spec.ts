import { appendFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MongoClient } from 'mongodb';
import { CorruptDataError, startEmbeddedMongo } from '../src/index.js';
import { killLeftovers, runFailingServer, spawnServer } from './server-process.js';
import { CLIENT_OPTIONS, rejection } from './target.js';

/**
 * Durability of the embedded server's data directory. These specs exercise the server process
 * itself (kill -9, restart, damaged files), so they always run against the embedded server.
 */
describe('data directory durability', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'embedded-mongodb-'));
    dirs.push(dir);
    return dir;
  };
  afterAll(() => {
    killLeftovers();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  async function withClient<T>(uri: string, fn: (client: MongoClient) => Promise<T>): Promise<T> {
    const client = await new MongoClient(uri, CLIENT_OPTIONS).connect();
    try {
      return await fn(client);
    } finally {
      await client.close();
    }
  }

  it('prints its address from the CLI and stops cleanly on SIGTERM and SIGINT', async () => {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      const server = await spawnServer(['--port', '0']);
      expect(server.stdout()).toMatch(/^listening on mongodb:\/\/127\.0\.0\.1:\d+\n$/);
      await withClient(server.uri, async (client) => expect(await client.db('admin').command({ ping: 1 })).toMatchObject({ ok: 1 }));
      server.child.kill(signal);
      expect(await server.exited).toEqual({ code: 0, signal: null });
    }
  });

  it('keeps every acknowledged write after kill -9 during writes', async () => {
    const dir = tempDir();
    const first = await spawnServer(['--port', '0', '--data', dir, '--compact-threshold', '20000']);
    const acked = new Set<number>();
    const updated = new Map<number, number>();
    const deleted = new Set<number>();
    const client = await new MongoClient(first.uri, { ...CLIENT_OPTIONS, maxPoolSize: 4 }).connect();
    const coll = client.db('durable').collection('events');
    await coll.createIndex({ key: 1 }, { unique: true });
    let crashed = false;
    const writer = async (lane: number) => {
      for (let i = 0; !crashed; i++) {
        const id = lane * 1_000_000 + i;
        try {
          await coll.insertOne({ _id: id, key: `k${id}`, payload: 'x'.repeat(200) } as never);
          acked.add(id);
          if (i % 5 === 4) {
            await coll.updateOne({ _id: id - 1 } as never, { $set: { version: i } });
            updated.set(id - 1, i);
          }
          if (i % 7 === 6) {
            await coll.deleteOne({ _id: id - 2 } as never);
            deleted.add(id - 2);
          }
        } catch {
          return;
        }
      }
    };
    const lanes = [0, 1, 2, 3].map(writer);
    while (acked.size < 600) await new Promise((resolve) => setTimeout(resolve, 5));
    first.child.kill('SIGKILL');
    crashed = true;
    await first.exited;
    await Promise.all(lanes);
    await client.close(true);

    const second = await spawnServer(['--port', '0', '--data', dir]);
    try {
      await withClient(second.uri, async (c) => {
        const docs = await c.db('durable').collection('events').find().toArray();
        const byId = new Map(docs.map((d) => [d._id as unknown as number, d]));
        for (const id of acked) {
          if (deleted.has(id)) expect(byId.has(id)).toBe(false);
          else expect(byId.get(id)?.key).toBe(`k${id}`);
        }
        for (const [id, version] of updated) if (!deleted.has(id)) expect(byId.get(id)?.version).toBe(version);
        const indexes = await c.db('durable').collection('events').listIndexes().toArray();
        expect(indexes.map((i) => i.name)).toEqual(['_id_', 'key_1']);
        const survivor = [...acked].find((id) => !deleted.has(id)) as number;
        expect((await rejection(c.db('durable').collection('events').insertOne({ key: `k${survivor}` }))).code).toBe(11000);
      });
    } finally {
      second.child.kill('SIGTERM');
      await second.exited;
    }
    expect(readdirSync(dir).some((f) => /^snapshot-\d+\.bson$/.test(f))).toBe(true);
  });

  it('restores collections, options, indexes and documents after a restart and a compaction', async () => {
    const dir = tempDir();
    const a = await startEmbeddedMongo({ dataDir: dir });
    await withClient(a.uri, async (client) => {
      const db = client.db('app');
      await db.createCollection('accounts', { validator: { balance: { $exists: true } } });
      await db.collection('accounts').createIndex({ owner: 1, opened: -1 }, { name: 'owner_opened' });
      await db.collection('accounts').insertMany([{ _id: 'a', owner: 'ann', balance: 1 }, { _id: 'b', owner: 'bob', balance: 2 }] as never[]);
      await a.compact();
      await db.collection('accounts').updateOne({ _id: 'a' } as never, { $inc: { balance: 10 } });
      await db.collection('accounts').deleteOne({ _id: 'b' } as never);
      await db.collection('ledger').insertOne({ n: 1 });
      await db.collection('ledger').drop();
    });
    await a.stop();
    const b = await startEmbeddedMongo({ dataDir: dir });
    try {
      await withClient(b.uri, async (client) => {
        const db = client.db('app');
        expect(await db.collection('accounts').find().toArray()).toEqual([{ _id: 'a', owner: 'ann', balance: 11 }]);
        const [info] = await db.listCollections({ name: 'accounts' }, { nameOnly: false }).toArray();
        expect('options' in info && info.options).toEqual({ validator: { balance: { $exists: true } } });
        expect((await db.collection('accounts').listIndexes().toArray()).map((i) => i.name)).toEqual(['_id_', 'owner_opened']);
        expect((await db.listCollections({ name: 'ledger' }).toArray()).length).toBe(0);
      });
    } finally {
      await b.stop();
    }
  });

  it('drops a torn final journal record (an unacknowledged write) and starts', async () => {
    const dir = tempDir();
    const a = await startEmbeddedMongo({ dataDir: dir });
    await withClient(a.uri, (client) => client.db('t').collection('c').insertOne({ _id: 1 } as never));
    await a.stop();
    const journal = readdirSync(dir).find((f) => f.startsWith('journal-')) as string;
    appendFileSync(join(dir, journal), Buffer.from([200, 0, 0, 0, 1, 2]));
    const b = await startEmbeddedMongo({ dataDir: dir });
    try {
      expect(await withClient(b.uri, (client) => client.db('t').collection('c').countDocuments())).toBe(1);
    } finally {
      await b.stop();
    }
  });

  it('refuses a damaged journal with a clear error, from code and from the CLI', async () => {
    const dir = tempDir();
    const a = await startEmbeddedMongo({ dataDir: dir });
    await withClient(a.uri, (client) => client.db('t').collection('c').insertMany([{ v: 'a'.repeat(50) }, { v: 'b'.repeat(50) }]));
    await a.stop();
    const journal = join(dir, readdirSync(dir).find((f) => f.startsWith('journal-')) as string);
    const bytes = readFileSync(journal);
    bytes[bytes.length - 20] ^= 0xff;
    writeFileSync(journal, bytes);
    await expect(startEmbeddedMongo({ dataDir: dir })).rejects.toBeInstanceOf(CorruptDataError);
    const cli = await runFailingServer(['--port', '0', '--data', dir]);
    expect(cli.code).toBe(1);
    expect(cli.stdout).toBe('');
    expect(cli.stderr).toMatch(/checksum mismatch/);
  });

  it('refuses a damaged snapshot and a directory that is not its own', async () => {
    const dir = tempDir();
    const a = await startEmbeddedMongo({ dataDir: dir });
    await withClient(a.uri, (client) => client.db('t').collection('c').insertOne({ a: 1 }));
    await a.compact();
    await a.stop();
    const snapshot = join(dir, readdirSync(dir).find((f) => f.startsWith('snapshot-')) as string);
    writeFileSync(snapshot, readFileSync(snapshot).subarray(0, 30));
    await expect(startEmbeddedMongo({ dataDir: dir })).rejects.toThrow(/snapshot/);

    const foreign = tempDir();
    writeFileSync(join(foreign, 'WiredTiger'), 'not ours');
    await expect(startEmbeddedMongo({ dataDir: foreign })).rejects.toThrow(/not an embedded-mongodb data directory/);
  });

  it('refuses a data directory already in use by a running server', async () => {
    const dir = tempDir();
    const running = await spawnServer(['--port', '0', '--data', dir]);
    try {
      await expect(startEmbeddedMongo({ dataDir: dir })).rejects.toThrow(/in use by process/);
    } finally {
      running.child.kill('SIGTERM');
      await running.exited;
    }
  });
});
