import type { EventStore } from '../store/event-store.js';
import { isVisible, visibleRange } from '../streams/stream-visibility.js';

/**
 * Which records a scavenge removes, by the rules of the real server's scavenge: every event a
 * stream read can no longer return (below `$tb`, beyond `$maxCount`, older than `$maxAge`, all of
 * a soft-deleted stream, older metadata of a `$$` stream), except the last event of each stream,
 * which keeps the stream's revision; and every event of a tombstoned stream, whose tombstone
 * stays. Returns one byte per record number (1 = remove) and how many there are.
 */
export function planScavenge(store: EventStore, nowMs: number): { dropped: Uint8Array; count: number } {
  const dropped = new Uint8Array(store.records.count);
  let count = 0;
  const drop = (record: number) => {
    if (record < 0 || store.isScavenged(record) || dropped[record]) return;
    dropped[record] = 1;
    count++;
  };
  for (const stream of store.allStreams()) {
    const last = stream.lastRevision;
    if (last < 0) continue;
    if (stream.isTombstoned) {
      for (const record of stream.records) drop(record);
      continue;
    }
    const range = visibleRange(stream, nowMs);
    for (let revision = 0; revision < last; revision++) {
      if (!isVisible(store, stream, revision, range)) drop(stream.records[revision]);
    }
  }
  return { dropped, count };
}
