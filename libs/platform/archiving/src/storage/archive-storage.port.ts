/**
 * Cold storage for archives: named blobs (keys are `/`-separated paths), written whole or not at
 * all. A directory by default; an S3-compatible bucket where configured. Both adapters pass the
 * same contract spec (`archive-storage.contract.ts`).
 */
export interface ArchiveStorage {
  /** Where the archives are, for people: a directory's path, `s3://bucket/prefix`. */
  readonly location: string;
  /** Writes the blob, replacing one of the same key; a reader sees the old blob or the new one, never a part. */
  put(key: string, content: Buffer): Promise<void>;
  /** The blob, or undefined when there is none. */
  get(key: string): Promise<Buffer | undefined>;
  /** The keys under a prefix (`''`: every key), in ascending order, from after `after` when given, at most `limit`. */
  list(prefix: string, options?: { readonly after?: string; readonly limit?: number }): Promise<string[]>;
  /** Removes the blob; nothing happens when there is none. */
  delete(key: string): Promise<void>;
}

export const ARCHIVE_STORAGE = Symbol('ARCHIVE_STORAGE');

/** Keys are relative paths of plain names: no empty part, no `.` or `..`, no backslash. */
export function assertValidKey(key: string): void {
  const parts = key.split('/');
  if (key.length === 0 || key.length > 900 || parts.some((part) => part === '' || part === '.' || part === '..') || /[\\\0]/.test(key)) {
    throw new Error(`invalid archive key: ${JSON.stringify(key)}`);
  }
}
