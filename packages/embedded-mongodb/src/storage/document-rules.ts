import { calculateObjectSize, ObjectId, type Document } from 'bson';
import { MAX_BSON_OBJECT_SIZE } from '../wire/protocol.js';
import { bsonKind } from '../bson/bson-kind.js';
import { CommandError, ErrorCode } from '../errors.js';
import { setOwn } from '../bson/own-property.js';

/** Rejects `_id` values MongoDB refuses: arrays, regexes, undefined, `$`-keyed documents. */
function validateId(id: unknown): void {
  const kind = bsonKind(id);
  if (kind === 'array') throw new CommandError(ErrorCode.InvalidIdField, `The '_id' value cannot be of type array`);
  if (kind === 'regex') throw new CommandError(ErrorCode.InvalidIdField, `The '_id' value cannot be of type regex`);
  if (kind === 'undefined') throw new CommandError(ErrorCode.InvalidIdField, `The '_id' value cannot be of type undefined`);
  if (kind === 'object' && Object.keys(id as Document).some((k) => k.startsWith('$'))) {
    throw new CommandError(ErrorCode.DollarPrefixedFieldName, `_id fields may not contain '$'-prefixed fields: ${Object.keys(id as Document).find((k) => k.startsWith('$'))} is not valid for storage.`);
  }
}

/** Returns the document as stored: `_id` first (generated when absent), validated. */
export function prepareForStorage(doc: Document, fallbackId?: unknown): Document {
  const id = '_id' in doc ? doc._id : fallbackId !== undefined ? fallbackId : new ObjectId();
  validateId(id);
  if (Object.keys(doc)[0] === '_id' && doc._id === id) return doc;
  const out: Document = { _id: id };
  for (const key of Object.keys(doc)) if (key !== '_id') setOwn(out, key, doc[key]);
  return out;
}

/** Documents over 16 MiB are refused, as MongoDB refuses them (inserts with 2, update results with 17419). */
export function assertStorableSize(doc: Document, kind: 'insert' | 'update'): void {
  const size = calculateObjectSize(doc);
  if (size <= MAX_BSON_OBJECT_SIZE) return;
  if (kind === 'insert') {
    throw new CommandError(ErrorCode.BadValue, `object to insert too large. size in bytes: ${size}, max size: ${MAX_BSON_OBJECT_SIZE}`);
  }
  throw new CommandError(17419, `Resulting document after update is larger than ${MAX_BSON_OBJECT_SIZE}`);
}
