const DEFAULT_SEGMENT_SIZE = 8 * 1024 * 1024;

/**
 * Holds the log's bytes in a few large buffers. Frames never straddle two segments, so a record
 * is addressed by (segment, offset) and read in place.
 */
export class SegmentArena {
  readonly segments: Buffer[] = [];
  private used = 0;
  /** Bytes used in every segment but the last. */
  private filled = 0;

  constructor(private readonly segmentSize = DEFAULT_SEGMENT_SIZE) {}

  /** Finds room for `size` bytes at the end; nothing is kept until `commit`. */
  reserve(size: number): { segment: number; offset: number; buffer: Buffer } {
    const last = this.segments.length - 1;
    if (last < 0 || this.segments[last].length - this.used < size) {
      // allocUnsafeSlow: these buffers live as long as the store, they must not pin Node's shared pool.
      this.segments.push(Buffer.allocUnsafeSlow(Math.max(this.segmentSize, size)));
      this.filled += this.used;
      this.used = 0;
    }
    const segment = this.segments.length - 1;
    return { segment, offset: this.used, buffer: this.segments[segment] };
  }

  commit(size: number): void {
    this.used += size;
  }

  /** Bytes in use over all segments (a full segment's unused tail excluded). */
  usedBytes(): number {
    return this.filled + this.used;
  }

  /** Takes over the segments of a compacted log; appends continue after `usedInLast` in the last one. */
  replace(segments: Buffer[], usedInLast: number, usedBefore: number[]): void {
    this.segments.splice(0, this.segments.length, ...segments);
    this.used = usedInLast;
    this.filled = usedBefore.slice(0, -1).reduce((sum, bytes) => sum + bytes, 0);
  }

  /** Takes over a buffer filled by recovery; appends continue in its free tail. */
  adopt(buffer: Buffer): number {
    this.segments.push(buffer);
    this.filled += this.used;
    this.used = 0;
    return this.segments.length - 1;
  }
}
