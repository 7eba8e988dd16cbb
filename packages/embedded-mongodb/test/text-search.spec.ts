import type { Document } from 'mongodb';
import { useDatabase } from './target.js';

describe('$text search', () => {
  const fixture = useDatabase('text');
  const coll = (name: string) => fixture().db.collection(name);
  const titles = (docs: Document[]) => docs.map((d) => d.title);

  beforeAll(async () => {
    const c = coll('posts');
    await c.createIndex({ title: 'text', body: 'text' }, { weights: { title: 5 } });
    await c.insertMany([
      { _id: 1, title: 'querying in mongoose', body: 'filters' },
      { _id: 2, title: 'text search in mongoose', body: 'searching text' },
      { _id: 3, title: 'Café ABCD', body: 'coffee' },
      { _id: 4, title: 'other', body: 'the searches' },
    ] as never[]);
  });

  it('matches any stemmed term, case and diacritics folded, stop words ignored', async () => {
    const c = coll('posts');
    expect(titles(await c.find({ $text: { $search: 'searched' } }).sort({ _id: 1 }).toArray())).toEqual(['text search in mongoose', 'other']);
    expect(titles(await c.find({ $text: { $search: 'cafe abcd' } }).toArray())).toEqual(['Café ABCD']);
    expect(await c.countDocuments({ $text: { $search: 'the in' } })).toBe(0);
  });

  it('honours phrases and negated terms', async () => {
    const c = coll('posts');
    expect(titles(await c.find({ $text: { $search: '"text search"' } }).toArray())).toEqual(['text search in mongoose']);
    expect(titles(await c.find({ $text: { $search: 'mongoose -text' } }).toArray())).toEqual(['querying in mongoose']);
  });

  it('projects and sorts by textScore, weighted fields scoring higher', async () => {
    const c = coll('posts');
    const docs = await c
      .find({ $text: { $search: 'search' } }, { projection: { title: 1, score: { $meta: 'textScore' } } })
      .sort({ score: { $meta: 'textScore' } })
      .toArray();
    expect(titles(docs)).toEqual(['text search in mongoose', 'other']);
    expect(docs[0].score).toBeGreaterThan(docs[1].score);
    expect(Object.keys(docs[0]).sort()).toEqual(['_id', 'score', 'title']);
  });

  it('sorts by textScore in an aggregation', async () => {
    const c = coll('scores');
    await c.createIndex({ test: 'text' });
    await c.insertMany([{ test: 'a test' }, { test: 'test test' }]);
    const res = await c.aggregate([{ $match: { $text: { $search: 'test' } } }, { $sort: { score: { $meta: 'textScore' } } }]).toArray();
    expect(res.map((d) => d.test)).toEqual(['test test', 'a test']);
  });

  it('offers textScore to the aggregation stages after the $text match', async () => {
    const c = coll('posts');
    const res = await c
      .aggregate([
        { $match: { $text: { $search: 'mongoose search' } } },
        { $addFields: { score: { $meta: 'textScore' } } },
        { $match: { score: { $gt: 0 } } },
        { $sort: { score: { $meta: 'textScore' } } },
        { $project: { _id: 0, title: 1, rounded: { $gt: [{ $meta: 'textScore' }, 0] } } },
      ])
      .toArray();
    expect(res).toEqual([
      { title: 'text search in mongoose', rounded: true },
      { title: 'querying in mongoose', rounded: true },
      { title: 'other', rounded: true },
    ]);
  });

  it('needs a text index (27)', async () => {
    const c = coll('plain');
    await c.insertOne({ a: 'x' });
    await expect(c.find({ $text: { $search: 'x' } }).toArray()).rejects.toMatchObject({ code: 27 });
  });
});
