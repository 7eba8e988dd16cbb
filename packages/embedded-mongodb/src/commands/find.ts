import type { Document } from 'bson';
import { Long } from 'bson';
import { bsonKind, isNumeric, isPlainObject } from '../bson/bson-kind.js';
import type { DocRecord } from '../storage/doc-record.js';
import { toNumber } from '../bson/bson-numbers.js';
import { CommandError, ErrorCode } from '../errors.js';
import { matchRecords } from '../query/find-executor.js';
import { compileProjection } from '../query/projection.js';
import { collectionName, nonNegative, optionalBoolean, optionalDocument, optionalNumber, requiredArray } from './arguments.js';
import type { CommandDefinition, CommandRequest } from './command-context.js';
import { cursorReply } from './cursor-reply.js';

function find(request: CommandRequest): Document {
  const { body, db, state } = request;
  const name = collectionName(body, 'find');
  const filter = optionalDocument(body, 'find', 'filter');
  const sort = optionalDocument(body, 'find', 'sort');
  const projection = optionalDocument(body, 'find', 'projection');
  const skip = nonNegative(body, 'find', 'skip');
  let limit = optionalNumber(body, 'find', 'limit');
  let singleBatch = optionalBoolean(body, 'find', 'singleBatch') ?? false;
  if (limit !== undefined && limit < 0) {
    // A negative limit means "one batch of at most |limit|".
    limit = -limit;
    singleBatch = true;
  }
  const batchSize = nonNegative(body, 'find', 'batchSize');
  const result = matchRecords(state.catalog.get(db, name), { filter, sort, skip, limit, hint: body.hint });
  const scored = withTextScores(result.records, projection, result.textScores);
  return cursorReply(state, `${db}.${name}`, scored.docs, {
    batchSize,
    singleBatch,
    noCursorTimeout: body.noCursorTimeout === true,
    project: compileProjection(scored.projection, result.filter.filter),
  });
}

/**
 * `{score: {$meta: 'textScore'}}` in a projection adds the `$text` score as a field without
 * making the projection an inclusion one: the field is added to the documents here and the
 * projection keeps it only where it would otherwise drop it.
 */
function withTextScores(records: DocRecord[], projection: Document | undefined, scores: Map<DocRecord, number> | undefined): { docs: Document[]; projection: Document | undefined } {
  const metaFields = Object.entries(projection ?? {}).filter(([, v]) => isPlainObject(v) && v.$meta === 'textScore').map(([k]) => k);
  if (metaFields.length === 0 || !projection) return { docs: records.map((r) => r.doc), projection };
  if (!scores) throw new CommandError(40218, 'query requires text score metadata, but it is not available');
  const rest: Document = {};
  for (const [k, v] of Object.entries(projection)) if (!metaFields.includes(k)) rest[k] = v;
  const inclusion = Object.entries(rest).some(([k, v]) => k !== '_id' && v !== 0 && v !== false);
  if (inclusion) for (const field of metaFields) rest[field] = 1;
  const docs = records.map((r) => {
    const doc: Document = { ...r.doc };
    for (const field of metaFields) doc[field] = scores.get(r) ?? 0;
    return doc;
  });
  return { docs, projection: rest };
}

function cursorId(value: unknown, field: string): bigint {
  if (bsonKind(value) === 'long') return BigInt((value as Long).toString());
  if (isNumeric(value)) return BigInt(Math.trunc(toNumber(value)));
  throw new CommandError(ErrorCode.TypeMismatch, `BSON field '${field}' is the wrong type '${bsonKind(value)}', expected type 'long'`);
}

function getMore(request: CommandRequest): Document {
  const { body, db, state } = request;
  const id = cursorId(body.getMore, 'getMore.getMore');
  if (typeof body.collection !== 'string') {
    throw new CommandError(ErrorCode.TypeMismatch, `BSON field 'getMore.collection' is the wrong type '${bsonKind(body.collection)}', expected type 'string'`);
  }
  const ns = `${db}.${body.collection}`;
  const owner = state.cursors.namespaceOf(id);
  if (owner === undefined) throw new CommandError(ErrorCode.CursorNotFound, `cursor id ${id} not found`);
  if (owner !== ns) {
    throw new CommandError(ErrorCode.Unauthorized, `Requested getMore on namespace '${ns}', but cursor belongs to a different namespace ${owner}`);
  }
  const batch = state.cursors.getMore(id, nonNegative(body, 'getMore', 'batchSize'));
  if (!batch) throw new CommandError(ErrorCode.CursorNotFound, `cursor id ${id} not found`);
  return { cursor: { nextBatch: batch.docs, id: batch.id, ns }, ok: 1 };
}

function killCursors(request: CommandRequest): Document {
  const { body, state } = request;
  const ids = requiredArray(body, 'killCursors', 'cursors');
  const cursorsKilled: Long[] = [];
  const cursorsNotFound: Long[] = [];
  for (const raw of ids) {
    const id = cursorId(raw, 'killCursors.cursors');
    (state.cursors.kill(id) ? cursorsKilled : cursorsNotFound).push(Long.fromBigInt(id));
  }
  return { cursorsKilled, cursorsNotFound, cursorsAlive: [], cursorsUnknown: [], ok: 1 };
}

export const findCommands: Record<string, CommandDefinition> = {
  find: { handler: find },
  getMore: { handler: getMore },
  killCursors: { handler: killCursors },
};
