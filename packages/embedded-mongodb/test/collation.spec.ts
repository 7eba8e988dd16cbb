import { useDatabase } from './target.js';

describe('collation', () => {
  const fixture = useDatabase('collation');
  const coll = (name: string) => fixture().db.collection(name);
  const strength1 = { locale: 'en_US', strength: 1 };

  it('matches and sorts case-insensitively when a query carries a collation', async () => {
    const c = coll('query_level');
    await c.insertMany([{ _id: 1, name: 'a' }, { _id: 2, name: 'A' }, { _id: 3, name: 'b' }] as never[]);
    expect(await c.countDocuments({ name: 'a' })).toBe(1);
    expect(await c.countDocuments({ name: 'a' }, { collation: strength1 })).toBe(2);
    expect((await c.find({ name: { $gt: 'a' } }, { collation: strength1 }).toArray()).map((d) => d._id)).toEqual([3]);
    const res = await c.updateMany({ name: 'A' }, { $set: { hit: true } }, { collation: strength1 });
    expect(res.modifiedCount).toBe(2);
    expect((await c.deleteMany({ name: 'B' }, { collation: { locale: 'en', strength: 2 } })).deletedCount).toBe(1);
  });

  it('uses a collection default collation for queries, sorts and new indexes', async () => {
    const c = await fixture().db.createCollection('default_level', { collation: strength1 });
    await c.insertMany([{ name: 'alpha' }, { name: 'Zeta' }, { name: 'ALPHA' }]);
    expect((await c.find({}).sort({ name: 1, _id: 1 }).toArray()).map((d) => d.name)).toEqual(['alpha', 'ALPHA', 'Zeta']);
    expect(await c.countDocuments({ name: 'Alpha' })).toBe(2);
    expect(await c.countDocuments({ name: 'Alpha' }, { collation: { locale: 'simple' } })).toBe(0);
    await c.createIndex({ name: 1 });
    const index = (await c.listIndexes().toArray()).find((i) => i.name === 'name_1');
    expect(index?.collation).toMatchObject({ locale: 'en_US', strength: 1 });
  });

  it('enforces a case-insensitive unique index', async () => {
    const c = coll('unique_ci');
    await c.createIndex({ email: 1 }, { unique: true, collation: { locale: 'en', strength: 2 } });
    await c.insertOne({ email: 'Ann@example.com' });
    await expect(c.insertOne({ email: 'ann@EXAMPLE.com' })).rejects.toMatchObject({ code: 11000 });
    await c.insertOne({ email: 'bob@example.com' });
    expect(await c.countDocuments({ email: 'ann@example.com' }, { collation: { locale: 'en', strength: 2 } })).toBe(1);
  });
});
