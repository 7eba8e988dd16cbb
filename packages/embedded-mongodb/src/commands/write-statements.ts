import type { Document } from 'bson';
import { isPlainObject, bsonKind } from '../bson/bson-kind.js';
import { CommandError, ErrorCode } from '../errors.js';
import { compileFilter } from '../query/filter.js';
import { matchRecords } from '../query/find-executor.js';
import type { Catalog } from '../storage/catalog.js';
import { assertStorableSize, prepareForStorage } from '../storage/document-rules.js';
import { assertValid } from '../validation/validator.js';
import { enforceCap } from '../storage/capped.js';
import type { DocRecord } from '../storage/doc-record.js';
import { applyUpdate } from '../update/apply-update.js';
import { classifyUpdate, type UpdateKind } from '../update/classify-update.js';
import { upsertSeed } from '../update/upsert-seed.js';

/** One update statement (`update` command entry or findAndModify), parsed and validated. */
export interface UpdateStatement {
  readonly filter: Document;
  readonly update: unknown;
  readonly kind: UpdateKind;
  readonly multi: boolean;
  readonly upsert: boolean;
  readonly arrayFilters?: Document[];
  readonly hint?: unknown;
  readonly sort?: unknown;
  readonly collation?: unknown;
}

export function parseUpdateStatement(raw: unknown, command: string): UpdateStatement {
  if (!isPlainObject(raw)) throw new CommandError(ErrorCode.TypeMismatch, `BSON field '${command}.updates' element is the wrong type '${bsonKind(raw)}', expected type 'object'`);
  const q = raw.q ?? {};
  if (!isPlainObject(q)) throw new CommandError(ErrorCode.TypeMismatch, `BSON field '${command}.updates.q' is the wrong type '${bsonKind(q)}', expected type 'object'`);
  if (raw.u === undefined) throw new CommandError(40414, `BSON field '${command}.updates.u' is missing but a required field`);
  const kind = classifyUpdate(raw.u);
  const multi = raw.multi === true;
  if (kind === 'replacement' && multi) throw new CommandError(ErrorCode.FailedToParse, 'multi update is not supported for replacement-style update');
  if (raw.arrayFilters !== undefined && (!Array.isArray(raw.arrayFilters) || !raw.arrayFilters.every(isPlainObject))) {
    throw new CommandError(ErrorCode.TypeMismatch, `BSON field '${command}.updates.arrayFilters' is the wrong type, expected type 'array'`);
  }
  return {
    filter: q,
    update: raw.u,
    kind,
    multi,
    upsert: raw.upsert === true,
    arrayFilters: raw.arrayFilters as Document[] | undefined,
    hint: raw.hint,
    sort: raw.sort,
    collation: raw.collation,
  };
}

export interface StatementResult {
  matched: number;
  modified: number;
  upsertedId?: unknown;
  /** Pre- and post-images of the single document touched (findAndModify). */
  before?: Document;
  after?: Document;
}

/** Runs one update statement: match, apply, re-check unique indexes, or upsert. */
export function executeUpdate(catalog: Catalog, db: string, coll: string, stmt: UpdateStatement): StatementResult {
  const compiled = compileFilter(stmt.filter, 'q');
  const collection = catalog.get(db, coll);
  const matches: DocRecord[] = collection
    ? matchRecords(collection, { compiled, limit: stmt.multi ? 0 : 1, hint: stmt.hint, sort: stmt.sort }).records
    : [];
  const result: StatementResult = { matched: 0, modified: 0 };
  for (const record of matches) {
    const before = record.doc;
    const outcome = applyUpdate(before, stmt.update, { kind: stmt.kind, filter: compiled.filter, arrayFilters: stmt.arrayFilters, inserting: false });
    if (outcome.changed) {
      assertStorableSize(outcome.doc, 'update');
      assertValid(collection, outcome.doc, before);
      (collection ?? catalog.ensure(db, coll)).replace(record, outcome.doc);
    }
    result.matched++;
    if (outcome.changed) result.modified++;
    result.before = before;
    result.after = outcome.changed ? outcome.doc : before;
  }
  if (matches.length === 0 && stmt.upsert) {
    const doc = buildUpsert(compiled.filter, stmt);
    assertStorableSize(doc, 'insert');
    assertValid(collection, doc);
    const target = catalog.ensure(db, coll);
    target.insert(doc);
    enforceCap(target);
    result.upsertedId = doc._id;
    result.after = doc;
  }
  return result;
}

function buildUpsert(filter: Document, stmt: UpdateStatement): Document {
  // Seeded from the filter as sent, which keeps the width of its numbers (the compiled one does not).
  const seed = upsertSeed(stmt.filter);
  if (stmt.kind === 'replacement') return prepareForStorage(stmt.update as Document, seed._id);
  return applyUpdate(seed, stmt.update, { kind: stmt.kind, filter, arrayFilters: stmt.arrayFilters, inserting: true }).doc;
}
