import { Double, Int32, Long } from 'mongodb';
import { useDatabase } from './target.js';

/** int32 and double stay what they were sent as, whole doubles included (the driver is asked not to promote them). */
describe('numeric width', () => {
  const fixture = useDatabase('numeric_width');
  const coll = (name: string) => fixture().db.collection(name);
  const raw = { promoteValues: false } as const;

  it('keeps a whole double a double and an int32 an int32, in storage and for $type', async () => {
    const c = coll('types');
    await c.insertOne({ _id: 1, d: new Double(42), i: new Int32(42), f: 4.5, big: 2 ** 40 } as never);
    const doc = await c.findOne({ _id: 1 } as never, raw);
    expect(doc?.d).toBeInstanceOf(Double);
    expect(doc?.i).toBeInstanceOf(Int32);
    expect(doc?.big).toBeInstanceOf(Double);
    const matches = async (filter: object) => (await c.countDocuments(filter)) === 1;
    expect(await matches({ d: { $type: 'double' } })).toBe(true);
    expect(await matches({ d: { $type: 'int' } })).toBe(false);
    expect(await matches({ i: { $type: 'int' } })).toBe(true);
    expect(await matches({ d: 42, i: 42.0, big: { $gt: 2 ** 39 } })).toBe(true);
    expect(await matches({ d: { $mod: [5, 2] } })).toBe(true);
  });

  it('widens $inc and $mul as MongoDB does: int with double is double, int32 overflow is int64', async () => {
    const c = coll('arithmetic');
    await c.insertOne({ _id: 1, a: new Int32(1), b: new Double(2), c: new Int32(2147483647), d: 1.5 } as never);
    await c.updateOne({ _id: 1 } as never, { $inc: { a: new Double(1), b: new Int32(1), c: new Int32(1), d: 1.5 } } as never);
    const doc = await c.findOne({ _id: 1 } as never, raw);
    expect(doc?.a).toEqual(new Double(2));
    expect(doc?.b).toEqual(new Double(3));
    expect(doc?.c).toEqual(Long.fromNumber(2147483648));
    expect(doc?.d).toEqual(new Double(3));
  });

  it('treats 5 and 5.0 as one member in $addToSet, and a reordered document as another', async () => {
    const c = coll('sets');
    await c.insertOne({ _id: 1, tags: [new Double(5), 3], docs: [{ a: 1, b: 2 }] } as never);
    expect((await c.updateOne({ _id: 1 } as never, { $addToSet: { tags: 5 } })).modifiedCount).toBe(0);
    await c.updateOne({ _id: 1 } as never, { $addToSet: { tags: { $each: [3, 4, 4] }, docs: { b: 2, a: 1 } } } as never);
    expect(await c.findOne({ _id: 1 } as never)).toEqual({ _id: 1, tags: [5, 3, 4], docs: [{ a: 1, b: 2 }, { b: 2, a: 1 }] });
  });

  it('computes over whole doubles in aggregations and keeps untouched ones through pipeline updates', async () => {
    const c = coll('pipelines');
    await c.insertMany([{ _id: 1, g: 'x', v: new Double(2), keep: new Double(7) }, { _id: 2, g: 'x', v: new Double(3), keep: new Double(7) }] as never[]);
    const [sum] = await c.aggregate([{ $group: { _id: '$g', total: { $sum: '$v' } } }]).toArray();
    expect(sum.total).toBe(5);
    await c.updateOne({ _id: 1 } as never, [{ $set: { w: { $add: ['$v', 1] } } }]);
    const doc = await c.findOne({ _id: 1 } as never, raw);
    expect(doc?.keep).toEqual(new Double(7));
    expect(Number(doc?.w)).toBe(3);
    expect(await c.countDocuments({ $expr: { $gt: ['$v', 2] } })).toBe(1);
  });
});
