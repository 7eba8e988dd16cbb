import { useDatabase } from './target.js';

describe('collection validators', () => {
  const fixture = useDatabase('validation');
  const db = () => fixture().db;

  const personSchema = {
    bsonType: 'object',
    required: ['name'],
    properties: {
      name: { bsonType: 'string', minLength: 2 },
      age: { bsonType: ['number', 'null'], minimum: 0 },
      source: { enum: ['document', 'self-reported', null] },
      tags: { bsonType: 'array', items: { bsonType: 'string' }, uniqueItems: true },
    },
  };

  it('refuses inserts that fail a $jsonSchema validator with 121, accepts the rest', async () => {
    const c = await db().createCollection('people', { validator: { $jsonSchema: personSchema } });
    await c.insertOne({ name: 'Taco', age: null, tags: ['a', 'b'] });
    for (const bad of [{}, { name: 'x' }, { name: 'Bob', age: -1 }, { name: 'Bob', source: 'other' }, { name: 'Bob', tags: ['a', 'a'] }]) {
      await expect(c.insertOne(bad)).rejects.toMatchObject({ code: 121 });
    }
    await expect(c.insertOne({ name: 'Bob' }, { bypassDocumentValidation: true })).resolves.toBeTruthy();
  });

  it('validates update results, and moderate lets already-invalid documents be updated', async () => {
    const c = await db().createCollection('moderate', { validator: { n: { $gte: 0 } } });
    await c.insertOne({ _id: 1, n: 1 } as never);
    await expect(c.updateOne({ _id: 1 } as never, { $set: { n: -1 } })).rejects.toMatchObject({ code: 121 });
    await c.insertOne({ _id: 2, n: -5 } as never, { bypassDocumentValidation: true });
    await db().command({ collMod: 'moderate', validationLevel: 'moderate' });
    await c.updateOne({ _id: 2 } as never, { $set: { n: -6 } });
    expect((await c.findOne({ _id: 2 } as never))?.n).toBe(-6);
    await db().command({ collMod: 'moderate', validationAction: 'warn', validationLevel: 'strict' });
    await c.updateOne({ _id: 1 } as never, { $set: { n: -1 } });
    const info = (await db().listCollections({ name: 'moderate' }).toArray())[0] as { options: Record<string, unknown> };
    expect(info.options).toMatchObject({ validator: { n: { $gte: 0 } }, validationLevel: 'strict', validationAction: 'warn' });
  });

  it('refuses an upsert that would insert an invalid document', async () => {
    const c = await db().createCollection('upserts', { validator: { $jsonSchema: { required: ['name'] } } });
    await expect(c.updateOne({ _id: 1 } as never, { $set: { other: 1 } }, { upsert: true })).rejects.toMatchObject({ code: 121 });
    expect(await c.countDocuments()).toBe(0);
  });
});
