import { Binary, BSONRegExp, Code, Decimal128, Double, Int32, Long, MaxKey, MinKey, ObjectId, Timestamp, UUID } from 'mongodb';
import { useDatabase } from './target.js';

describe('BSON types', () => {
  const fixture = useDatabase('bson');
  const coll = (name: string) => fixture().db.collection(name);

  it('round-trips every common BSON type', async () => {
    const doc = {
      _id: new ObjectId(),
      double: 1.5,
      negativeZero: -0,
      int: new Int32(42),
      long: Long.fromString('9007199254740993'),
      smallLong: Long.fromNumber(7),
      decimal: Decimal128.fromString('12345.6789012345678901234567890123'),
      string: 'héllo ✓ 𝄞',
      bool: true,
      nil: null,
      date: new Date('2026-03-01T12:34:56.789Z'),
      binary: new Binary(Buffer.from([1, 2, 3]), 0),
      uuid: new UUID('0f8fad5b-d9cb-469f-a165-70867728950e').toBinary(),
      regex: new BSONRegExp('^a.c$', 'ims'),
      timestamp: new Timestamp({ t: 1700000000, i: 3 }),
      minKey: new MinKey(),
      maxKey: new MaxKey(),
      code: new Code('function () { return 1; }'),
      nested: { a: [1, { b: [] }], empty: {} },
    };
    await coll('roundtrip').insertOne(doc);
    const back = await coll('roundtrip').findOne({ _id: doc._id }, { promoteLongs: false, bsonRegExp: true });
    expect(back).not.toBeNull();
    const got = back as Record<string, unknown>;
    expect(got.double).toBe(1.5);
    expect(Object.is(got.negativeZero, -0)).toBe(true);
    expect(got.int).toBe(42);
    expect(got.long).toEqual(doc.long);
    expect(got.smallLong).toEqual(doc.smallLong);
    expect((got.decimal as Decimal128).toString()).toBe(doc.decimal.toString());
    expect(got.string).toBe(doc.string);
    expect(got.date).toEqual(doc.date);
    expect((got.binary as Binary).buffer).toEqual(doc.binary.buffer);
    expect((got.uuid as Binary).sub_type).toBe(4);
    expect((got.uuid as Binary).toUUID().toHexString()).toBe('0f8fad5b-d9cb-469f-a165-70867728950e');
    expect(got.regex).toEqual(doc.regex);
    expect(got.timestamp).toEqual(doc.timestamp);
    expect(got.minKey).toBeInstanceOf(MinKey);
    expect(got.maxKey).toBeInstanceOf(MaxKey);
    expect((got.code as Code).code).toBe(doc.code.code);
    expect(got.nested).toEqual(doc.nested);
    expect(Object.keys(got)).toEqual(Object.keys(doc));
  });

  it('sorts mixed types in MongoDB type order', async () => {
    const values: [string, unknown][] = [
      ['maxKey', new MaxKey()],
      ['regex', /x/],
      ['timestamp', new Timestamp({ t: 1, i: 1 })],
      ['date', new Date(0)],
      ['bool', false],
      ['objectId', new ObjectId('000000000000000000000000')],
      ['binary', new Binary(Buffer.from([0]))],
      ['object', { a: 1 }],
      ['string', 'a'],
      ['number', 1],
      ['null', null],
      ['minKey', new MinKey()],
    ];
    await coll('type_order').insertMany(values.map(([kind, v]) => ({ kind, v })));
    const sorted = await coll('type_order').find().sort({ v: 1 }).toArray();
    expect(sorted.map((d) => d.kind)).toEqual(values.map(([k]) => k).reverse());
    const descending = await coll('type_order').find().sort({ v: -1 }).toArray();
    expect(descending.map((d) => d.kind)).toEqual(values.map(([k]) => k));
  });

  it('compares and sorts numbers by value across int, double, long and decimal', async () => {
    const c = coll('numbers');
    await c.insertMany([
      { _id: 'd9.5', v: Decimal128.fromString('9.5') },
      { _id: 'd10', v: Decimal128.fromString('10.0') },
      { _id: 'd12.5', v: Decimal128.fromString('12.50') },
      { _id: 'i3', v: 3 },
      { _id: 'f7.25', v: 7.25 },
      { _id: 'l11', v: Long.fromNumber(11) },
      { _id: 'big', v: Long.fromString('9007199254740993') },
    ] as never[]);
    const ids = async (filter: object) => (await c.find(filter).sort({ v: 1 }).toArray()).map((d) => d._id);
    expect(await ids({})).toEqual(['i3', 'f7.25', 'd9.5', 'd10', 'l11', 'd12.5', 'big']);
    expect(await ids({ v: { $gt: 9 } })).toEqual(['d9.5', 'd10', 'l11', 'd12.5', 'big']);
    expect(await ids({ v: 10 })).toEqual(['d10']);
    expect(await ids({ v: { $in: [Decimal128.fromString('11'), 3.0] } })).toEqual(['i3', 'l11']);
    expect(await ids({ v: { $gt: Long.fromString('9007199254740992') } })).toEqual(['big']);
  });

  it('increments Decimal128 and Long exactly and sums them in aggregation', async () => {
    const c = coll('arith');
    await c.insertOne({ _id: 1, d: Decimal128.fromString('0.1'), l: Long.fromString('9007199254740993'), n: 1 } as never);
    await c.updateOne({ _id: 1 } as never, { $inc: { d: Decimal128.fromString('0.2'), l: 1, n: Long.fromNumber(2) } });
    const doc = await c.findOne({ _id: 1 } as never, { promoteLongs: false });
    expect((doc?.d as Decimal128).toString()).toBe('0.3');
    expect(doc?.l).toEqual(Long.fromString('9007199254740994'));
    expect(doc?.n).toEqual(Long.fromNumber(3));
    await c.insertOne({ _id: 2, d: Decimal128.fromString('1.25') } as never);
    await c.insertOne({ _id: 3, d: Decimal128.fromString('10') } as never);
    const [total] = await c.aggregate([{ $group: { _id: null, sum: { $sum: '$d' }, min: { $min: '$d' }, max: { $max: '$d' } } }]).toArray();
    expect((total.sum as Decimal128).toString()).toBe('11.55');
    expect((total.min as Decimal128).toString()).toBe('0.3');
    expect((total.max as Decimal128).toString()).toBe('10');
  });

  it('queries ObjectId, Date and Binary values', async () => {
    const c = coll('ids');
    const a = new ObjectId('650000000000000000000001');
    const b = new ObjectId('650000000000000000000002');
    await c.insertMany([{ _id: b, at: new Date(2000) }, { _id: a, at: new Date(1000) }]);
    expect((await c.find({ _id: { $gt: a } }).toArray()).map((d) => d._id)).toEqual([b]);
    expect((await c.find().sort({ _id: 1 }).toArray()).map((d) => d._id)).toEqual([a, b]);
    expect((await c.find({ at: { $lt: new Date(1500) } }).toArray()).map((d) => d._id)).toEqual([a]);
    expect(await c.countDocuments({ _id: { $in: [a, new ObjectId()] } })).toBe(1);
    expect(await c.countDocuments({ at: { $type: 'date' }, _id: { $type: 'objectId' } })).toBe(2);
    await c.insertOne({ _id: new Double(5) as unknown as ObjectId, bin: new Binary(Buffer.from('abc')) });
    expect(await c.countDocuments({ bin: new Binary(Buffer.from('abc')) })).toBe(1);
    expect(await c.countDocuments({ _id: 5 as unknown as ObjectId })).toBe(1);
  });
});
