import { Binary } from 'mongodb';
import { useDatabase } from './target.js';

describe('collection options and administration', () => {
  const fixture = useDatabase('collection_admin');
  const db = () => fixture().db;

  it('collMod hides and unhides an index: listed as hidden, not used by hints', async () => {
    const c = db().collection('hidden');
    await c.createIndex({ name: 1 });
    await c.insertOne({ name: 'a' });
    const reply = await db().command({ collMod: 'hidden', index: { keyPattern: { name: 1 }, hidden: true } });
    expect(reply).toMatchObject({ hidden_old: false, hidden_new: true, ok: 1 });
    expect((await c.listIndexes().toArray())[1]).toMatchObject({ key: { name: 1 }, hidden: true });
    await expect(c.find({ name: 'a' }).hint({ name: 1 }).toArray()).rejects.toMatchObject({ code: 2 });
    await db().command({ collMod: 'hidden', index: { name: 'name_1', hidden: false } });
    expect((await c.listIndexes().toArray())[1].hidden).toBeUndefined();
    expect(await c.find({ name: 'a' }).hint({ name: 1 }).toArray()).toHaveLength(1);
  });

  it('collMod changes an index TTL and fails on unknown collections and indexes', async () => {
    const c = db().collection('ttl');
    await c.createIndex({ at: 1 }, { expireAfterSeconds: 60 });
    const reply = await db().command({ collMod: 'ttl', index: { keyPattern: { at: 1 }, expireAfterSeconds: 10 } });
    expect(reply).toMatchObject({ expireAfterSeconds_old: 60, expireAfterSeconds_new: 10 });
    await expect(db().command({ collMod: 'ttl', index: { name: 'nope', hidden: true } })).rejects.toMatchObject({ code: 27 });
    await expect(db().command({ collMod: 'missing_collection', validator: {} })).rejects.toMatchObject({ code: 26 });
  });

  it('setParameter ttlMonitorSleepSecs answers the previous value; unknown parameters are refused', async () => {
    const admin = fixture().client.db('admin');
    const before = await admin.command({ getParameter: 1, ttlMonitorSleepSecs: 1 });
    const reply = await admin.command({ setParameter: 1, ttlMonitorSleepSecs: before.ttlMonitorSleepSecs });
    expect(reply.was).toBe(before.ttlMonitorSleepSecs);
    await expect(admin.command({ setParameter: 1, noSuchParameterHere: 1 })).rejects.toMatchObject({ code: 72 });
  });

  it('lists time-series collections as such and requires their time field', async () => {
    await db().createCollection('metrics', { timeseries: { timeField: 'ts', metaField: 'meta' } });
    const [info] = await db().listCollections({ name: 'metrics' }).toArray();
    expect(info).toMatchObject({ type: 'timeseries', options: { timeseries: { timeField: 'ts', metaField: 'meta', granularity: 'seconds' } } });
    const c = db().collection('metrics');
    await c.insertOne({ ts: new Date(), meta: { sensor: 1 }, v: 3 });
    await expect(c.insertOne({ meta: { sensor: 1 }, v: 4 })).rejects.toMatchObject({ code: 2 });
    expect(await c.countDocuments({ v: 3 })).toBe(1);
  });

  it('refuses a capped collection without a size (72)', async () => {
    await expect(db().createCollection('capped_no_size', { capped: true })).rejects.toMatchObject({ code: 72 });
  });

  it('keeps a capped collection within max documents and size bytes, dropping the oldest', async () => {
    const byCount = await db().createCollection('capped_max', { capped: true, size: 100_000, max: 3 });
    for (let i = 1; i <= 5; i++) await byCount.insertOne({ i });
    expect((await byCount.find().toArray()).map((d) => d.i)).toEqual([3, 4, 5]);
    const bySize = await db().createCollection('capped_size', { capped: true, size: 4096 });
    for (let i = 1; i <= 10; i++) await bySize.insertOne({ i, pad: 'x'.repeat(1000) });
    const left = (await bySize.find().toArray()).map((d) => d.i);
    expect(left.length).toBeLessThan(5);
    expect(left[left.length - 1]).toBe(10);
  });

  it('refuses a document over 16 MiB on insert and an update that would grow one past it', async () => {
    const c = db().collection('big');
    const big = new Binary(Buffer.alloc(16 * 1024 * 1024));
    await expect(c.insertOne({ big })).rejects.toMatchObject({ code: 2 });
    await c.insertOne({ _id: 1, a: new Binary(Buffer.alloc(9 * 1024 * 1024)) } as never);
    await expect(c.updateOne({ _id: 1 } as never, { $set: { b: new Binary(Buffer.alloc(9 * 1024 * 1024)) } })).rejects.toMatchObject({ code: 17419 });
  });

  it('returns documents in the order of a hinted index', async () => {
    const c = db().collection('hinted');
    await c.createIndex({ qty: -1, name: -1 });
    await c.insertMany([{ name: 'Andrew', qty: 4 }, { name: 'Betty', qty: 5 }, { name: 'Charlie', qty: 4 }]);
    expect((await c.find({}).hint({ qty: -1, name: -1 }).toArray()).map((d) => d.name)).toEqual(['Betty', 'Charlie', 'Andrew']);
    const agg = await c.aggregate([{ $match: {} }], { hint: { qty: -1, name: -1 } }).toArray();
    expect(agg.map((d) => d.name)).toEqual(['Betty', 'Charlie', 'Andrew']);
  });
});
