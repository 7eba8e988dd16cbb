import type { Document } from 'bson';
import { compareValues } from '../bson/bson-compare.js';
import { valueHash } from '../bson/bson-hash.js';
import { isPlainObject } from '../bson/bson-kind.js';
import { CommandError, ErrorCode } from '../errors.js';
import { matchRecords } from '../query/find-executor.js';
import { collectionName, nonNegative, optionalDocument, optionalNumber } from './arguments.js';
import type { CommandDefinition, CommandRequest } from './command-context.js';

function count(request: CommandRequest): Document {
  const { body, db, state } = request;
  const name = collectionName(body, 'count');
  const query = optionalDocument(body, 'count', 'query');
  const skip = nonNegative(body, 'count', 'skip') ?? 0;
  const limit = Math.abs(optionalNumber(body, 'count', 'limit') ?? 0);
  const collection = state.catalog.get(db, name);
  if (!collection) return { n: 0, ok: 1 };
  if ((!query || Object.keys(query).length === 0) && body.hint === undefined) {
    const total = Math.max(0, collection.size - skip);
    return { n: limit > 0 ? Math.min(limit, total) : total, ok: 1 };
  }
  return { n: matchRecords(collection, { filter: query, skip, limit, hint: body.hint }).records.length, ok: 1 };
}

/** Distinct values of a path (arrays unwound one level), deduplicated by BSON equality and sorted. */
function distinct(request: CommandRequest): Document {
  const { body, db, state } = request;
  const name = collectionName(body, 'distinct');
  if (typeof body.key !== 'string') throw new CommandError(ErrorCode.TypeMismatch, "BSON field 'distinct.key' is missing or the wrong type, expected type 'string'");
  const query = optionalDocument(body, 'distinct', 'query');
  const records = matchRecords(state.catalog.get(db, name), { filter: query }).records;
  const seen = new Map<string, unknown>();
  const parts = body.key.split('.');
  for (const record of records) {
    for (const value of valuesAt(record.doc, parts, 0)) {
      const hash = valueHash(value);
      if (!seen.has(hash)) seen.set(hash, value);
    }
  }
  return { values: [...seen.values()].sort(compareValues), ok: 1 };
}

function valuesAt(value: unknown, parts: string[], i: number): unknown[] {
  if (value === undefined) return [];
  if (i === parts.length) return Array.isArray(value) ? value : [value];
  if (Array.isArray(value)) {
    if (/^\d+$/.test(parts[i])) return valuesAt(value[Number(parts[i])], parts, i + 1);
    return value.flatMap((element) => (isPlainObject(element) ? valuesAt(element, parts, i) : []));
  }
  if (isPlainObject(value)) return valuesAt(value[parts[i]], parts, i + 1);
  return [];
}

export const countDistinctCommands: Record<string, CommandDefinition> = {
  count: { handler: count },
  distinct: { handler: distinct },
};
