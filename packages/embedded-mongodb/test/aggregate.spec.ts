import { rejection, useDatabase } from './target.js';

describe('aggregation', () => {
  const fixture = useDatabase('aggregate');
  const coll = (name: string) => fixture().db.collection(name);

  beforeAll(async () => {
    await coll('tx').insertMany([
      { _id: 1, account: 'a', kind: 'deposit', amount: 100, at: new Date('2026-01-01') },
      { _id: 2, account: 'a', kind: 'withdrawal', amount: 30, at: new Date('2026-01-02') },
      { _id: 3, account: 'b', kind: 'deposit', amount: 50, at: new Date('2026-01-03') },
      { _id: 4, account: 'a', kind: 'deposit', amount: 20, at: new Date('2026-01-04') },
      { _id: 5, account: 'c', kind: 'deposit', amount: 5, at: new Date('2026-01-05'), tags: ['x', 'y'] },
    ] as never[]);
    await coll('accounts').insertMany([
      { _id: 'a', owner: 'ann' },
      { _id: 'b', owner: 'bob' },
    ] as never[]);
  });

  it('supports what countDocuments sends, with and without skip/limit', async () => {
    expect(await coll('tx').countDocuments({ account: 'a' })).toBe(3);
    expect(await coll('tx').countDocuments({ account: 'zzz' })).toBe(0);
    expect(await coll('tx').countDocuments({}, { skip: 2, limit: 2 })).toBe(2);
    expect(await coll('nothing_here').countDocuments()).toBe(0);
  });

  it('groups, sorts and projects', async () => {
    const result = await coll('tx')
      .aggregate([
        { $match: { kind: 'deposit' } },
        { $group: { _id: '$account', total: { $sum: '$amount' }, n: { $sum: 1 }, last: { $max: '$at' } } },
        { $sort: { total: -1 } },
        { $project: { _id: 0, account: '$_id', total: 1, n: 1, last: 1 } },
      ])
      .toArray();
    expect(result).toEqual([
      { account: 'a', total: 120, n: 2, last: new Date('2026-01-04') },
      { account: 'b', total: 50, n: 1, last: new Date('2026-01-03') },
      { account: 'c', total: 5, n: 1, last: new Date('2026-01-05') },
    ]);
  });

  it('runs $facet, $unwind, $count and $addFields', async () => {
    const [facets] = await coll('tx')
      .aggregate([
        {
          $facet: {
            byKind: [{ $group: { _id: '$kind', n: { $sum: 1 } } }, { $sort: { _id: 1 } }],
            tagged: [{ $unwind: '$tags' }, { $count: 'n' }],
            newest: [{ $sort: { at: -1 } }, { $limit: 1 }, { $addFields: { label: { $concat: ['$account', '-', '$kind'] } } }],
          },
        },
      ])
      .toArray();
    expect(facets.byKind).toEqual([{ _id: 'deposit', n: 4 }, { _id: 'withdrawal', n: 1 }]);
    expect(facets.tagged).toEqual([{ n: 2 }]);
    expect(facets.newest[0]).toMatchObject({ _id: 5, label: 'c-deposit' });
    // $addFields must not leak into the stored documents.
    expect(await coll('tx').findOne({ _id: 5 } as never)).not.toHaveProperty('label');
  });

  it('joins with $lookup in the same database', async () => {
    const result = await coll('accounts')
      .aggregate([
        { $lookup: { from: 'tx', localField: '_id', foreignField: 'account', as: 'tx' } },
        { $project: { owner: 1, count: { $size: '$tx' } } },
        { $sort: { _id: 1 } },
      ])
      .toArray();
    expect(result).toEqual([
      { _id: 'a', owner: 'ann', count: 3 },
      { _id: 'b', owner: 'bob', count: 1 },
    ]);
  });

  it('converts strings to ObjectIds for joins and finds code-point positions', async () => {
    const db = fixture().db;
    const owner = await db.collection('owners').insertOne({ name: 'ann' });
    await db.collection('refs').insertOne({ ownerId: owner.insertedId.toHexString(), text: 'héllo' });
    const [joined] = await db
      .collection('refs')
      .aggregate([
        { $addFields: { owner: { $toObjectId: '$ownerId' }, at: { $indexOfCP: ['$text', 'llo'] } } },
        { $lookup: { from: 'owners', localField: 'owner', foreignField: '_id', as: 'owners' } },
      ])
      .toArray();
    expect(joined.owners.map((o: { name: string }) => o.name)).toEqual(['ann']);
    expect(joined.at).toBe(2);
  });

  it('returns large results through a cursor', async () => {
    await coll('big').insertMany(Array.from({ length: 350 }, (_, i) => ({ i, g: i % 2 })));
    const all = await coll('big').aggregate([{ $match: { g: 0 } }, { $sort: { i: -1 } }], { batchSize: 50 }).toArray();
    expect(all).toHaveLength(175);
    expect(all[0].i).toBe(348);
  });

  it('writes $out results into a collection', async () => {
    await coll('tx').aggregate([{ $match: { account: 'a' } }, { $out: 'tx_of_a' }]).toArray();
    expect(await coll('tx_of_a').countDocuments()).toBe(3);
  });

  it('rejects unknown stages, a missing cursor option and change streams on a standalone', async () => {
    const db = fixture().db;
    expect((await rejection(coll('tx').aggregate([{ $bogus: {} }]).toArray())).code).toBe(40324);
    expect((await rejection(db.command({ aggregate: 'tx', pipeline: [] }))).code).toBe(9);
    const hello = await db.admin().command({ hello: 1 });
    const changeStream = db.command({ aggregate: 'tx', pipeline: [{ $changeStream: {} }], cursor: {} });
    if (hello.setName) await expect(changeStream).resolves.toMatchObject({ ok: 1 });
    else expect((await rejection(changeStream)).code).toBe(40573);
  });
});
