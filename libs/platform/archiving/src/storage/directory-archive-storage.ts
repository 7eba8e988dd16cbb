import { randomUUID } from 'node:crypto';
import { closeSync, fsyncSync, openSync } from 'node:fs';
import { mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { assertValidKey, type ArchiveStorage } from './archive-storage.port.js';

/**
 * Archives as files under a directory, one per key (`<dir>/<key>`). A blob is written to a
 * temporary file, synced, then renamed over its name and the directory synced: a crash leaves the
 * old file or the new one. Temporary files (`.tmp-…`) are never listed.
 */
export class DirectoryArchiveStorage implements ArchiveStorage {
  readonly location: string;

  constructor(directory: string) {
    this.location = resolve(directory);
  }

  async put(key: string, content: Buffer): Promise<void> {
    const path = this.pathOf(key);
    await mkdir(dirname(path), { recursive: true });
    const temporary = join(dirname(path), `.tmp-${randomUUID()}`);
    try {
      await writeFile(temporary, content);
      syncPath(temporary);
      await rename(temporary, path);
      syncPath(dirname(path));
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
  }

  async get(key: string): Promise<Buffer | undefined> {
    try {
      return await readFile(this.pathOf(key));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  async list(prefix: string, { after, limit }: { after?: string; limit?: number } = {}): Promise<string[]> {
    const keys: string[] = [];
    await this.walk(this.location, keys);
    const matching = keys.filter((key) => key.startsWith(prefix) && (after === undefined || key > after)).sort();
    return limit === undefined ? matching : matching.slice(0, limit);
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  private pathOf(key: string): string {
    assertValidKey(key);
    const path = resolve(this.location, key);
    if (!path.startsWith(this.location + sep)) throw new Error(`invalid archive key: ${JSON.stringify(key)}`);
    return path;
  }

  private async walk(directory: string, keys: string[]): Promise<void> {
    let entries;
    try {
      entries = await readdir(directory, { withFileTypes: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    for (const entry of entries) {
      const path = join(directory, entry.name);
      if (entry.isDirectory()) await this.walk(path, keys);
      else if (entry.isFile() && !entry.name.startsWith('.tmp-')) keys.push(relative(this.location, path).split(sep).join('/'));
    }
  }
}

function syncPath(path: string): void {
  const descriptor = openSync(path, 'r');
  try {
    fsyncSync(descriptor);
  } finally {
    closeSync(descriptor);
  }
}
