import { MongoBulkWriteError, MongoServerError, ObjectId, Timestamp } from 'mongodb';
import { rejection, useDatabase } from './target.js';

describe('CRUD through the mongodb driver', () => {
  const fixture = useDatabase('crud');
  const coll = (name: string) => fixture().db.collection(name);

  it('inserts with a generated ObjectId and stores _id as the first field', async () => {
    const c = coll('insert_basic');
    const res = await c.insertOne({ name: 'a', _id: undefined as unknown as ObjectId });
    expect(res.insertedId).toBeInstanceOf(ObjectId);
    await c.insertOne({ b: 1, _id: 'explicit' } as never);
    const stored = await c.findOne({ _id: 'explicit' } as never);
    expect(Object.keys(stored ?? {})).toEqual(['_id', 'b']);
  });

  it('reports a duplicate _id as a write error with keyPattern and keyValue', async () => {
    const c = coll('dup_id');
    await c.insertOne({ _id: 1 } as never);
    const err = await rejection(c.insertOne({ _id: 1 } as never));
    expect(err).toBeInstanceOf(MongoServerError);
    expect(err.code).toBe(11000);
    expect(err.keyPattern).toEqual({ _id: 1 });
    expect(err.keyValue).toEqual({ _id: 1 });
    expect(err.message).toMatch(/^E11000 duplicate key error collection: \S+\.dup_id index: _id_ dup key: \{ _id: 1 \}$/);
  });

  it('insertMany unordered reports every failing index and inserts the rest', async () => {
    const c = coll('insert_many');
    await c.insertOne({ _id: 2 } as never);
    const err = await rejection(c.insertMany([{ _id: 1 }, { _id: 2 }, { _id: 3 }, { _id: 1 }] as never[], { ordered: false }));
    expect(err).toBeInstanceOf(MongoBulkWriteError);
    const bulk = err as unknown as MongoBulkWriteError;
    expect(bulk.writeErrors instanceof Array ? bulk.writeErrors.map((e) => e.index) : [bulk.writeErrors.index]).toEqual([1, 3]);
    expect(bulk.result.insertedCount).toBe(2);
    expect(await c.countDocuments()).toBe(3);
  });

  it('insertMany ordered stops at the first error', async () => {
    const c = coll('insert_ordered');
    const err = (await rejection(c.insertMany([{ _id: 1 }, { _id: 1 }, { _id: 2 }] as never[]))) as unknown as MongoBulkWriteError;
    expect(err.result.insertedCount).toBe(1);
    expect(await c.countDocuments()).toBe(1);
  });

  it('rejects array and regex _id values with code 53', async () => {
    const c = coll('bad_id');
    expect((await rejection(c.insertOne({ _id: [1, 2] } as never))).code).toBe(53);
    expect((await rejection(c.insertOne({ _id: /x/ } as never))).code).toBe(53);
  });

  it('bulkWrite mixes inserts, updates and deletes and maps errors to operation indexes', async () => {
    const c = coll('bulk');
    await c.insertOne({ _id: 10, v: 0 } as never);
    const err = (await rejection(
      c.bulkWrite(
        [
          { insertOne: { document: { _id: 1, v: 1 } } },
          { insertOne: { document: { _id: 10 } } },
          { updateOne: { filter: { _id: 1 }, update: { $inc: { v: 1 } } } },
          { deleteOne: { filter: { _id: 10 } } },
          { updateOne: { filter: { _id: 5 }, update: { $set: { v: 5 } }, upsert: true } },
        ] as never[],
        { ordered: false },
      ),
    )) as unknown as MongoBulkWriteError;
    expect(err.writeErrors instanceof Array ? err.writeErrors.map((e) => e.index) : [err.writeErrors.index]).toEqual([1]);
    expect(err.result.insertedCount).toBe(1);
    expect(err.result.modifiedCount).toBe(1);
    expect(err.result.deletedCount).toBe(1);
    expect(err.result.upsertedCount).toBe(1);
    expect(await c.find().sort({ _id: 1 }).toArray()).toEqual([{ _id: 1, v: 2 }, { _id: 5, v: 5 }]);
  });

  it('counts matched and modified documents separately', async () => {
    const c = coll('update_counts');
    await c.insertMany([{ _id: 1, v: 1 }, { _id: 2, v: 2 }] as never[]);
    const same = await c.updateOne({ _id: 1 } as never, { $set: { v: 1 } });
    expect([same.matchedCount, same.modifiedCount]).toEqual([1, 0]);
    const many = await c.updateMany({}, { $set: { v: 2 } });
    expect([many.matchedCount, many.modifiedCount]).toEqual([2, 1]);
    const none = await c.updateOne({ _id: 9 } as never, { $set: { v: 1 } });
    expect([none.matchedCount, none.modifiedCount, none.upsertedCount]).toEqual([0, 0, 0]);
  });

  it('upserts from the query equality fields, applying $setOnInsert only on insert', async () => {
    const c = coll('upsert');
    const first = await c.updateOne(
      { accountId: 'A', 'meta.kind': 'x', n: { $gt: 1 } },
      { $set: { balance: 10 }, $setOnInsert: { createdAt: 'first' } },
      { upsert: true },
    );
    expect(first.upsertedCount).toBe(1);
    expect(first.matchedCount).toBe(0);
    const doc = await c.findOne({ _id: first.upsertedId } as never);
    expect(doc).toEqual({ _id: first.upsertedId, accountId: 'A', meta: { kind: 'x' }, balance: 10, createdAt: 'first' });
    await c.updateOne({ accountId: 'A' }, { $set: { balance: 20 }, $setOnInsert: { createdAt: 'second' } }, { upsert: true });
    expect(await c.findOne({ accountId: 'A' }, { projection: { _id: 0, balance: 1, createdAt: 1 } })).toEqual({ balance: 20, createdAt: 'first' });
  });

  it('upserts with the query _id and keeps a guard like {_id, lastRevision: {$lt: n}} idempotent', async () => {
    const c = coll('guarded');
    const apply = (rev: number) =>
      c.updateOne({ _id: 'acc-1', lastRevision: { $lt: rev } } as never, { $set: { lastRevision: rev, balance: rev * 10 } });
    await c.insertOne({ _id: 'acc-1', lastRevision: 0, balance: 0 } as never);
    expect((await apply(1)).modifiedCount).toBe(1);
    expect((await apply(1)).matchedCount).toBe(0);
    expect(await c.findOne({ _id: 'acc-1' } as never)).toEqual({ _id: 'acc-1', lastRevision: 1, balance: 10 });
    const up = await c.updateOne({ _id: 'acc-2' } as never, { $set: { v: 1 } }, { upsert: true });
    expect(up.upsertedId).toBe('acc-2');
  });

  it('replaces documents keeping _id, and refuses to change it (66)', async () => {
    const c = coll('replace');
    await c.insertOne({ _id: 1, a: 1, b: 2 } as never);
    await c.replaceOne({ _id: 1 } as never, { c: 3 });
    expect(await c.findOne({ _id: 1 } as never)).toEqual({ _id: 1, c: 3 });
    expect((await rejection(c.replaceOne({ _id: 1 } as never, { _id: 2, c: 3 } as never))).code).toBe(66);
    const up = await c.replaceOne({ k: 'x' }, { k: 'x', v: 1 }, { upsert: true });
    expect(up.upsertedCount).toBe(1);
  });

  it('applies the array and arithmetic operators', async () => {
    const c = coll('operators');
    await c.insertOne({ _id: 1, n: 5, tags: ['a'], items: [{ k: 1, q: 1 }, { k: 2, q: 1 }], gone: true } as never);
    await c.updateOne({ _id: 1 } as never, {
      $inc: { n: 2 },
      $push: { tags: { $each: ['c', 'b'], $sort: 1 } },
      $unset: { gone: '' },
      $max: { hi: 3 },
      $min: { lo: -1 },
      $currentDate: { at: true },
    } as never);
    await c.updateOne({ _id: 1 } as never, { $addToSet: { tags: 'a' }, $mul: { n: 2 }, $rename: { hi: 'high' } } as never);
    await c.updateOne({ _id: 1 } as never, { $set: { 'items.$[e].q': 9 } }, { arrayFilters: [{ 'e.k': 2 }] });
    await c.updateOne({ _id: 1, 'items.k': 1 } as never, { $inc: { 'items.$.q': 1 } });
    await c.updateOne({ _id: 1 } as never, { $pull: { tags: 'b' }, $pop: { items: -1 }, $currentDate: { ts: { $type: 'timestamp' } } } as never);
    const doc = await c.findOne({ _id: 1 } as never);
    expect(doc).toMatchObject({ n: 14, tags: ['a', 'c'], items: [{ k: 2, q: 9 }], high: 3, lo: -1 });
    expect(doc?.at).toBeInstanceOf(Date);
    expect(doc?.ts).toBeInstanceOf(Timestamp);
    expect(doc).not.toHaveProperty('gone');
  });

  it('runs pipeline-style updates', async () => {
    const c = coll('pipeline_update');
    await c.insertOne({ _id: 1, a: 2, b: 3 } as never);
    await c.updateOne({ _id: 1 } as never, [{ $set: { sum: { $add: ['$a', '$b'] } } }, { $unset: 'b' }]);
    expect(await c.findOne({ _id: 1 } as never)).toEqual({ _id: 1, a: 2, sum: 5 });
  });

  it('answers update errors with MongoDB codes', async () => {
    const c = coll('update_errors');
    await c.insertOne({ _id: 1, s: 'text', n: 1, sub: 5, arr: [1] } as never);
    const codeOf = async (update: object, options: object = {}) =>
      (await rejection(c.updateOne({ _id: 1 } as never, update as never, options))).code;
    expect(await codeOf({ $foo: { a: 1 } })).toBe(9);
    expect(await codeOf({ $inc: { s: 1 } })).toBe(14);
    expect(await codeOf({ $inc: { n: 'x' } })).toBe(14);
    expect(await codeOf({ $set: { 'sub.x': 1 } })).toBe(28);
    expect(await codeOf({ $push: { s: 1 } })).toBe(2);
    expect(await codeOf({ $set: { a: 1 }, $inc: { a: 1 } })).toBe(40);
    expect(await codeOf({ $set: { _id: 2 } })).toBe(66);
    expect(await codeOf({ $set: { 'arr.$[x]': 1 } }, { arrayFilters: [{ x: 1 }, { y: 2 }] })).toBe(9);
    expect(await codeOf({ $set: { 'arr.$': 5 } })).toBe(2);
    expect(await codeOf({ $pop: { s: 1 } })).toBe(14);
    // Setting _id to its current value is allowed.
    expect((await c.updateOne({ _id: 1 } as never, { $set: { _id: 1, n: 2 } } as never)).modifiedCount).toBe(1);
  });

  it('deletes one or many', async () => {
    const c = coll('delete');
    await c.insertMany([{ g: 1 }, { g: 1 }, { g: 2 }]);
    expect((await c.deleteOne({ g: 1 })).deletedCount).toBe(1);
    expect((await c.deleteMany({ g: { $gte: 1 } })).deletedCount).toBe(2);
    expect((await c.deleteMany({})).deletedCount).toBe(0);
    expect((await fixture().db.collection('never_created').deleteMany({})).deletedCount).toBe(0);
    const badLimit = await fixture().db.command({ delete: 'delete', deletes: [{ q: {}, limit: 5 }] });
    expect(badLimit.writeErrors[0].code).toBe(9);
  });

  it('findOneAndUpdate / Replace / Delete return the requested image', async () => {
    const c = coll('find_and_modify');
    await c.insertMany([{ _id: 1, q: 1, v: 'a' }, { _id: 2, q: 1, v: 'b' }] as never[]);
    const before = await c.findOneAndUpdate({ q: 1 }, { $set: { v: 'z' } }, { sort: { _id: -1 } });
    expect(before).toEqual({ _id: 2, q: 1, v: 'b' });
    const after = await c.findOneAndUpdate({ _id: 1 } as never, { $set: { v: 'y' } }, { returnDocument: 'after', projection: { v: 1 } });
    expect(after).toEqual({ _id: 1, v: 'y' });
    const upserted = await c.findOneAndUpdate({ _id: 3 } as never, { $setOnInsert: { v: 'new' } }, { upsert: true, returnDocument: 'after' });
    expect(upserted).toEqual({ _id: 3, v: 'new' });
    const missing = await c.findOneAndUpdate({ _id: 4 } as never, { $set: { v: 1 } });
    expect(missing).toBeNull();
    const replaced = await c.findOneAndReplace({ _id: 3 } as never, { v: 'r' }, { returnDocument: 'after' });
    expect(replaced).toEqual({ _id: 3, v: 'r' });
    expect(await c.findOneAndDelete({ _id: 3 } as never)).toEqual({ _id: 3, v: 'r' });
    const raw = await fixture().db.command({ findAndModify: 'find_and_modify', query: { _id: 9 }, update: { $set: { a: 1 } }, upsert: true, new: true });
    expect(raw.lastErrorObject).toEqual({ n: 1, updatedExisting: false, upserted: 9 });
    const both = await rejection(fixture().db.command({ findAndModify: 'find_and_modify', query: {}, remove: true, new: true }));
    expect(both.code).toBe(9);
    const neither = await rejection(fixture().db.command({ findAndModify: 'find_and_modify', query: {} }));
    expect(neither.code).toBe(9);
  });

  it('findOneAndUpdate reports duplicate keys as a command error with keyPattern', async () => {
    const c = coll('fam_dup');
    await c.createIndex({ email: 1 }, { unique: true });
    await c.insertMany([{ _id: 1, email: 'a' }, { _id: 2, email: 'b' }] as never[]);
    const err = await rejection(c.findOneAndUpdate({ _id: 2 } as never, { $set: { email: 'a' } }));
    expect(err.code).toBe(11000);
    expect(err.codeName).toBe('DuplicateKey');
    expect(err.keyPattern).toEqual({ email: 1 });
    expect(err.keyValue).toEqual({ email: 'a' });
  });

  it('reports write-error shapes from the raw command', async () => {
    const db = fixture().db;
    await db.collection('raw_writes').insertOne({ _id: 1 } as never);
    const reply = await db.command({ insert: 'raw_writes', documents: [{ _id: 1 }, { _id: 2 }], ordered: false });
    expect(reply.ok).toBe(1);
    expect(reply.n).toBe(1);
    expect(reply.writeErrors).toHaveLength(1);
    expect(reply.writeErrors[0]).toMatchObject({ index: 0, code: 11000, keyPattern: { _id: 1 }, keyValue: { _id: 1 } });
    expect(reply.writeErrors[0]).not.toHaveProperty('codeName');
    const upd = await db.command({ update: 'raw_writes', updates: [{ q: { _id: 7 }, u: { $set: { a: 1 } }, upsert: true }] });
    expect(upd).toMatchObject({ n: 1, nModified: 0, upserted: [{ index: 0, _id: 7 }], ok: 1 });
  });
});
