import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open } from 'node:fs/promises';
import { dirname } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { BackedUpFile } from './backup-manifest.js';

/**
 * Copies the embedded KurrentDB's log while the server runs. The log is only ever appended to
 * (a scavenge writes a new file and renames it over the old one), so what it holds up to the size
 * it has when opened is a consistent store: the copy reads that much from that file, whatever
 * comes after. A commit being written then may be cut; the server drops such a last frame when it
 * opens the log (as after a crash), losing only what was not acknowledged before the backup.
 */
export async function copyEventLog(source: string, target: string, path: string): Promise<BackedUpFile> {
  const file = await open(source, 'r');
  try {
    const { size } = await file.stat();
    if (size === 0) throw new Error(`${source} is empty: not a KurrentDB log`);
    await mkdir(dirname(target), { recursive: true });
    const hash = createHash('sha256');
    const reader = createReadStream('', { fd: file.fd, start: 0, end: size - 1, autoClose: false });
    reader.on('data', (chunk) => hash.update(chunk));
    await pipeline(reader, createWriteStream(target));
    return { path, bytes: size, sha256: hash.digest('hex') };
  } finally {
    await file.close();
  }
}
