import { KurrentDBClient } from '@kurrent/kurrentdb-client';
import { describeEventStoreContract, startTestKurrentDB } from '@openbank/testing';
import { KurrentDBEventStore } from './kurrentdb-event-store.js';

describeEventStoreContract('KurrentDB', async () => {
  const server = await startTestKurrentDB();
  const client = KurrentDBClient.connectionString`${server.address}`;
  return {
    store: new KurrentDBEventStore(client, 5000),
    stop: async () => {
      await client.dispose();
      await server.stop();
    },
  };
});
