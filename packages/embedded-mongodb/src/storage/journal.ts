import { closeSync, fdatasyncSync, openSync, writeSync } from 'node:fs';
import type { ChangeOp, ChangeSink } from './change-log.js';
import { encodeRecord } from './record-file.js';

/**
 * Append-only log of changes. Changes of one command are buffered and written with a single
 * write() before the reply is sent, so an acknowledged write survives kill -9 (the bytes are in
 * the OS page cache); `sync` adds an fdatasync per command for power-loss durability.
 */
export class Journal implements ChangeSink {
  private pending: Buffer[] = [];
  private fd: number;
  private bytes: number;

  constructor(
    readonly path: string,
    existingBytes: number,
    private readonly sync: boolean,
  ) {
    this.fd = openSync(path, 'a');
    this.bytes = existingBytes;
  }

  get size(): number {
    return this.bytes;
  }

  record(change: ChangeOp): void {
    this.pending.push(encodeRecord(change));
  }

  /** Makes every change recorded so far durable (in one write). */
  commit(): void {
    if (this.pending.length === 0) return;
    const data = this.pending.length === 1 ? this.pending[0] : Buffer.concat(this.pending);
    this.pending = [];
    let written = 0;
    while (written < data.length) written += writeSync(this.fd, data, written, data.length - written);
    this.bytes += data.length;
    if (this.sync) fdatasyncSync(this.fd);
  }

  close(): void {
    this.commit();
    closeSync(this.fd);
  }
}
