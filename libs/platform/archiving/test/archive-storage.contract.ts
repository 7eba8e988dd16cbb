import type { ArchiveStorage } from '../src/storage/archive-storage.port.js';

/** What every archive storage does (the directory, the S3 bucket, memory): one contract, run against each. */
export function describeArchiveStorageContract(name: string, start: () => Promise<ArchiveStorage>): void {
  describe(`${name} (archive storage contract)`, () => {
    let storage: ArchiveStorage;

    beforeEach(async () => {
      storage = await start();
    });

    it('gives back what was put, byte for byte, and nothing for a key never put', async () => {
      const content = Buffer.from([0x1f, 0x8b, 0, 255, 10]);
      await storage.put('account/account-1/000000000000-000000000041.ndjson.gz', content);
      expect(await storage.get('account/account-1/000000000000-000000000041.ndjson.gz')).toEqual(content);
      expect(await storage.get('account/account-2/000000000000-000000000041.ndjson.gz')).toBeUndefined();
    });

    it('replaces a blob put again under the same key', async () => {
      await storage.put('a/b', Buffer.from('first'));
      await storage.put('a/b', Buffer.from('second'));
      expect((await storage.get('a/b'))?.toString()).toBe('second');
    });

    it('lists keys under a prefix in ascending order, from after a key, at most a limit', async () => {
      for (const key of ['b/2', 'a/3', 'b/1', 'a/1', 'a/2', 'c/1']) await storage.put(key, Buffer.from(key));
      expect(await storage.list('')).toEqual(['a/1', 'a/2', 'a/3', 'b/1', 'b/2', 'c/1']);
      expect(await storage.list('a/')).toEqual(['a/1', 'a/2', 'a/3']);
      expect(await storage.list('', { after: 'a/2', limit: 3 })).toEqual(['a/3', 'b/1', 'b/2']);
      expect(await storage.list('b/', { limit: 1 })).toEqual(['b/1']);
      expect(await storage.list('d/')).toEqual([]);
    });

    it('deletes a blob, and deleting one that is not there is no error', async () => {
      await storage.put('a/b', Buffer.from('x'));
      await storage.delete('a/b');
      await storage.delete('a/b');
      expect(await storage.get('a/b')).toBeUndefined();
      expect(await storage.list('')).toEqual([]);
    });

    it('refuses keys that are not relative paths of plain names', async () => {
      for (const key of ['', '/a', 'a//b', '../a', 'a/./b', 'a\\b', 'a/']) await expect(storage.put(key, Buffer.from('x'))).rejects.toThrow(/invalid archive key/);
      await expect(storage.get('../outside')).rejects.toThrow(/invalid archive key/);
    });
  });
}
