import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeArchiveStorageContract } from '../../test/archive-storage.contract.js';
import { DirectoryArchiveStorage } from './directory-archive-storage.js';

const directories: string[] = [];
afterAll(() => {
  for (const directory of directories) rmSync(directory, { recursive: true, force: true });
});
const freshDirectory = () => {
  const directory = mkdtempSync(join(tmpdir(), 'openbank-archive-storage-'));
  directories.push(directory);
  return directory;
};

describeArchiveStorageContract('DirectoryArchiveStorage', async () => new DirectoryArchiveStorage(freshDirectory()));

describe('DirectoryArchiveStorage', () => {
  it('keeps each blob as a file named by its key, and leaves no temporary file behind', async () => {
    const directory = freshDirectory();
    const storage = new DirectoryArchiveStorage(directory);
    await storage.put('account/account-1/0-1.ndjson.gz', Buffer.from('x'));
    expect(readdirSync(join(directory, 'account/account-1'))).toEqual(['0-1.ndjson.gz']);
    expect(storage.location).toBe(directory);
  });

  it('lists nothing for a directory that does not exist yet', async () => {
    expect(await new DirectoryArchiveStorage(join(freshDirectory(), 'not-yet')).list('')).toEqual([]);
  });
});
