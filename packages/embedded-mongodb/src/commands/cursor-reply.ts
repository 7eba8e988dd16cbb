import type { Document } from 'bson';
import { isPlainObject } from '../bson/bson-kind.js';
import { toNumber } from '../bson/bson-numbers.js';
import { CommandError, ErrorCode } from '../errors.js';
import type { ServerState } from './command-context.js';

export interface CursorOptions {
  readonly batchSize?: number;
  readonly singleBatch?: boolean;
  readonly noCursorTimeout?: boolean;
  readonly project?: (docs: Document[]) => Document[];
}

/** `{cursor: {firstBatch, id: Long, ns}, ok: 1}`; the id is an int64 even when 0, as the driver requires. */
export function cursorReply(state: ServerState, ns: string, docs: Document[], options: CursorOptions = {}): Document {
  const batch = state.cursors.open(ns, docs, options.batchSize, options.singleBatch ?? false, {
    noCursorTimeout: options.noCursorTimeout,
    project: options.project,
  });
  return { cursor: { firstBatch: batch.docs, id: batch.id, ns }, ok: 1 };
}

/** Reads `cursor: {batchSize}` of aggregate, listCollections and listIndexes. */
export function cursorBatchSize(body: Document, command: string, required: boolean): number | undefined {
  const cursor = body.cursor;
  if (cursor === undefined) {
    if (required) throw new CommandError(ErrorCode.FailedToParse, "The 'cursor' option is required, except for aggregate with the explain argument");
    return undefined;
  }
  if (!isPlainObject(cursor)) throw new CommandError(ErrorCode.TypeMismatch, `BSON field '${command}.cursor' is the wrong type, expected type 'object'`);
  if (cursor.batchSize === undefined) return undefined;
  const n = toNumber(cursor.batchSize);
  if (!(n >= 0)) throw new CommandError(ErrorCode.BadValue, 'batchSize must be non-negative');
  return n;
}
