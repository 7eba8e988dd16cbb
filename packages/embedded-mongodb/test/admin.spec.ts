import { MongoClient } from 'mongodb';
import { CLIENT_OPTIONS, rejection, uniqueDbName, useDatabase } from './target.js';

describe('handshake, admin and collection commands', () => {
  const fixture = useDatabase('admin');
  const admin = () => fixture().client.db('admin');

  it('presents itself as a writable standalone with sessions', async () => {
    const hello = await admin().command({ hello: 1 });
    expect(hello).toMatchObject({ isWritablePrimary: true, maxBsonObjectSize: 16777216, maxMessageSizeBytes: 48000000, maxWriteBatchSize: 100000, logicalSessionTimeoutMinutes: 30, ok: 1 });
    expect(hello.maxWireVersion).toBeGreaterThanOrEqual(9);
    expect(hello.localTime).toBeInstanceOf(Date);
    const legacy = await admin().command({ isMaster: 1 });
    expect(legacy.ismaster).toBe(true);
    const session = fixture().client.startSession();
    try {
      await fixture().db.collection('s').insertOne({ a: 1 }, { session });
      expect(await fixture().db.collection('s').countDocuments({}, { session })).toBe(1);
    } finally {
      await session.endSession();
    }
  });

  it('keeps a client connected across several heartbeats', async () => {
    const client = new MongoClient(fixture().target.uri, { ...CLIENT_OPTIONS, heartbeatFrequencyMS: 500 });
    let failed = 0;
    let succeeded = 0;
    client.on('serverHeartbeatFailed', () => failed++);
    client.on('serverHeartbeatSucceeded', () => succeeded++);
    await client.connect();
    await new Promise((resolve) => setTimeout(resolve, 1600));
    await client.db('admin').command({ ping: 1 });
    await client.close();
    expect(failed).toBe(0);
    expect(succeeded).toBeGreaterThan(0);
  });

  it('works with zlib compression when the client asks for it', async () => {
    const client = await new MongoClient(fixture().target.uri, { ...CLIENT_OPTIONS, compressors: ['zlib'] }).connect();
    try {
      const c = client.db(fixture().db.databaseName).collection('zlib');
      await c.insertMany(Array.from({ length: 50 }, (_, i) => ({ i, text: 'compressible '.repeat(50) })));
      expect(await c.countDocuments()).toBe(50);
    } finally {
      await client.close();
    }
  });

  it('answers ping, buildInfo, getParameter, serverStatus and listDatabases', async () => {
    expect(await admin().command({ ping: 1 })).toMatchObject({ ok: 1 });
    const build = await admin().command({ buildInfo: 1 });
    expect(typeof build.version).toBe('string');
    expect(build.versionArray).toHaveLength(4);
    const fcv = await admin().command({ getParameter: 1, featureCompatibilityVersion: 1 });
    expect(typeof fcv.featureCompatibilityVersion.version).toBe('string');
    const status = await admin().command({ serverStatus: 1 });
    expect(status.uptime).toBeGreaterThanOrEqual(0);
    expect(status.connections.current).toBeGreaterThan(0);
    await fixture().db.collection('listed').insertOne({ a: 1 });
    const { databases } = await admin().admin().listDatabases();
    expect(databases.map((d) => d.name)).toContain(fixture().db.databaseName);
    expect((await rejection(fixture().db.command({ listDatabases: 1 }))).code).toBe(13);
  });

  it('answers unknown commands with CommandNotFound', async () => {
    const err = await rejection(fixture().db.command({ frobnicate: 1 }));
    expect(err.code).toBe(59);
    expect(err.codeName).toBe('CommandNotFound');
    expect(err.message).toMatch(/no such command: 'frobnicate'/);
    // The connection stays usable after a command error.
    expect(await fixture().db.command({ ping: 1 })).toMatchObject({ ok: 1 });
  });

  it('creates collections idempotently with identical options and refuses different ones', async () => {
    const db = fixture().db;
    await db.createCollection('created', { validator: { a: { $type: 'int' } } });
    expect(await db.command({ create: 'created', validator: { a: { $type: 'int' } } })).toMatchObject({ ok: 1 });
    const err = await rejection(db.command({ create: 'created', validator: { b: 1 } }));
    expect(err.code).toBe(48);
    expect((await rejection(db.command({ create: '$bad' }))).code).toBe(73);
  });

  it('renames collections with their documents and indexes', async () => {
    const db = fixture().db;
    const name = db.databaseName;
    await db.collection('rename_src').insertMany([{ a: 1 }, { a: 2 }]);
    await db.collection('rename_src').createIndex({ a: 1 }, { unique: true });
    await db.collection('rename_src').rename('rename_dst');
    expect(await db.collection('rename_dst').countDocuments()).toBe(2);
    expect((await db.collection('rename_dst').listIndexes().toArray()).map((i) => i.name)).toEqual(['_id_', 'a_1']);
    expect((await db.listCollections({ name: 'rename_src' }).toArray()).length).toBe(0);
    await db.collection('rename_other').insertOne({ b: 1 });
    expect((await rejection(db.collection('rename_other').rename('rename_dst'))).code).toBe(48);
    await db.collection('rename_other').rename('rename_dst', { dropTarget: true });
    expect(await db.collection('rename_dst').find({}, { projection: { _id: 0 } }).toArray()).toEqual([{ b: 1 }]);
    const missing = await rejection(admin().command({ renameCollection: `${name}.nope`, to: `${name}.nope2` }));
    expect(missing.code).toBe(26);
  });

  it('drops collections and databases', async () => {
    const db = fixture().db;
    await db.collection('to_drop').insertOne({ a: 1 });
    const dropped = await db.command({ drop: 'to_drop' });
    expect(dropped).toMatchObject({ ok: 1 });
    // The classic answer is 26 NamespaceNotFound (what the embedded server gives); MongoDB 7+ may answer ok.
    const missing = await db.command({ drop: 'to_drop' }).then(
      (reply) => reply.ok as number,
      (err: { code: number }) => err.code,
    );
    expect(fixture().target.embedded ? [26] : [26, 1]).toContain(missing);

    const client = fixture().client;
    const other = client.db(uniqueDbName('dropdb'));
    await other.collection('x').insertOne({ a: 1 });
    const cursor = await other.command({ find: 'x', filter: {}, batchSize: 0 });
    expect(await other.dropDatabase()).toBe(true);
    expect(await other.collection('x').countDocuments()).toBe(0);
    expect((await rejection(other.command({ getMore: cursor.cursor.id, collection: 'x' }))).code).toBe(43);
  });
});
