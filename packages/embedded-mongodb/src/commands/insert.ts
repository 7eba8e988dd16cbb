import type { Document } from 'bson';
import { isPlainObject, bsonKind } from '../bson/bson-kind.js';
import { CommandError, ErrorCode, fromEngineError } from '../errors.js';
import { validateNamespace } from '../storage/catalog.js';
import { assertStorableSize, prepareForStorage } from '../storage/document-rules.js';
import { assertValid } from '../validation/validator.js';
import { assertMeasurement } from '../storage/timeseries.js';
import { enforceCap } from '../storage/capped.js';
import { MAX_WRITE_BATCH_SIZE } from '../wire/protocol.js';
import { collectionName, optionalBoolean, requiredArray } from './arguments.js';
import type { CommandDefinition, CommandRequest } from './command-context.js';

/** Per-statement failures go into `writeErrors` of an ok:1 reply; `ordered` stops at the first. */
function insert(request: CommandRequest): Document {
  const { body, db, state } = request;
  const name = collectionName(body, 'insert');
  validateNamespace(db, name);
  const documents = requiredArray(body, 'insert', 'documents');
  checkBatchSize(documents.length);
  const ordered = optionalBoolean(body, 'insert', 'ordered') ?? true;
  const collection = state.catalog.ensure(db, name);
  let n = 0;
  const writeErrors: Document[] = [];
  for (let i = 0; i < documents.length; i++) {
    try {
      const raw = documents[i];
      if (!isPlainObject(raw)) throw new CommandError(ErrorCode.TypeMismatch, `BSON field 'insert.documents.${i}' is the wrong type '${bsonKind(raw)}', expected type 'object'`);
      const doc = prepareForStorage(raw);
      assertStorableSize(doc, 'insert');
      assertMeasurement(collection.options, doc);
      assertValid(collection, doc);
      collection.insert(doc);
      enforceCap(collection);
      n++;
    } catch (err) {
      writeErrors.push(fromEngineError(err).toWriteError(i));
      if (ordered) break;
    }
  }
  return writeReply({ n }, writeErrors);
}

export function checkBatchSize(count: number): void {
  if (count < 1 || count > MAX_WRITE_BATCH_SIZE) {
    throw new CommandError(ErrorCode.InvalidLength, `Write batch sizes must be between 1 and ${MAX_WRITE_BATCH_SIZE}. Got ${count} operations.`);
  }
}

export function writeReply(counts: Document, writeErrors: Document[]): Document {
  const reply: Document = { ...counts };
  if (writeErrors.length > 0) reply.writeErrors = writeErrors;
  reply.ok = 1;
  return reply;
}

export const insertCommands: Record<string, CommandDefinition> = {
  insert: { handler: insert },
};
