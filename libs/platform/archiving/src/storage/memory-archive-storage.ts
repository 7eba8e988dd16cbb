import { assertValidKey, type ArchiveStorage } from './archive-storage.port.js';

/** Archives in memory: for specs and for runs that keep nothing (it passes the storage contract spec). */
export class MemoryArchiveStorage implements ArchiveStorage {
  readonly location = 'memory:';
  private readonly blobs = new Map<string, Buffer>();

  async put(key: string, content: Buffer): Promise<void> {
    assertValidKey(key);
    this.blobs.set(key, Buffer.from(content));
  }

  async get(key: string): Promise<Buffer | undefined> {
    assertValidKey(key);
    const blob = this.blobs.get(key);
    return blob && Buffer.from(blob);
  }

  async list(prefix: string, { after, limit }: { after?: string; limit?: number } = {}): Promise<string[]> {
    const keys = [...this.blobs.keys()].filter((key) => key.startsWith(prefix) && (after === undefined || key > after)).sort();
    return limit === undefined ? keys : keys.slice(0, limit);
  }

  async delete(key: string): Promise<void> {
    this.blobs.delete(key);
  }
}
