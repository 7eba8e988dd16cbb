import { Binary, ObjectId } from 'mongodb';
import { useDatabase } from './target.js';

describe('update paths MongoDB 5+ accepts', () => {
  const fixture = useDatabase('update_paths');
  const coll = (name: string) => fixture().db.collection(name);

  it('sets two fields of the element the query matched (a.$.y and a.$.z)', async () => {
    const c = coll('positional_two_fields');
    await c.insertOne({ _id: 1, a: [{ k: 1 }, { k: 2 }] } as never);
    const res = await c.updateOne({ 'a.k': 2 }, { $set: { 'a.$.y': 5, 'a.$.z': 6 } });
    expect(res.modifiedCount).toBe(1);
    expect(await c.findOne({ _id: 1 } as never)).toEqual({ _id: 1, a: [{ k: 1 }, { k: 2, y: 5, z: 6 }] });
  });

  it('sets two fields of the elements an array filter selects (a.$[e].y and a.$[e].z)', async () => {
    const c = coll('filtered_two_fields');
    await c.insertOne({ _id: 1, a: [{ k: 1 }, { k: 2 }, { k: 1 }] } as never);
    await c.updateOne({}, { $set: { 'a.$[e].y': 7, 'a.$[e].z': 8 } }, { arrayFilters: [{ 'e.k': 1 }] });
    expect(await c.findOne({ _id: 1 } as never)).toEqual({ _id: 1, a: [{ k: 1, y: 7, z: 8 }, { k: 2 }, { k: 1, y: 7, z: 8 }] });
  });

  it('still refuses two updates of the same matched element field', async () => {
    const c = coll('positional_conflict');
    await c.insertOne({ _id: 1, a: [{ k: 1, n: 0 }] } as never);
    await expect(c.updateOne({ 'a.k': 1 }, { $set: { 'a.$.n': 1 }, $inc: { 'a.$.n': 1 } })).rejects.toMatchObject({ code: 40 });
  });

  it('$pull with an $or condition removes the matching subdocuments', async () => {
    const c = coll('pull_or');
    await c.insertOne({ _id: 1, arr: [{ n: 1 }, { n: 2 }, { n: 3, m: 1 }] } as never);
    const res = await c.updateOne({ _id: 1 } as never, { $pull: { arr: { $or: [{ n: 1 }, { n: 3 }] } } } as never);
    expect(res.modifiedCount).toBe(1);
    expect(await c.findOne({ _id: 1 } as never)).toEqual({ _id: 1, arr: [{ n: 2 }] });
  });

  it('$pull with a value operator tests scalar elements, with a document matches subdocuments by query', async () => {
    const c = coll('pull_forms');
    await c.insertOne({ _id: 1, nums: [1, 5, 8, 2], docs: [{ a: 1, b: 1 }, { a: 2 }] } as never);
    await c.updateOne({ _id: 1 } as never, { $pull: { nums: { $gte: 5 }, docs: { a: 1 } } } as never);
    expect(await c.findOne({ _id: 1 } as never)).toEqual({ _id: 1, nums: [1, 2], docs: [{ a: 2 }] });
  });

  it('creates $-prefixed fields through an upsert, refuses them (52) on an existing document', async () => {
    const c = coll('dollar_fields');
    await c.updateOne({ _id: 1 } as never, { $set: { $myKey: 'a', '$each.count': 42 } } as never, { upsert: true });
    expect(await c.findOne({ _id: 1 } as never)).toEqual({ _id: 1, $each: { count: 42 }, $myKey: 'a' });
    await expect(c.updateOne({ _id: 1 } as never, { $set: { $hotel: 1 } } as never)).rejects.toMatchObject({ code: 52 });
    await c.updateOne({ _id: 1 } as never, { $set: { nested: { $price: 5 }, 'prefs.$each': 42 } } as never);
    const doc = await c.findOne({ _id: 1 } as never);
    expect([doc?.nested, doc?.prefs]).toEqual([{ $price: 5 }, { $each: 42 }]);
  });

  it('stores __proto__ as an ordinary field name, in $set values and as a $rename target', async () => {
    const c = coll('proto_fields');
    await c.insertOne({ _id: 1, hello: 'world', path1: {} } as never);
    const value = JSON.parse('{"__proto__": "abcd"}');
    await c.updateOne({ _id: 1 } as never, { $set: { path1: value }, $rename: { hello: '__proto__.polluted' } } as never);
    const doc = (await c.findOne({ _id: 1 } as never)) as Record<string, unknown>;
    expect(Object.hasOwn(doc.path1 as object, '__proto__')).toBe(true);
    expect(Object.getOwnPropertyDescriptor(doc.path1, '__proto__')?.value).toBe('abcd');
    expect(Object.getOwnPropertyDescriptor(doc, '__proto__')?.value).toEqual({ polluted: 'world' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('counts a Binary whose only change is its subtype as modified', async () => {
    const c = coll('binary_subtype');
    const _id = new ObjectId();
    await c.insertOne({ _id, buf: new Binary(Buffer.from('hi'), 128) });
    const res = await c.updateOne({ _id }, { $set: { buf: new Binary(Buffer.from('hi'), 0) } });
    expect(res.modifiedCount).toBe(1);
    expect((await c.findOne({ _id }))?.buf.sub_type).toBe(0);
  });
});
