import { describeEventStoreContract } from '../contracts/event-store.contract.js';
import { InMemoryEventStore } from './in-memory-event-store.js';

describeEventStoreContract('in memory, atomic across streams', async () => ({ store: new InMemoryEventStore(), stop: async () => undefined }));
describeEventStoreContract('in memory, one stream after another', async () => ({ store: new InMemoryEventStore(false), stop: async () => undefined }));
