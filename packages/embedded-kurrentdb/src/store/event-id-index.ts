/**
 * Event id → record, for idempotent appends. An open-addressing table of record numbers in one
 * Int32Array: the ids themselves stay in the log bytes, the table only points at them.
 */
export class EventIdIndex {
  private slots = new Int32Array(1 << 12);
  private used = 0;

  constructor(
    /** Hash of the id stored in record `record`, used when the table grows. */
    private readonly hashOfRecord: (record: number) => number,
    /** Whether record `record` belongs to `streamId` and carries `id`. */
    private readonly recordMatches: (record: number, streamId: number, id: Buffer) => boolean,
  ) {}

  static hash(id: Buffer, offset = 0): number {
    const mixed =
      id.readUInt32LE(offset) ^
      Math.imul(id.readUInt32LE(offset + 4), 0x9e3779b1) ^
      Math.imul(id.readUInt32LE(offset + 8), 0x85ebca77) ^
      id.readUInt32LE(offset + 12);
    return (mixed ^ (mixed >>> 16)) >>> 0;
  }

  add(record: number, hash: number): void {
    if ((this.used + 1) * 2 > this.slots.length) this.grow();
    this.place(this.slots, record, hash);
    this.used++;
  }

  /** The first record of `streamId` with this id, or -1. */
  find(streamId: number, id: Buffer): number {
    const mask = this.slots.length - 1;
    for (let slot = EventIdIndex.hash(id) & mask; ; slot = (slot + 1) & mask) {
      const entry = this.slots[slot];
      if (entry === 0) return -1;
      if (this.recordMatches(entry - 1, streamId, id)) return entry - 1;
    }
  }

  private place(slots: Int32Array, record: number, hash: number): void {
    const mask = slots.length - 1;
    let slot = hash & mask;
    while (slots[slot] !== 0) slot = (slot + 1) & mask;
    slots[slot] = record + 1;
  }

  private grow(): void {
    const next = new Int32Array(this.slots.length * 2);
    for (const entry of this.slots) {
      if (entry !== 0) this.place(next, entry - 1, this.hashOfRecord(entry - 1));
    }
    this.slots = next;
  }
}
