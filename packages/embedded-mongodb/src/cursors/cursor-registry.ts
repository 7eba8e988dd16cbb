import { randomBytes } from 'node:crypto';
import { calculateObjectSize, Long, type Document } from 'bson';
import { MAX_BSON_OBJECT_SIZE } from '../wire/protocol.js';

/** Default first batch of find/aggregate/listCollections/listIndexes, as in MongoDB. */
const DEFAULT_FIRST_BATCH = 101;
/** Room left in a 16 MiB reply for the envelope around the batch. */
const BATCH_BYTES = MAX_BSON_OBJECT_SIZE - 64 * 1024;

interface ServerCursor {
  readonly id: bigint;
  readonly ns: string;
  /** The remaining results: immutable document references taken when the cursor was opened. */
  readonly docs: Document[];
  position: number;
  lastUsed: number;
  readonly noCursorTimeout: boolean;
  /** Applied per batch (e.g. a projection), so a large result is only transformed as it is fetched. */
  readonly project: (docs: Document[]) => Document[];
}

export interface Batch {
  readonly docs: Document[];
  /** 0 when the cursor is exhausted or closed. */
  readonly id: Long;
}

/** Open cursors by int64 id, with batching by count and size, and an idle timeout. */
export class CursorRegistry {
  private readonly cursors = new Map<bigint, ServerCursor>();
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly idleTimeoutMs: number) {
    this.timer = setInterval(() => this.sweep(Date.now()), Math.max(10, Math.min(idleTimeoutMs / 2, 60_000)));
    this.timer.unref();
  }

  /** Returns the first batch; keeps a cursor only when results remain and more may be fetched. */
  open(
    ns: string,
    docs: Document[],
    batchSize: number | undefined,
    singleBatch: boolean,
    options: { noCursorTimeout?: boolean; project?: (docs: Document[]) => Document[] } = {},
  ): Batch {
    const cursor: ServerCursor = {
      id: 0n,
      ns,
      docs,
      position: 0,
      lastUsed: Date.now(),
      noCursorTimeout: options.noCursorTimeout ?? false,
      project: options.project ?? ((d) => d),
    };
    const first = takeBatch(cursor, batchSize ?? DEFAULT_FIRST_BATCH);
    if (singleBatch || cursor.position >= docs.length) return { docs: first, id: Long.ZERO };
    const id = this.newId();
    this.cursors.set(id, { ...cursor, id });
    return { docs: first, id: Long.fromBigInt(id) };
  }

  /** The next batch, or undefined when the id is unknown (the caller answers CursorNotFound). */
  getMore(id: bigint, batchSize: number | undefined): (Batch & { ns: string }) | undefined {
    const cursor = this.cursors.get(id);
    if (!cursor) return undefined;
    cursor.lastUsed = Date.now();
    const docs = takeBatch(cursor, batchSize && batchSize > 0 ? batchSize : Infinity);
    if (cursor.position >= cursor.docs.length) {
      this.cursors.delete(id);
      return { docs, id: Long.ZERO, ns: cursor.ns };
    }
    return { docs, id: Long.fromBigInt(id), ns: cursor.ns };
  }

  namespaceOf(id: bigint): string | undefined {
    return this.cursors.get(id)?.ns;
  }

  kill(id: bigint): boolean {
    return this.cursors.delete(id);
  }

  /** Drops every cursor over a namespace (`db.coll`) or, with a trailing dot, a whole database. */
  killMatching(prefix: string): void {
    for (const [id, cursor] of this.cursors) {
      if (prefix.endsWith('.') ? cursor.ns.startsWith(prefix) : cursor.ns === prefix) this.cursors.delete(id);
    }
  }

  get openCount(): number {
    return this.cursors.size;
  }

  /** Kills cursors idle for longer than the timeout; public so tests need not wait for the timer. */
  sweep(now: number): number {
    let killed = 0;
    for (const [id, cursor] of this.cursors) {
      if (!cursor.noCursorTimeout && now - cursor.lastUsed > this.idleTimeoutMs) {
        this.cursors.delete(id);
        killed++;
      }
    }
    return killed;
  }

  close(): void {
    clearInterval(this.timer);
    this.cursors.clear();
  }

  private newId(): bigint {
    for (;;) {
      const id = randomBytes(8).readBigUInt64LE() & 0x7fffffffffffffffn;
      if (id !== 0n && !this.cursors.has(id)) return id;
    }
  }
}

function takeBatch(cursor: ServerCursor, limit: number): Document[] {
  const out: Document[] = [];
  let bytes = 0;
  while (cursor.position < cursor.docs.length && out.length < limit) {
    // Project in small slices so the size limit is measured on what is actually sent.
    const slice = cursor.project(cursor.docs.slice(cursor.position, cursor.position + Math.min(limit - out.length, 256)));
    let used = 0;
    for (const doc of slice) {
      const size = calculateObjectSize(doc);
      if (out.length > 0 && bytes + size > BATCH_BYTES) break;
      out.push(doc);
      bytes += size;
      used++;
    }
    cursor.position += used;
    if (used < slice.length) break;
  }
  return out;
}
