import { describeReadModelStoreContract } from '../contracts/read-model-store.contract.js';
import { InMemoryReadModelStore } from './in-memory-read-model-store.js';

describeReadModelStoreContract('in memory', async () => ({ store: new InMemoryReadModelStore(), stop: async () => undefined }));
