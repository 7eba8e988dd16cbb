import { relocatedFrameSize, writeRelocatedFrame, type Definition, type RelocatedRecord } from '../log/log-format.js';
import type { EventStore } from './event-store.js';

const SEGMENT_SIZE = 8 * 1024 * 1024;
/** Record bytes per relocated frame: big enough to keep frames few, small enough to read in one block. */
const FRAME_RECORD_BYTES = 4 * 1024 * 1024;

export interface Layout {
  segments: Buffer[];
  /** Bytes used in each segment. */
  used: number[];
  usedInLast: number;
  placements: { record: number; segment: number; offset: number }[];
}

/**
 * Lays out the store's kept records as a scavenged log: one frame with every definition (so
 * stream and type ids stay what they are), then the records in log order in relocated frames
 * that carry their positions. The result is both the new memory of the store and the new file.
 */
export function relocate(store: EventStore, definitions: Definition[], nextCommitOffset: number): Layout {
  const segments: Buffer[] = [];
  const used: number[] = [];
  const placements: Layout['placements'] = [];
  const room = (size: number): { segment: number; offset: number } => {
    const last = segments.length - 1;
    if (last < 0 || segments[last].length - used[last] < size) {
      segments.push(Buffer.allocUnsafeSlow(Math.max(SEGMENT_SIZE, size)));
      used.push(0);
    }
    const segment = segments.length - 1;
    const offset = used[segment];
    used[segment] += size;
    return { segment, offset };
  };
  const writeFrame = (frameDefinitions: Definition[], records: RelocatedRecord[], numbers: number[]) => {
    const { segment, offset } = room(relocatedFrameSize(frameDefinitions, records));
    const offsets = writeRelocatedFrame(segments[segment], offset, frameDefinitions, records, nextCommitOffset);
    offsets.forEach((recordOffset, i) => placements.push({ record: numbers[i], segment, offset: offset + recordOffset }));
  };

  writeFrame(definitions, [], []);
  let pending: RelocatedRecord[] = [];
  let numbers: number[] = [];
  let pendingBytes = 0;
  const { records } = store;
  for (let record = 0; record < records.count; record++) {
    if (store.isScavenged(record)) continue;
    const bytes = store.recordBytes(record);
    if (pending.length > 0 && pendingBytes + bytes.length > FRAME_RECORD_BYTES) {
      writeFrame([], pending, numbers);
      pending = [];
      numbers = [];
      pendingBytes = 0;
    }
    pending.push({ bytes, position: records.position[record] });
    numbers.push(record);
    pendingBytes += bytes.length;
  }
  if (pending.length > 0) writeFrame([], pending, numbers);
  return { segments, used, usedInLast: used[used.length - 1], placements };
}
