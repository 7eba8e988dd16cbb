import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { EventStore, LogSink } from '../store/event-store.js';
import { DataDirectoryError } from './data-directory-error.js';
import { LOCK_FILE, lockDirectory } from './directory-lock.js';
import {
  checkFrame,
  declaredFrameSize,
  FILE_HEADER_SIZE,
  FILE_MAGIC,
  fileHeaderProblem,
  FRAME_HEADER_SIZE,
  MAX_FRAME_BODY,
  SCAVENGED_FORMAT_VERSION,
  writeFileHeader,
} from './log-format.js';

export const LOG_FILE = 'kurrentdb.log';
const READ_BLOCK = 32 * 1024 * 1024;

export type Durability = 'write' | 'fsync';

export interface RecoveryReport {
  frames: number;
  bytes: number;
  /** Bytes of an incomplete last frame that were cut off (a write the crash interrupted). */
  truncatedBytes: number;
}

/**
 * The append-only log of a data directory. Each commit is written with one positional write
 * before it is acknowledged, so a killed process loses nothing it acknowledged (the bytes are in
 * the kernel's page cache). With `fsync` durability an acknowledgement also waits for fdatasync;
 * concurrent appends share one sync.
 */
export class LogFile implements LogSink {
  private size: number;
  private syncing: Promise<void> | undefined;
  private queuedSync: Promise<void> | undefined;
  private closed = false;

  private constructor(
    private fd: number,
    size: number,
    private readonly durability: Durability,
    private readonly unlock: () => void,
    private readonly logPath: string,
  ) {
    this.size = size;
  }

  /**
   * Opens (or creates) the log in `directory` and replays it into `store`. Refuses a directory
   * that holds something else, and a log that is damaged anywhere but in its last frame.
   */
  static open(directory: string, store: EventStore, durability: Durability): { log: LogFile; report: RecoveryReport } {
    const resolved = path.resolve(directory);
    ensureDirectory(resolved);
    const logPath = path.join(resolved, LOG_FILE);
    if (!fs.existsSync(logPath)) {
      const foreign = fs.readdirSync(resolved).filter((entry) => entry !== LOCK_FILE);
      if (foreign.length > 0) {
        throw new DataDirectoryError(
          `data directory ${resolved} is not empty and holds no ${LOG_FILE} (found: ${foreign.slice(0, 5).join(', ')}); ` +
            'refusing to start an empty store over it',
        );
      }
    }
    const unlock = lockDirectory(resolved);
    let fd: number | undefined;
    try {
      // What a scavenge interrupted before its rename: the log itself is intact.
      fs.rmSync(`${logPath}.scavenge`, { force: true });
      const created = !fs.existsSync(logPath);
      fd = fs.openSync(logPath, fs.constants.O_RDWR | fs.constants.O_CREAT);
      const size = prepareHeader(fd, logPath);
      if (created) syncDirectory(resolved);
      const { report, end } = recover(fd, size, store, logPath);
      if (end < size) {
        fs.ftruncateSync(fd, end);
        fs.fsyncSync(fd);
      }
      const log = new LogFile(fd, end, durability, unlock, logPath);
      return { log, report };
    } catch (error) {
      if (fd !== undefined) fs.closeSync(fd);
      unlock();
      throw error;
    }
  }

  append(frame: Buffer): void {
    if (this.closed) throw new Error('the log is closed');
    let written = 0;
    try {
      while (written < frame.length) {
        written += fs.writeSync(this.fd, frame, written, frame.length - written, this.size + written);
      }
    } catch (error) {
      // Leave no partial frame behind: the next commit must start on a frame boundary.
      fs.ftruncateSync(this.fd, this.size);
      throw error;
    }
    this.size += frame.length;
  }

  sync(): Promise<void> | undefined {
    if (this.durability !== 'fsync') return undefined;
    if (!this.syncing) return this.startSync();
    // The running sync may have started before this caller's write: the next one covers it,
    // and every caller arriving meanwhile shares that one.
    this.queuedSync ??= this.syncing
      .then(
        () => undefined,
        () => undefined,
      )
      .then(() => {
        this.queuedSync = undefined;
        return this.startSync();
      });
    return this.queuedSync;
  }

  /**
   * Replaces the log with `content` (a scavenged log): written to a temporary file, synced, then
   * renamed over the log, so a crash at any point leaves either the old log or the new one.
   */
  rewrite(content: Buffer[]): void {
    if (this.closed) throw new Error('the log is closed');
    const temporary = `${this.logPath}.scavenge`;
    const header = Buffer.alloc(FILE_HEADER_SIZE);
    fs.readSync(this.fd, header, 0, FILE_HEADER_SIZE, 0);
    const fd = fs.openSync(temporary, fs.constants.O_RDWR | fs.constants.O_CREAT | fs.constants.O_TRUNC);
    let size = 0;
    try {
      for (const chunk of [writeFileHeader(header.subarray(16, 32), SCAVENGED_FORMAT_VERSION), ...content]) {
        let written = 0;
        while (written < chunk.length) written += fs.writeSync(fd, chunk, written, chunk.length - written, size + written);
        size += chunk.length;
      }
      fs.fsyncSync(fd);
      fs.renameSync(temporary, this.logPath);
      syncDirectory(path.dirname(this.logPath));
    } catch (error) {
      fs.closeSync(fd);
      fs.rmSync(temporary, { force: true });
      throw error;
    }
    // An fdatasync of the old file may still be running: close that file only once it is done.
    const old = this.fd;
    const closeOld = () => fs.closeSync(old);
    if (this.syncing) this.syncing.then(closeOld, closeOld);
    else closeOld();
    this.fd = fd;
    this.size = size;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    fs.fsyncSync(this.fd);
    fs.closeSync(this.fd);
    this.unlock();
  }

