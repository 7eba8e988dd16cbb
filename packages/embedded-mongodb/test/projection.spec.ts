import { useDatabase } from './target.js';

describe('find projections with $slice and $elemMatch', () => {
  const fixture = useDatabase('projection');
  const coll = () => fixture().db.collection('docs');

  beforeAll(async () => {
    await coll().insertOne({ _id: 1, name: 'a', secret: 's', tags: [1, 5, 9], items: [{ k: 1 }, { k: 2 }, { k: 3 }] } as never);
  });
  const find = (projection: Record<string, unknown>) => coll().findOne({ _id: 1 } as never, { projection });

  it('$slice alone keeps every other field', async () => {
    expect(await find({ tags: { $slice: 1 } })).toEqual({ _id: 1, name: 'a', secret: 's', tags: [1], items: [{ k: 1 }, { k: 2 }, { k: 3 }] });
  });

  it('$slice with an exclusion excludes the excluded fields only', async () => {
    expect(await find({ tags: { $slice: -2 }, secret: 0, items: 0 })).toEqual({ _id: 1, name: 'a', tags: [5, 9] });
  });

  it('$slice with an inclusion includes the sliced field', async () => {
    expect(await find({ name: 1, items: { $slice: [1, 1] } })).toEqual({ _id: 1, name: 'a', items: [{ k: 2 }] });
  });

  it('$elemMatch with a value operator on an array of scalars returns the first match only', async () => {
    expect(await find({ tags: { $elemMatch: { $in: [5, 9] } } })).toEqual({ _id: 1, tags: [5] });
    expect(await find({ tags: { $elemMatch: { $gt: 100 } } })).toEqual({ _id: 1 });
  });

  it('$elemMatch on subdocuments combines with an inclusion', async () => {
    expect(await find({ name: 1, items: { $elemMatch: { k: { $gte: 2 } } } })).toEqual({ _id: 1, name: 'a', items: [{ k: 2 }] });
  });
});
