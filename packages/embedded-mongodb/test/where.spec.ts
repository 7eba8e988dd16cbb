import { Code } from 'mongodb';
import { useDatabase } from './target.js';

describe('$where (server-side JavaScript, enabled as on a default mongod)', () => {
  const fixture = useDatabase('where', { javascript: true });
  const coll = () => fixture().db.collection('docs');

  beforeAll(async () => {
    await coll().insertMany([{ _id: 1, name: 'a', n: 1 }, { _id: 2, name: 'b', n: 5 }] as never[]);
  });

  it('takes an expression string, a function string or BSON Code; this and obj are the document', async () => {
    const ids = async (where: unknown) => (await coll().find({ $where: where } as never).sort({ _id: 1 }).toArray()).map((d) => d._id);
    expect(await ids("this.name == 'b'")).toEqual([2]);
    expect(await ids('function() { return obj.n > 0 && this.n < 3; }')).toEqual([1]);
    expect(await ids(new Code('return this.n >= 1'))).toEqual([1, 2]);
  });

  it('combines with other conditions', async () => {
    expect(await coll().countDocuments({ n: { $gt: 1 }, $where: 'this.n < 10' } as never)).toBe(1);
  });

  it('stops at maxTimeMS with code 50 (sleep counts)', async () => {
    const err = await coll().find({ $where: 'sleep(1000) || true' } as never).maxTimeMS(20).toArray().catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 50 });
    expect((err as Error).message).toMatch(/time limit/);
  });
});
