import { describePersonalDataKeysContract, startTestMongo } from '@openbank/testing';
import { MongoClient } from 'mongodb';
import { InMemoryPersonalDataKeys } from './in-memory-personal-data-keys.js';
import { MongoDBPersonalDataKeys } from './mongodb-personal-data-keys.js';

describePersonalDataKeysContract('in memory', async () => {
  const keys = new InMemoryPersonalDataKeys();
  return { keys: () => keys, stop: async () => undefined };
});

describePersonalDataKeysContract('MongoDB', async () => {
  const server = await startTestMongo();
  const database = `keys_${Date.now()}`;
  // A client per process, as N API processes would each have theirs.
  const clients = await Promise.all(Array.from({ length: 3 }, () => new MongoClient(server.address).connect()));
  let next = 0;
  return {
    keys: () => {
      const client = clients[next++ % clients.length];
      return new MongoDBPersonalDataKeys(() => client.db(database));
    },
    stop: async () => {
      await Promise.all(clients.map((client) => client.close()));
      await server.stop();
    },
  };
});
