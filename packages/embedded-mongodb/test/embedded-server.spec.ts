import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MongoClient } from 'mongodb';
import { startEmbeddedMongo } from '../src/index.js';
import { CLIENT_OPTIONS, rejection } from './target.js';

/** The embedded server's own API (ports, lifecycle, cursor timeout hook): no real-MongoDB equivalent. */
describe('startEmbeddedMongo', () => {
  it('listens on a free port for port 0, or on the port it is given', async () => {
    const a = await startEmbeddedMongo();
    const b = await startEmbeddedMongo({ port: 0 });
    expect(a.uri).toMatch(/^mongodb:\/\/127\.0\.0\.1:\d+$/);
    expect(a.port).not.toBe(b.port);
    const port = b.port;
    await b.stop();
    const c = await startEmbeddedMongo({ port });
    expect(c.uri).toBe(`mongodb://127.0.0.1:${port}`);
    await expect(startEmbeddedMongo({ port })).rejects.toThrow(/EADDRINUSE/);
    await Promise.all([a.stop(), c.stop()]);
  });

  it('refuses $where unless started with javascript, as mongod --noscripting does', async () => {
    const server = await startEmbeddedMongo();
    const client = await new MongoClient(server.uri, CLIENT_OPTIONS).connect();
    const docs = client.db('x').collection('y');
    await docs.insertOne({ a: 1 });
    const err = await rejection(docs.find({ $where: 'this.a == 1' }).toArray());
    expect(err).toMatchObject({ code: 6108304, codeName: 'Location6108304', message: 'no globalScriptEngine in $where parsing' });
    // $function is not implemented even with javascript: refused as by a mongod without a JavaScript engine.
    const fn = { $function: { body: 'function(a) { return true; }', args: ['$a'], lang: 'js' } };
    expect(await rejection(docs.find({ $expr: fn }).toArray())).toMatchObject({ code: 31264 });
    expect(await rejection(docs.aggregate([{ $addFields: { b: fn } }]).toArray())).toMatchObject({ code: 31264 });
    await client.close();
    await server.stop();
  });

  it('stops idempotently, after which clients cannot connect', async () => {
    const server = await startEmbeddedMongo();
    const client = await new MongoClient(server.uri, CLIENT_OPTIONS).connect();
    await client.db('x').collection('y').insertOne({ a: 1 });
    await client.close();
    await Promise.all([server.stop(), server.stop()]);
    const late = new MongoClient(server.uri, { serverSelectionTimeoutMS: 300 });
    expect((await rejection(late.connect())).name).toBe('MongoServerSelectionError');
    await late.close();
  });

  it('keeps nothing between in-memory runs', async () => {
    const first = await startEmbeddedMongo();
    const c1 = await new MongoClient(first.uri, CLIENT_OPTIONS).connect();
    await c1.db('mem').collection('c').insertOne({ a: 1 });
    await c1.close();
    await first.stop();
    const second = await startEmbeddedMongo();
    const c2 = await new MongoClient(second.uri, CLIENT_OPTIONS).connect();
    expect(await c2.db('mem').collection('c').countDocuments()).toBe(0);
    await c2.close();
    await second.stop();
  });

  it('removes documents past their TTL index expiry when swept', async () => {
    const server = await startEmbeddedMongo();
    const client = await new MongoClient(server.uri, CLIENT_OPTIONS).connect();
    try {
      const c = client.db('ttl').collection('sessions');
      await c.createIndex({ expiresAt: 1 }, { expireAfterSeconds: 0 });
      await c.createIndex({ createdAt: 1 }, { expireAfterSeconds: 3600 });
      const now = Date.now();
      await c.insertMany([
        { _id: 'expired', expiresAt: new Date(now - 1000) },
        { _id: 'fresh', expiresAt: new Date(now + 60_000) },
        { _id: 'array', expiresAt: [new Date(now + 60_000), new Date(now - 5000)] },
        { _id: 'not-a-date', expiresAt: 'tomorrow' },
        { _id: 'old', createdAt: new Date(now - 2 * 3600_000) },
      ] as never[]);
      expect(server.sweepExpired(now)).toBe(3);
      expect((await c.find().sort({ _id: 1 }).toArray()).map((d) => d._id)).toEqual(['fresh', 'not-a-date']);
    } finally {
      await client.close();
      await server.stop();
    }
  });

  it('expires time-series measurements once their whole bucket span is past expireAfterSeconds', async () => {
    const server = await startEmbeddedMongo();
    const client = await new MongoClient(server.uri, CLIENT_OPTIONS).connect();
    try {
      const db = client.db('ttl');
      await db.createCollection('metrics', { timeseries: { timeField: 'ts', granularity: 'seconds' }, expireAfterSeconds: 5 });
      const now = Date.now();
      await db.collection('metrics').insertMany([{ ts: new Date(now - 2 * 3600_000), v: 'old' }, { ts: new Date(now), v: 'new' }]);
      expect(server.sweepExpired(now)).toBe(1);
      expect((await db.collection('metrics').find().toArray()).map((d) => d.v)).toEqual(['new']);
    } finally {
      await client.close();
      await server.stop();
    }
  });

  it('keeps collMod changes (options, hidden index) across restarts, from the journal and from a snapshot', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'embedded-mongodb-collmod-'));
    try {
      const first = await startEmbeddedMongo({ dataDir });
      let client = await new MongoClient(first.uri, CLIENT_OPTIONS).connect();
      await client.db('app').createCollection('people');
      await client.db('app').collection('people').createIndex({ name: 1 });
      await client.db('app').command({ collMod: 'people', validator: { name: { $type: 'string' } }, index: { name: 'name_1', hidden: true } });
      await client.close();
      await first.stop();
      for (const source of ['journal', 'snapshot']) {
        const next = await startEmbeddedMongo({ dataDir });
        client = await new MongoClient(next.uri, CLIENT_OPTIONS).connect();
        const [info] = await client.db('app').listCollections({ name: 'people' }).toArray();
        expect((info as { options: unknown }).options).toEqual({ validator: { name: { $type: 'string' } } });
        expect((await client.db('app').collection('people').listIndexes().toArray())[1]).toMatchObject({ name: 'name_1', hidden: true });
        await expect(client.db('app').collection('people').insertOne({ name: 1 })).rejects.toMatchObject({ code: 121 });
        if (source === 'journal') await next.compact();
        await client.close();
        await next.stop();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('kills idle cursors after the timeout, except noCursorTimeout ones', async () => {
    const server = await startEmbeddedMongo({ cursorTimeoutMs: 60_000 });
    const client = await new MongoClient(server.uri, CLIENT_OPTIONS).connect();
    try {
      const db = client.db('cursors');
      await db.collection('c').insertMany([{ a: 1 }, { a: 2 }, { a: 3 }]);
      const idle = await db.command({ find: 'c', filter: {}, batchSize: 1 });
      const pinned = await db.command({ find: 'c', filter: {}, batchSize: 1, noCursorTimeout: true });
      expect(server.sweepCursors(Date.now() + 61_000)).toBe(1);
      expect((await rejection(db.command({ getMore: idle.cursor.id, collection: 'c' }))).code).toBe(43);
      const rest = await db.command({ getMore: pinned.cursor.id, collection: 'c' });
      expect(rest.cursor.nextBatch).toHaveLength(2);
    } finally {
      await client.close();
      await server.stop();
    }
  });
});