  private startSync(): Promise<void> {
    const running = new Promise<void>((resolve, reject) => fs.fdatasync(this.fd, (error) => (error ? reject(error) : resolve())));
    this.syncing = running;
    const settled = () => {
      if (this.syncing === running) this.syncing = undefined;
    };
    running.then(settled, settled);
    return running;
  }
}

/** Makes a newly created file's directory entry durable too. */
function syncDirectory(directory: string): void {
  const fd = fs.openSync(directory, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

function ensureDirectory(directory: string): void {
  try {
    const stat = fs.statSync(directory);
    if (!stat.isDirectory()) throw new DataDirectoryError(`data directory ${directory} exists and is not a directory`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    fs.mkdirSync(directory, { recursive: true });
  }
}

/** Writes the header of a new log, or checks the header of an existing one; returns the file size. */
function prepareHeader(fd: number, logPath: string): number {
  const size = fs.fstatSync(fd).size;
  if (size < FILE_HEADER_SIZE) {
    // Only a log whose creation was interrupted is this short: it is all header prefix, no data.
    const existing = Buffer.alloc(size);
    fs.readSync(fd, existing, 0, size, 0);
    const prefix = FILE_MAGIC.subarray(0, Math.min(size, FILE_MAGIC.length));
    if (!existing.subarray(0, prefix.length).equals(prefix)) {
      throw new DataDirectoryError(`${logPath} is not an embedded KurrentDB log: it does not start with its signature`);
    }
    fs.writeSync(fd, writeFileHeader(randomBytes(16)), 0, FILE_HEADER_SIZE, 0);
    fs.ftruncateSync(fd, FILE_HEADER_SIZE);
    fs.fsyncSync(fd);
    return FILE_HEADER_SIZE;
  }
  const header = Buffer.alloc(FILE_HEADER_SIZE);
  fs.readSync(fd, header, 0, FILE_HEADER_SIZE, 0);
  const problem = fileHeaderProblem(header);
  if (problem) throw new DataDirectoryError(`${logPath} is not an embedded KurrentDB log: ${problem}`);
  return size;
}

/**
 * Reads the log in large blocks that become the store's memory as they are (no second copy).
 * A frame that does not fit the rest of a block is carried to the next one.
 */
function recover(fd: number, size: number, store: EventStore, logPath: string): { report: RecoveryReport; end: number } {
  let offset = FILE_HEADER_SIZE; // file offset of the next frame
  let readAt = FILE_HEADER_SIZE; // file offset of the next byte to read
  let carry = Buffer.alloc(0);
  let frames = 0;
  const torn = () => ({ report: { frames, bytes: offset, truncatedBytes: size - offset }, end: offset });
  for (;;) {
    if (readAt >= size) {
      // Bytes left over here are an incomplete last frame: the process died while writing it,
      // so it was never acknowledged.
      return carry.length === 0 ? { report: { frames, bytes: offset, truncatedBytes: 0 }, end: offset } : torn();
    }
    const needed = carry.length >= FRAME_HEADER_SIZE ? declaredFrameSize(carry, 0) : 0;
    const block = Buffer.allocUnsafeSlow(Math.min(Math.max(READ_BLOCK, needed), carry.length + (size - readAt)));
    carry.copy(block, 0);
    let filled = carry.length;
    while (filled < block.length) {
      const read = fs.readSync(fd, block, filled, block.length - filled, readAt);
      if (read === 0) break;
      filled += read;
      readAt += read;
    }
    const segment = store.adoptRecoveredBlock(block);
    let at = 0;
    for (;;) {
      const check = checkFrame(block, at, filled - at);
      if (check.kind === 'incomplete') break;
      if (check.kind === 'bad') {
        if (isTornTail(fd, block, at, filled, offset, size)) return torn();
        throw new DataDirectoryError(
          `${logPath} is corrupt at byte ${offset} (${check.reason}) with intact data after it; ` +
            'refusing to start (move the file away to start empty, or restore it from a backup)',
        );
      }
      store.applyFrame(segment, at);
      at += check.size;
      offset += check.size;
      frames++;
    }
    carry = Buffer.from(block.subarray(at, filled));
  }
}

/**
 * A damaged frame is a torn write only if nothing intact follows it: either it is the last frame
 * or the rest of the file is zeros (space a crash allocated but never filled).
 */
function isTornTail(fd: number, block: Buffer, at: number, filled: number, offset: number, size: number): boolean {
  const available = filled - at;
  if (available >= FRAME_HEADER_SIZE) {
    const declared = declaredFrameSize(block, at);
    if (declared <= FRAME_HEADER_SIZE + MAX_FRAME_BODY && offset + declared >= size) return true;
  }
  const rest = Buffer.alloc(Math.min(size - offset, READ_BLOCK));
  for (let position = offset; position < size; position += rest.length) {
    const read = fs.readSync(fd, rest, 0, Math.min(rest.length, size - position), position);
    for (let i = 0; i < read; i++) if (rest[i] !== 0) return false;
  }
  return true;
}
