import * as fs from 'node:fs';
import * as path from 'node:path';
import { DataDirectoryError } from './data-directory-error.js';

export const LOCK_FILE = 'LOCK';

/** Directories locked by this process: a pid check cannot tell two servers of one process apart. */
const lockedHere = new Set<string>();

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Keeps two servers off one directory. The lock is a file holding the owner's pid, so a lock left
 * by a killed server (the crash this log is built to survive) is taken over instead of blocking.
 */
export function lockDirectory(directory: string): () => void {
  const resolved = path.resolve(directory);
  const lockPath = path.join(resolved, LOCK_FILE);
  if (lockedHere.has(resolved)) {
    throw new DataDirectoryError(`data directory ${resolved} is already in use by this process`);
  }
  try {
    const owner = Number.parseInt(fs.readFileSync(lockPath, 'utf8'), 10);
    if (Number.isInteger(owner) && owner !== process.pid && isAlive(owner)) {
      throw new DataDirectoryError(`data directory ${resolved} is in use by process ${owner} (see ${lockPath})`);
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  fs.writeFileSync(lockPath, String(process.pid));
  lockedHere.add(resolved);
  return () => {
    lockedHere.delete(resolved);
    fs.rmSync(lockPath, { force: true });
  };
}
