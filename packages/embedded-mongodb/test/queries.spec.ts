import { Long } from 'mongodb';
import { rejection, useDatabase } from './target.js';

describe('queries, sorting and cursors', () => {
  const fixture = useDatabase('queries');
  const coll = (name: string) => fixture().db.collection(name);

  const people = [
    { _id: 1, name: 'ann', age: 31, city: 'Oslo', tags: ['a', 'b'], address: { zip: '0150' } },
    { _id: 2, name: 'bob', age: 25, city: 'Bergen', tags: ['b'] },
    { _id: 3, name: 'cid', age: 42, city: 'Oslo', tags: [], address: { zip: '0160' } },
    { _id: 4, name: 'dee', age: null, city: 'Tromsø' },
    { _id: 5, name: 'eve', city: 'Oslo', tags: ['c', 'a'] },
  ];

  beforeAll(async () => {
    await coll('people').insertMany(people as never[]);
  });

  const ids = async (filter: object, options: object = {}) =>
    (await coll('people').find(filter, options).toArray()).map((d) => d._id as unknown as number);

  it('matches with comparison, logical, element, array and regex operators', async () => {
    expect(await ids({ age: { $gt: 30 } })).toEqual([1, 3]);
    expect(await ids({ age: { $gte: 25, $lt: 40 } })).toEqual([1, 2]);
    expect(await ids({ age: null })).toEqual([4, 5]);
    expect(await ids({ age: { $ne: null } })).toEqual([1, 2, 3]);
    expect(await ids({ age: { $exists: false } })).toEqual([5]);
    expect(await ids({ city: { $in: ['Bergen', 'Tromsø'] } })).toEqual([2, 4]);
    expect(await ids({ city: { $nin: ['Oslo'] } })).toEqual([2, 4]);
    expect(await ids({ $or: [{ age: 25 }, { name: 'eve' }] })).toEqual([2, 5]);
    expect(await ids({ $and: [{ city: 'Oslo' }, { age: { $exists: true } }] })).toEqual([1, 3]);
    expect(await ids({ $nor: [{ city: 'Oslo' }] })).toEqual([2, 4]);
    expect(await ids({ tags: 'a' })).toEqual([1, 5]);
    expect(await ids({ tags: { $all: ['a', 'b'] } })).toEqual([1]);
    expect(await ids({ tags: { $size: 0 } })).toEqual([3]);
    expect(await ids({ tags: { $elemMatch: { $eq: 'c' } } })).toEqual([5]);
    expect(await ids({ name: /^[ab]/ })).toEqual([1, 2]);
    expect(await ids({ name: { $regex: 'E', $options: 'i' } })).toEqual([4, 5]);
    expect(await ids({ 'address.zip': '0160' })).toEqual([3]);
    expect(await ids({ age: { $type: 'null' } })).toEqual([4]);
    expect(await ids({ $expr: { $gt: ['$age', 40] } })).toEqual([3]);
  });

  it('answers unknown operators with BadValue', async () => {
    const err = await rejection(coll('people').find({ age: { $foo: 1 } }).toArray());
    expect(err.code).toBe(2);
    expect((await rejection(coll('people').find({ $foo: 1 }).toArray())).code).toBe(2);
  });

  it('sorts, skips, limits and projects', async () => {
    // null and missing sort together; _id breaks the tie (MongoDB does not promise a stable sort).
    expect(await ids({}, { sort: { age: -1, _id: 1 } })).toEqual([3, 1, 2, 4, 5]);
    expect(await ids({}, { sort: { city: 1, age: -1 } })).toEqual([2, 3, 1, 5, 4]);
    expect(await ids({}, { sort: { age: 1, _id: 1 }, skip: 1, limit: 2 })).toEqual([5, 2]);
    expect(await ids({}, { sort: { $natural: -1 }, limit: 2 })).toEqual([5, 4]);
    const projected = await coll('people').find({ _id: 1 } as never, { projection: { name: 1, 'address.zip': 1 } }).toArray();
    expect(projected).toEqual([{ _id: 1, name: 'ann', address: { zip: '0150' } }]);
    const excluded = await coll('people').find({ _id: 2 } as never, { projection: { _id: 0, tags: 0 } }).toArray();
    expect(excluded).toEqual([{ name: 'bob', age: 25, city: 'Bergen' }]);
    const sliced = await coll('people').find({ _id: 5 } as never, { projection: { tags: { $slice: 1 }, name: 1 } }).toArray();
    expect(sliced).toEqual([{ _id: 5, name: 'eve', tags: ['c'] }]);
    const err = await rejection(coll('people').find({}, { projection: { name: 1, age: 0 } }).toArray());
    expect([31254, 31253, 2]).toContain(err.code);
  });

  it('sorts arrays by their smallest element ascending and largest descending', async () => {
    const c = coll('array_sort');
    await c.insertMany([{ _id: 'x', v: [1, 10] }, { _id: 'y', v: [5] }, { _id: 'z', v: [] }, { _id: 'w' }] as never[]);
    expect((await c.find().sort({ v: 1 }).toArray()).map((d) => d._id)).toEqual(['z', 'w', 'x', 'y']);
    expect((await c.find().sort({ v: -1 }).toArray()).map((d) => d._id)).toEqual(['x', 'y', 'w', 'z']);
  });

  it('iterates cursors larger than one batch with getMore, and closes them early with killCursors', async () => {
    const c = coll('many');
    await c.insertMany(Array.from({ length: 250 }, (_, i) => ({ i })));
    const seen: number[] = [];
    for await (const doc of c.find({}, { batchSize: 100 }).sort({ i: 1 })) seen.push(doc.i as number);
    expect(seen).toEqual(Array.from({ length: 250 }, (_, i) => i));
    expect(await c.find().toArray()).toHaveLength(250);

    const first = await fixture().db.command({ find: 'many', filter: {}, batchSize: 100 });
    expect(first.cursor.id).toBeInstanceOf(Long);
    expect(first.cursor.firstBatch).toHaveLength(100);
    const next = await fixture().db.command({ getMore: first.cursor.id, collection: 'many', batchSize: 100 });
    expect(next.cursor.nextBatch).toHaveLength(100);
    const killed = await fixture().db.command({ killCursors: 'many', cursors: [first.cursor.id, Long.fromNumber(12345)] });
    expect(killed.cursorsKilled.map(String)).toEqual([String(first.cursor.id)]);
    expect(killed.cursorsNotFound.map(String)).toEqual(['12345']);
    const other = await fixture().db.command({ find: 'many', filter: {}, batchSize: 1 });
    expect((await rejection(fixture().db.command({ getMore: other.cursor.id, collection: 'people' }))).code).toBe(13);
    const gone = await rejection(fixture().db.command({ getMore: first.cursor.id, collection: 'many' }));
    expect(gone.code).toBe(43);

    const empty = await fixture().db.command({ find: 'many', filter: {}, batchSize: 0 });
    expect(empty.cursor.firstBatch).toHaveLength(0);
    expect(String(empty.cursor.id)).not.toBe('0');
    const rest = await fixture().db.command({ getMore: empty.cursor.id, collection: 'many' });
    expect(rest.cursor.nextBatch).toHaveLength(250);
    expect(String(rest.cursor.id)).toBe('0');

    // The id is an int64 even when 0 (the driver rejects an int32 there).
    const single = await fixture().db.command({ find: 'many', filter: {}, limit: 1, singleBatch: true }, { promoteLongs: false });
    expect(single.cursor.id).toEqual(Long.ZERO);
    const missing = await fixture().db.command({ find: 'no_such_collection', filter: {} }, { promoteLongs: false });
    expect(missing.cursor).toMatchObject({ firstBatch: [], id: Long.ZERO });
  });

  it('counts and finds distinct values', async () => {
    expect(await coll('people').countDocuments({ city: 'Oslo' })).toBe(3);
    expect(await coll('people').countDocuments({}, { skip: 1, limit: 3 })).toBe(3);
    expect(await coll('people').estimatedDocumentCount()).toBe(5);
    expect((await fixture().db.command({ count: 'people', query: { age: { $gte: 30 } } })).n).toBe(2);
    expect(await coll('absent').estimatedDocumentCount()).toBe(0);
    expect(await coll('people').distinct('city')).toEqual(['Bergen', 'Oslo', 'Tromsø']);
    expect(await coll('people').distinct('tags', { city: 'Oslo' })).toEqual(['a', 'b', 'c']);
    expect(await coll('people').distinct('age')).toEqual([null, 25, 31, 42]);
    const c = coll('numeric_distinct');
    await c.insertMany([{ v: 1 }, { v: Long.fromNumber(1) }, { v: 1.5 }, { v: [2, 1] }]);
    expect(await c.distinct('v')).toEqual([1, 1.5, 2]);
  });

  it('gives the same answers through indexes as through a collection scan', async () => {
    const c = coll('planner');
    const docs = Array.from({ length: 300 }, (_, i) => ({
      _id: i,
      account: `acc-${i % 7}`,
      at: new Date(Date.UTC(2026, 0, 1) + i * 3_600_000),
      amount: (i * 37) % 101,
      labels: i % 3 === 0 ? ['x', `l${i % 5}`] : [`l${i % 5}`],
      ...(i % 10 === 0 ? {} : { optional: i % 4 }),
    }));
    await c.insertMany(docs as never[]);
    const queries: [object, object?][] = [
      [{ account: 'acc-3' }, { sort: { at: -1 } }],
      [{ account: 'acc-3', at: { $gte: new Date(Date.UTC(2026, 0, 5)) } }, { sort: { at: 1 } }],
      [{ account: { $in: ['acc-1', 'acc-2'] } }, { sort: { at: -1 }, limit: 5 }],
      [{ amount: { $gt: 50, $lte: 80 } }, { sort: { amount: 1, _id: 1 } }],
      [{ amount: { $lt: 10 } }, { sort: { _id: 1 } }],
      [{ labels: 'x' }, { sort: { _id: 1 } }],
      [{ labels: { $in: ['l1', 'l2'] } }, { sort: { _id: -1 } }],
      [{ optional: null }, { sort: { _id: 1 } }],
      [{ optional: 2 }, { sort: { _id: 1 } }],
      [{ _id: { $in: [5, 3, 299, 1000] } }, { sort: { _id: 1 } }],
      [{ _id: { $gte: 290 } }, { sort: { _id: -1 } }],
      [{}, { sort: { at: -1 }, limit: 3 }],
      [{ account: 'acc-1', amount: { $gte: 0 } }, { sort: { account: 1, at: 1 } }],
    ];
    const unindexed = await Promise.all(queries.map(([f, o]) => c.find(f, o).toArray()));
    await c.createIndex({ account: 1, at: -1 });
    await c.createIndex({ amount: 1 });
    await c.createIndex({ labels: 1 });
    await c.createIndex({ optional: 1 }, { sparse: true });
    await c.createIndex({ at: 1 });
    const indexed = await Promise.all(queries.map(([f, o]) => c.find(f, o).toArray()));
    const hinted = await c.find({ account: 'acc-2' }).hint({ account: 1, at: -1 }).sort({ at: -1 }).toArray();
    expect(indexed).toEqual(unindexed);
    expect(hinted.map((d) => d._id)).toEqual(docs.filter((d) => d.account === 'acc-2').map((d) => d._id).reverse());
    expect((await rejection(c.find({}).hint('no_such_index').toArray())).code).toBe(2);

    const plan = async (filter: object) => JSON.stringify((await c.find(filter).explain()).queryPlanner.winningPlan);
    expect(await plan({ amount: { $gt: 90 } })).toContain('amount_1');
    expect(await plan({ account: 'acc-1', at: { $lt: new Date() } })).toContain('account_1_at_-1');
    expect(await plan({ plain: 1 })).toContain('COLLSCAN');
    expect(await plan({ _id: 7 })).not.toContain('COLLSCAN');
    const aggregatePlan = await c.aggregate([{ $match: { amount: 5 } }]).explain();
    expect(JSON.stringify(aggregatePlan)).toContain('amount_1');
  });

  it('lists collections with their options and uuid, and filters them', async () => {
    const db = fixture().db;
    await db.createCollection('with_options', { validator: { a: { $exists: true } } });
    const all = await db.listCollections({ name: 'with_options' }).toArray();
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ name: 'with_options', type: 'collection', options: { validator: { a: { $exists: true } } }, info: { readOnly: false } });
    expect((await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name)).toEqual(expect.arrayContaining(['people', 'with_options']));
  });
});
