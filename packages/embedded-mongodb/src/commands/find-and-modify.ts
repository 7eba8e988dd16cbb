import type { Document } from 'bson';
import { CommandError, ErrorCode, fromEngineError } from '../errors.js';
import { compileFilter } from '../query/filter.js';
import { matchRecords } from '../query/find-executor.js';
import { compileProjection } from '../query/projection.js';
import { validateNamespace } from '../storage/catalog.js';
import { collectionName, optionalBoolean, optionalDocument } from './arguments.js';
import type { CommandDefinition, CommandRequest } from './command-context.js';
import { executeUpdate, parseUpdateStatement } from './write-statements.js';

/** findOneAndUpdate / findOneAndReplace / findOneAndDelete. Failures are command errors, not write errors. */
function findAndModify(request: CommandRequest): Document {
  const { body, db, state } = request;
  const command = request.name;
  const name = collectionName(body, command);
  validateNamespace(db, name);
  const query = optionalDocument(body, command, 'query') ?? {};
  const sort = optionalDocument(body, command, 'sort');
  const fields = optionalDocument(body, command, 'fields');
  const remove = optionalBoolean(body, command, 'remove') ?? false;
  const returnNew = optionalBoolean(body, command, 'new') ?? false;
  const upsert = optionalBoolean(body, command, 'upsert') ?? false;
  const hasUpdate = body.update !== undefined;
  if (remove && hasUpdate) throw new CommandError(ErrorCode.FailedToParse, 'Cannot specify both an update and remove=true');
  if (remove && upsert) throw new CommandError(ErrorCode.FailedToParse, 'Cannot specify both upsert=true and remove=true ');
  if (remove && returnNew) throw new CommandError(ErrorCode.FailedToParse, "Cannot specify both new=true and remove=true; 'remove' always returns the deleted document");
  if (!remove && !hasUpdate) throw new CommandError(ErrorCode.FailedToParse, 'Either an update or remove=true must be specified');

  const filter = compileFilter(query, 'query');
  const project = (doc: Document | undefined): Document | null => (doc ? compileProjection(fields, filter.filter)([doc])[0] : null);

  if (remove) {
    const collection = state.catalog.get(db, name);
    const [record] = matchRecords(collection, { filter: query, sort, limit: 1, hint: body.hint }).records;
    if (!record || !collection) return { lastErrorObject: { n: 0 }, value: null, ok: 1 };
    collection.remove(record);
    return { lastErrorObject: { n: 1 }, value: project(record.doc), ok: 1 };
  }

  const stmt = parseUpdateStatement({ q: query, u: body.update, upsert, arrayFilters: body.arrayFilters, hint: body.hint, sort }, command);
  let result;
  try {
    result = executeUpdate(state.catalog, db, name, stmt);
  } catch (err) {
    const cause = fromEngineError(err);
    throw new CommandError(cause.code, `Plan executor error during findAndModify :: caused by :: ${cause.message}`, cause.extra);
  }
  if (result.upsertedId !== undefined) {
    return {
      lastErrorObject: { n: 1, updatedExisting: false, upserted: result.upsertedId },
      value: returnNew ? project(result.after) : null,
      ok: 1,
    };
  }
  if (result.matched === 0) return { lastErrorObject: { n: 0, updatedExisting: false }, value: null, ok: 1 };
  return { lastErrorObject: { n: 1, updatedExisting: true }, value: project(returnNew ? result.after : result.before), ok: 1 };
}

export const findAndModifyCommands: Record<string, CommandDefinition> = {
  findAndModify: { handler: findAndModify },
  findandmodify: { handler: findAndModify },
};
