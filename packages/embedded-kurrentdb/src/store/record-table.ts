import { RECORD_FLAG_TOMBSTONE } from '../log/log-format.js';

/**
 * One row per record in log order, in typed arrays: a million events cost ~29 bytes each here
 * instead of a JS object each, and a record is found by index in O(1) or by position in O(log n).
 */
export class RecordTable {
  count = 0;
  position = new Float64Array(1024);
  segment = new Uint32Array(1024);
  offset = new Uint32Array(1024);
  streamId = new Uint32Array(1024);
  revision = new Uint32Array(1024);
  typeId = new Uint32Array(1024);
  flags = new Uint8Array(1024);

  push(position: number, segment: number, offset: number, streamId: number, revision: number, typeId: number, flags: number): number {
    if (this.count === this.position.length) this.grow();
    const i = this.count++;
    this.position[i] = position;
    this.segment[i] = segment;
    this.offset[i] = offset;
    this.streamId[i] = streamId;
    // Tombstones carry i64 max, which only the flag can express; the column keeps 0 for them.
    this.revision[i] = flags & RECORD_FLAG_TOMBSTONE ? 0 : revision;
    this.typeId[i] = typeId;
    this.flags[i] = flags;
    return i;
  }

  /** Index of the first record whose position is >= `position` (count when there is none). */
  firstAtOrAfter(position: number): number {
    let low = 0;
    let high = this.count;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.position[mid] < position) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  private grow(): void {
    const size = this.position.length * 2;
    const grown = <T extends Float64Array | Uint32Array | Uint8Array>(old: T, make: (n: number) => T): T => {
      const next = make(size);
      next.set(old);
      return next;
    };
    this.position = grown(this.position, (n) => new Float64Array(n));
    this.segment = grown(this.segment, (n) => new Uint32Array(n));
    this.offset = grown(this.offset, (n) => new Uint32Array(n));
    this.streamId = grown(this.streamId, (n) => new Uint32Array(n));
    this.revision = grown(this.revision, (n) => new Uint32Array(n));
    this.typeId = grown(this.typeId, (n) => new Uint32Array(n));
    this.flags = grown(this.flags, (n) => new Uint8Array(n));
  }
}
