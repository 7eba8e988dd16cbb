import type { Document } from 'bson';
import { bsonKind, isPlainObject } from '../bson/bson-kind.js';
import { toNumber } from '../bson/bson-numbers.js';
import { CommandError, ErrorCode, fromEngineError } from '../errors.js';
import { matchRecords } from '../query/find-executor.js';
import { validateNamespace } from '../storage/catalog.js';
import { withCollator } from '../bson/bson-compare.js';
import { collatorFor } from '../query/collation.js';
import { collectionName, optionalBoolean, requiredArray } from './arguments.js';
import type { CommandDefinition, CommandRequest } from './command-context.js';
import { checkBatchSize, writeReply } from './insert.js';
import { executeUpdate, parseUpdateStatement } from './write-statements.js';

/** A statement's own collation replaces the command's (the collection default) while it runs. */
function withStatementCollation<T>(collation: unknown, run: () => T): T {
  return collation === undefined ? run() : withCollator(collatorFor(collation), run);
}

function update(request: CommandRequest): Document {
  const { body, db, state } = request;
  const name = collectionName(body, 'update');
  validateNamespace(db, name);
  const statements = requiredArray(body, 'update', 'updates');
  checkBatchSize(statements.length);
  const ordered = optionalBoolean(body, 'update', 'ordered') ?? true;
  let n = 0;
  let nModified = 0;
  const upserted: Document[] = [];
  const writeErrors: Document[] = [];
  for (let i = 0; i < statements.length; i++) {
    try {
      const stmt = parseUpdateStatement(statements[i], 'update');
      const result = withStatementCollation(stmt.collation, () => executeUpdate(state.catalog, db, name, stmt));
      n += result.matched;
      nModified += result.modified;
      if (result.upsertedId !== undefined) {
        n++;
        upserted.push({ index: i, _id: result.upsertedId });
      }
    } catch (err) {
      writeErrors.push(fromEngineError(err).toWriteError(i));
      if (ordered) break;
    }
  }
  // nModified is always present: the driver's bulk merge treats a missing one as 0.
  const counts: Document = { n, nModified };
  if (upserted.length > 0) counts.upserted = upserted;
  return writeReply(counts, writeErrors);
}

function remove(request: CommandRequest): Document {
  const { body, db, state } = request;
  const name = collectionName(body, 'delete');
  validateNamespace(db, name);
  const statements = requiredArray(body, 'delete', 'deletes');
  checkBatchSize(statements.length);
  const ordered = optionalBoolean(body, 'delete', 'ordered') ?? true;
  const collection = state.catalog.get(db, name);
  let n = 0;
  const writeErrors: Document[] = [];
  for (let i = 0; i < statements.length; i++) {
    try {
      const stmt = statements[i];
      if (!isPlainObject(stmt)) throw new CommandError(ErrorCode.TypeMismatch, `BSON field 'delete.deletes.${i}' is the wrong type '${bsonKind(stmt)}', expected type 'object'`);
      const limit = toNumber(stmt.limit ?? 0);
      if (limit !== 0 && limit !== 1) throw new CommandError(ErrorCode.FailedToParse, `The limit field in delete objects must be 0 or 1. Got ${limit}`);
      if (stmt.q === undefined) throw new CommandError(40414, "BSON field 'delete.deletes.q' is missing but a required field");
      const records = withStatementCollation(stmt.collation, () => matchRecords(collection, { filter: stmt.q, limit, hint: stmt.hint }).records);
      for (const record of records) collection?.remove(record);
      n += records.length;
    } catch (err) {
      writeErrors.push(fromEngineError(err).toWriteError(i));
      if (ordered) break;
    }
  }
  return writeReply({ n }, writeErrors);
}

export const updateDeleteCommands: Record<string, CommandDefinition> = {
  update: { handler: update },
  delete: { handler: remove },
};
