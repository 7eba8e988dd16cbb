import { Binary, DBRef, ObjectId, UUID } from 'mongodb';
import { useDatabase } from './target.js';

describe('query operators over scalars, BinData and DBRefs', () => {
  const fixture = useDatabase('query_operators');
  const coll = (name: string) => fixture().db.collection(name);

  it('$all on a non-array field matches a field equal to every listed value', async () => {
    const c = coll('all_scalar');
    await c.insertMany([{ _id: 1, s: 'x' }, { _id: 2, s: ['x', 'y'] }, { _id: 3, s: 'y' }] as never[]);
    const ids = async (filter: object) => (await c.find(filter).sort({ _id: 1 }).toArray()).map((d) => d._id);
    expect(await ids({ s: { $all: ['x'] } })).toEqual([1, 2]);
    expect(await ids({ s: { $all: ['x', 'y'] } })).toEqual([2]);
    expect(await ids({ s: { $all: [] } })).toEqual([]);
  });

  it('$bitsAllSet and friends read BinData bit by bit, lowest bit of the first byte first', async () => {
    const c = coll('bits_bindata');
    await c.insertOne({ _id: 1, uuid: new UUID('ff' + '0'.repeat(30)), bin: new Binary(Buffer.from([0b0000_0101])) } as never);
    const found = async (filter: object) => (await c.countDocuments(filter)) === 1;
    expect(await found({ uuid: { $bitsAllSet: [0, 4] } })).toBe(true);
    expect(await found({ uuid: { $bitsAllSet: 2 ** 15 } })).toBe(false);
    expect(await found({ uuid: { $bitsAnySet: [8] } })).toBe(false);
    expect(await found({ uuid: { $bitsAnyClear: [0, 32] } })).toBe(true);
    expect(await found({ uuid: { $bitsAllClear: 3 } })).toBe(false);
    expect(await found({ bin: { $bitsAllSet: new Binary(Buffer.from([0b101])) } })).toBe(true);
  });

  it('$bits operators treat integers as 64-bit two\'s complement', async () => {
    const c = coll('bits_numbers');
    await c.insertMany([{ _id: 1, n: -1 }, { _id: 2, n: 2 ** 40 }, { _id: 3, n: 2.5 }] as never[]);
    const ids = async (filter: object) => (await c.find(filter).sort({ _id: 1 }).toArray()).map((d) => d._id);
    expect(await ids({ n: { $bitsAllSet: [40] } })).toEqual([1, 2]);
    expect(await ids({ n: { $bitsAllSet: [63] } })).toEqual([1]);
    expect(await ids({ n: { $bitsAnySet: [1] } })).toEqual([1]);
  });

  it('reads $id, $ref and $db in a filter as the fields of a DBRef', async () => {
    const c = coll('dbref_fields');
    const target = new ObjectId();
    await c.insertOne({ _id: 1, members: [new DBRef('users', target, 'app')], owner: new DBRef('users', target) } as never);
    expect(await c.countDocuments({ members: { $elemMatch: { $id: target } } })).toBe(1);
    expect(await c.countDocuments({ 'owner.$id': target, 'owner.$ref': 'users' })).toBe(1);
    expect(await c.countDocuments({ 'owner.$ref': 'other' })).toBe(0);
  });
});
