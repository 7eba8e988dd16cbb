import type { Binary, Document } from 'bson';

/** One durable change; the journal stores them in order and recovery replays them. */
export type ChangeOp =
  | { op: 'createCollection'; db: string; coll: string; options: Document; uuid: Binary }
  | { op: 'dropCollection'; db: string; coll: string }
  | { op: 'dropDatabase'; db: string }
  | { op: 'createIndex'; db: string; coll: string; spec: Document }
  | { op: 'dropIndex'; db: string; coll: string; name: string }
  | { op: 'replaceIndex'; db: string; coll: string; spec: Document }
  | { op: 'setOptions'; db: string; coll: string; options: Document }
  | { op: 'insert'; db: string; coll: string; doc: Document }
  | { op: 'replace'; db: string; coll: string; doc: Document }
  | { op: 'delete'; db: string; coll: string; id: unknown };

/** Where the catalog reports its changes: nowhere in memory mode, the journal with a data directory. */
export interface ChangeSink {
  record(change: ChangeOp): void;
}

export const DISCARD_CHANGES: ChangeSink = { record: () => undefined };
