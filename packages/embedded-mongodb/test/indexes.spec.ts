import { Decimal128, Long } from 'mongodb';
import { rejection, useDatabase } from './target.js';

describe('indexes', () => {
  const fixture = useDatabase('indexes');
  const coll = (name: string) => fixture().db.collection(name);
  const dupCode = async (promise: Promise<unknown>) => (await rejection(promise)).code;

  it('stores index specs verbatim and lists them with the _id index first', async () => {
    const c = coll('listing');
    await c.createIndex({ email: 1 }, { unique: true });
    await c.createIndex({ name: 1, age: -1 });
    await c.createIndex({ code: 1 }, { unique: true, sparse: true });
    await c.createIndex({ status: 1 }, { partialFilterExpression: { status: { $exists: true } } });
    await c.createIndex({ createdAt: 1 }, { expireAfterSeconds: 3600 });
    await c.createIndex({ title: 'text' });
    const specs = await c.listIndexes().toArray();
    expect(specs.map((s) => s.name)).toEqual(['_id_', 'email_1', 'name_1_age_-1', 'code_1', 'status_1', 'createdAt_1', 'title_text']);
    expect(specs[0]).toEqual({ v: 2, key: { _id: 1 }, name: '_id_' });
    expect(specs[1]).toMatchObject({ v: 2, key: { email: 1 }, name: 'email_1', unique: true });
    expect(Object.keys(specs[2].key)).toEqual(['name', 'age']);
    expect(specs[4].partialFilterExpression).toEqual({ status: { $exists: true } });
    expect(specs[5].expireAfterSeconds).toBe(3600);
    expect(specs[6]).toMatchObject({ key: { _fts: 'text', _ftsx: 1 }, weights: { title: 1 }, default_language: 'english', language_override: 'language' });
  });

  it('answers createIndexes with counts, and is a no-op for an identical index', async () => {
    const db = fixture().db;
    const first = await db.command({ createIndexes: 'counts', indexes: [{ key: { a: 1 }, name: 'a_1' }] });
    expect(first).toMatchObject({ numIndexesBefore: 1, numIndexesAfter: 2, createdCollectionAutomatically: true, ok: 1 });
    const again = await db.command({ createIndexes: 'counts', indexes: [{ key: { a: 1 }, name: 'a_1' }] });
    expect(again).toMatchObject({ numIndexesBefore: 2, numIndexesAfter: 2, note: 'all indexes already exist' });
    expect((await rejection(db.command({ createIndexes: 'counts', indexes: [{ key: { a: 1 }, name: 'a_1', unique: true }] }))).code).toBe(86);
    expect((await rejection(db.command({ createIndexes: 'counts', indexes: [{ key: { a: 1 }, name: 'other' }] }))).code).toBe(85);
    expect((await rejection(db.command({ createIndexes: 'counts', indexes: [{ key: { b: 1 }, name: 'b', sparse: true, partialFilterExpression: { b: 1 } }] }))).code).toBe(67);
  });

  it('drops indexes by name, key pattern or all, never _id_', async () => {
    const c = coll('dropping');
    await c.createIndexes([{ key: { a: 1 } }, { key: { b: 1 } }, { key: { c: 1 } }]);
    await c.dropIndex('a_1');
    await c.dropIndex({ b: 1 } as never);
    expect((await c.listIndexes().toArray()).map((s) => s.name)).toEqual(['_id_', 'c_1']);
    expect((await rejection(c.dropIndex('nope'))).code).toBe(27);
    expect((await rejection(c.dropIndex('_id_'))).code).toBe(72);
    await c.dropIndexes();
    expect((await c.listIndexes().toArray()).map((s) => s.name)).toEqual(['_id_']);
    expect((await rejection(coll('missing').listIndexes().toArray())).code).toBe(26);
    expect((await rejection(fixture().db.command({ dropIndexes: 'missing', index: '*' }))).code).toBe(26);
  });

  it('enforces a unique index, including on update and upsert', async () => {
    const c = coll('unique_basic');
    await c.createIndex({ email: 1 }, { unique: true });
    await c.insertOne({ _id: 1, email: 'a@x.io' } as never);
    const err = await rejection(c.insertOne({ _id: 2, email: 'a@x.io' } as never));
    expect(err.code).toBe(11000);
    expect(err.message).toBe(`E11000 duplicate key error collection: ${fixture().db.databaseName}.unique_basic index: email_1 dup key: { email: "a@x.io" }`);
    expect(err.keyPattern).toEqual({ email: 1 });
    expect(err.keyValue).toEqual({ email: 'a@x.io' });
    await c.insertOne({ _id: 2, email: 'b@x.io' } as never);
    expect(await dupCode(c.updateOne({ _id: 2 } as never, { $set: { email: 'a@x.io' } }))).toBe(11000);
    expect(await dupCode(c.updateOne({ email: 'c@x.io' }, { $set: { email: 'a@x.io' } }, { upsert: true }))).toBe(11000);
    expect(await dupCode(c.replaceOne({ _id: 2 } as never, { email: 'a@x.io' }))).toBe(11000);
    // Updating a document to its own key is not a conflict.
    expect((await c.updateOne({ _id: 1 } as never, { $set: { email: 'a@x.io', n: 1 } })).modifiedCount).toBe(1);
    expect(await c.countDocuments()).toBe(2);
  });

  it('treats missing and null as the same key unless the index is sparse', async () => {
    const plain = coll('unique_null');
    await plain.createIndex({ text: 1 }, { unique: true });
    await plain.insertOne({ _id: 1 } as never);
    expect(await dupCode(plain.insertOne({ _id: 2, text: null } as never))).toBe(11000);
    const sparse = coll('unique_sparse');
    await sparse.createIndex({ text: 1 }, { unique: true, sparse: true });
    await sparse.insertMany([{ _id: 1 }, { _id: 2 }, { _id: 3, text: null }] as never[]);
    expect(await dupCode(sparse.insertOne({ _id: 4, text: null } as never))).toBe(11000);
  });

  it('applies sparse to compound indexes only when every field is missing', async () => {
    const c = coll('compound_sparse');
    await c.createIndex({ a: 1, b: 1 }, { unique: true, sparse: true });
    await c.insertMany([{ _id: 1 }, { _id: 2 }, { _id: 3, a: null }] as never[]);
    const err = await rejection(c.insertOne({ _id: 4, b: null } as never));
    expect(err.code).toBe(11000);
    expect(err.keyValue).toEqual({ a: null, b: null });
  });

  it('checks compound unique keys as a whole', async () => {
    const c = coll('compound');
    await c.createIndex({ account: 1, seq: 1 }, { unique: true });
    await c.insertMany([{ account: 'a', seq: 1 }, { account: 'a', seq: 2 }, { account: 'b', seq: 1 }]);
    const err = await rejection(c.insertOne({ account: 'a', seq: 2 }));
    expect(err.message).toMatch(/index: account_1_seq_1 dup key: \{ account: "a", seq: 2 \}$/);
    expect(err.keyPattern).toEqual({ account: 1, seq: 1 });
  });

  it('constrains only documents matching a partial filter', async () => {
    const c = coll('partial');
    await c.createIndex({ email: 1 }, { unique: true, partialFilterExpression: { active: true } });
    await c.insertMany([{ email: 'x', active: false }, { email: 'x', active: false }, { email: 'x', active: true }]);
    expect(await dupCode(c.insertOne({ email: 'x', active: true }))).toBe(11000);
  });

  it('indexes every array element (multikey) without a document conflicting with itself', async () => {
    const c = coll('multikey');
    await c.createIndex({ tags: 1 }, { unique: true });
    await c.insertOne({ _id: 1, tags: ['a', 'b', 'a'] } as never);
    const err = await rejection(c.insertOne({ _id: 2, tags: ['c', 'b'] } as never));
    expect(err.keyValue).toEqual({ tags: 'b' });
    await c.insertOne({ _id: 3, tags: [] } as never);
    expect(await dupCode(c.insertOne({ _id: 4, tags: [] } as never))).toBe(11000);
  });

  it('compares numeric keys by value (1 == 1.0 == Long(1) == Decimal(1), 0 == -0)', async () => {
    const c = coll('numeric_keys');
    await c.createIndex({ v: 1 }, { unique: true });
    await c.insertOne({ v: 1 });
    expect(await dupCode(c.insertOne({ v: Long.fromNumber(1) }))).toBe(11000);
    expect(await dupCode(c.insertOne({ v: Decimal128.fromString('1.0') }))).toBe(11000);
    await c.insertOne({ v: 0 });
    expect(await dupCode(c.insertOne({ v: -0 }))).toBe(11000);
    expect(await dupCode(c.insertOne({ _id: 1 as never, v: 1.0 }))).toBe(11000);
  });

  it('keys embedded documents by value, field order included', async () => {
    const c = coll('subdocs');
    await c.createIndex({ a: 1 }, { unique: true });
    await c.insertOne({ a: { x: 1, y: 2 } });
    expect(await dupCode(c.insertOne({ a: { x: 1, y: 2 } }))).toBe(11000);
    await c.insertOne({ a: { y: 2, x: 1 } });
    expect(await c.countDocuments()).toBe(2);
  });

  it('refuses to build a unique index over duplicates and leaves no index behind', async () => {
    const c = coll('build_fail');
    await c.insertMany([{ k: 1 }, { k: 1 }]);
    const err = await rejection(c.createIndex({ k: 1 }, { unique: true }));
    expect(err.code).toBe(11000);
    expect(err.message).toMatch(/E11000 duplicate key error collection: .*build_fail index: k_1 dup key: \{ k: 1 \}/);
    expect((await c.listIndexes().toArray()).map((s) => s.name)).toEqual(['_id_']);
  });

  it('reports unique violations per statement in an unordered batch', async () => {
    const c = coll('batch_unique');
    await c.createIndex({ u: 1 }, { unique: true });
    const reply = await fixture().db.command({
      insert: 'batch_unique',
      documents: [{ u: 1 }, { u: 1 }, { u: 2 }, { u: 2 }],
      ordered: false,
    });
    expect(reply.n).toBe(2);
    expect(reply.writeErrors.map((e: { index: number }) => e.index)).toEqual([1, 3]);
    expect(reply.writeErrors[1]).toMatchObject({ code: 11000, keyPattern: { u: 1 }, keyValue: { u: 2 } });
  });
});
