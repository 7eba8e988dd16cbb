import type { Document } from 'bson';

/**
 * One stored document. `doc` is never mutated: a write swaps in a new object, so cursors and
 * snapshots that hold the old reference keep a consistent image without copying.
 * `seq` is the insertion order ($natural order and the index tie-break, like a RecordId).
 */
export interface DocRecord {
  readonly seq: number;
  doc: Document;
}
