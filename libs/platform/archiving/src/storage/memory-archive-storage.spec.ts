import { describeArchiveStorageContract } from '../../test/archive-storage.contract.js';
import { MemoryArchiveStorage } from './memory-archive-storage.js';

describeArchiveStorageContract('MemoryArchiveStorage', async () => new MemoryArchiveStorage());
