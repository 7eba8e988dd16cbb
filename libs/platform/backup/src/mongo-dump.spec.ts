import { startTestMongo, type TestStore } from '@openbank/testing';
import { Binary, Decimal128, Double, Int32, Long, MongoClient, type Document } from 'mongodb';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dumpDatabase, loadDatabase } from './mongo-dump.js';

describe('a MongoDB database dumped and loaded again (mongodump’s layout)', () => {
  let mongo: TestStore;
  let client: MongoClient;
  const directory = mkdtempSync(join(tmpdir(), 'openbank-dump-'));

  beforeAll(async () => {
    mongo = await startTestMongo();
    client = await MongoClient.connect(mongo.address);
  });

  afterAll(async () => {
    await client?.close();
    await mongo?.stop();
    rmSync(directory, { recursive: true, force: true });
  });

  it('gives back every document with its BSON types, and every index', async () => {
    const source = client.db('dump_source');
    const accounts = source.collection<{ _id: string } & Document>('accounts');
    const documents = [
      { _id: 'a-1', balance: new Decimal128('10.50'), count: new Int32(3), ratio: new Double(1), big: Long.fromString('9007199254740993'), at: new Date('2026-01-01T00:00:00Z'), raw: new Binary(Buffer.from([1, 2])), tags: ['x', { y: null }] },
      { _id: 'a-2', owner: 'p-1' },
    ];
    await accounts.insertMany(documents);
    await accounts.createIndex({ owner: 1 }, { name: 'by_owner', unique: true, partialFilterExpression: { owner: { $exists: true } } });
    await source.collection<{ _id: string; position: Long }>('checkpoints').insertOne({ _id: 'projections', position: Long.fromString('123456') });

    const dump = await dumpDatabase(source, directory);
    expect(dump.collections).toEqual([
      { name: 'accounts', documents: 2 },
      { name: 'checkpoints', documents: 1 },
    ]);

    const target = client.db('dump_source');
    await target.dropDatabase();
    await loadDatabase(target, directory, dump.collections);
    const loaded = await target.collection('accounts').find({}, { sort: { _id: 1 }, promoteValues: false }).toArray();
    expect(loaded).toEqual(documents.map((document) => expect.objectContaining(document)));
    expect((await target.collection('accounts').indexes()).map(({ name, unique }) => ({ name, unique }))).toEqual([{ name: '_id_', unique: undefined }, { name: 'by_owner', unique: true }]);
    expect(await target.collection('checkpoints').findOne({ _id: 'projections' as never })).toEqual({ _id: 'projections', position: 123456 });
  });
});
