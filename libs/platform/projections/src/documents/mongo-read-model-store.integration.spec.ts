import { describeReadModelStoreContract, startTestMongo } from '@openbank/testing';
import mongoose from 'mongoose';
import { MongoReadModelStore } from './mongo-read-model-store.js';

describeReadModelStoreContract('MongoDB', async () => {
  const server = await startTestMongo();
  const connection = await mongoose.createConnection(server.address, { dbName: `contract_${Date.now()}` }).asPromise();
  return {
    store: new MongoReadModelStore(connection),
    stop: async () => {
      await connection.close();
      await server.stop();
    },
  };
});

describe('MongoDB read-model store, when the store goes away', () => {
  it('fails a write it could not make, never reporting it done', async () => {
    const server = await startTestMongo();
    const connection = await mongoose.createConnection(server.address, { dbName: `away_${Date.now()}`, bufferCommands: false, serverSelectionTimeoutMS: 500 }).asPromise();
    try {
      const documents = new MongoReadModelStore(connection).collection<{ _id: string; n: number }>('away');
      await documents.write([{ kind: 'insert-once', document: { _id: 'a', n: 1 } }]);
      await server.stop();
      await expect(documents.write([{ kind: 'insert-once', document: { _id: 'b', n: 2 } }])).rejects.toThrow();
    } finally {
      await connection.close();
    }
  });
});

describe('MongoDB read-model store, with a unique index of its own', () => {
  it('fails a write that breaks it: only a collision on the id is a guard doing its work', async () => {
    const server = await startTestMongo();
    const connection = await mongoose.createConnection(server.address, { dbName: `unique_${Date.now()}` }).asPromise();
    try {
      await connection.collection('entries').createIndex({ reference: 1 }, { unique: true });
      const documents = new MongoReadModelStore(connection).collection<{ _id: string; reference: string }>('entries');
      await documents.write([{ kind: 'insert-once', document: { _id: 'a', reference: 'r-1' } }]);
      await expect(documents.write([{ kind: 'insert-once', document: { _id: 'b', reference: 'r-1' } }])).rejects.toThrow(/duplicate key/);
      await documents.write([{ kind: 'insert-once', document: { _id: 'a', reference: 'r-1' } }]);
    } finally {
      await connection.close();
      await server.stop();
    }
  });
});
