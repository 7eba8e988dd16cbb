import type { Document } from 'bson';
import { updateOne } from 'mingo/updater';
import * as updateOperators from 'mingo/operators/update';
import { cloneDocument } from '../bson/bson-clone.js';
import { numericView, restoreDoubles } from '../bson/doubles.js';
import { valueHash } from '../bson/bson-hash.js';
import { renderValue } from '../bson/bson-render.js';
import { CommandError, ErrorCode, fromEngineError } from '../errors.js';
import { mingoOptions, queryOptions } from '../query/mingo-context.js';
import { prepareForStorage } from '../storage/document-rules.js';
import { assertPathViable, getPath, isPositional } from './update-paths.js';
import type { UpdateKind } from './classify-update.js';
import { assertNoConflicts, checkArrayFilters, collectIdentifiers, notAnArray } from './update-validation.js';
import { PositionalResolver } from './positional-paths.js';
import { identical, setPath, type Assignment } from './assign-path.js';
import { directAssignments } from './direct-operators.js';

/** Operators whose target must be an array when it exists. */
const ARRAY_OPERATORS = new Set(['$push', '$addToSet', '$pop', '$pull', '$pullAll']);
/** Operators that may create the target path. */
const CREATING_OPERATORS = new Set(['$set', '$inc', '$mul', '$min', '$max', '$push', '$addToSet', '$currentDate', '$setOnInsert', '$bit']);

export interface UpdateContext {
  readonly kind: UpdateKind;
  /** The statement's query (needed by the positional `$` operator). */
  readonly filter: Document;
  readonly arrayFilters?: Document[];
  /** True when building an upsert: `$setOnInsert` applies. */
  readonly inserting: boolean;
}

export interface UpdateOutcome {
  readonly doc: Document;
  readonly changed: boolean;
}

/** Applies one update to a stored document without touching it; returns the new image. */
export function applyUpdate(current: Document, u: unknown, ctx: UpdateContext): UpdateOutcome {
  try {
    switch (ctx.kind) {
      case 'replacement':
        return replace(current, u as Document);
      case 'pipeline':
        return pipeline(current, u as Document[]);
      case 'operators':
        return operators(current, u as Document, ctx);
    }
  } catch (err) {
    throw mapUpdateError(err);
  }
}

function replace(current: Document, replacement: Document): UpdateOutcome {
  if ('_id' in replacement && current._id !== undefined && !identical(replacement._id, current._id)) {
    throw idAltered(replacement._id);
  }
  const doc = prepareForStorage(replacement, current._id);
  return { doc, changed: valueHash(doc) !== valueHash(current) };
}

function pipeline(current: Document, stages: Document[]): UpdateOutcome {
  // mingo computes on JS numbers: it works on a numeric view, and untouched whole doubles are put back after.
  const docs = [cloneDocument(numericView(current))];
  const result = updateOne(docs, {}, numericView(stages) as never, {}, mingoOptions());
  let doc = restoreDoubles(current, docs[0]) as Document;
  if (current._id !== undefined) {
    if (!('_id' in doc)) doc = { _id: current._id, ...doc };
    else if (!identical(doc._id, current._id)) throw idAltered(doc._id);
  }
  doc = prepareForStorage(doc);
  return { doc, changed: result.modifiedCount > 0 };
}

function operators(current: Document, update: Document, ctx: UpdateContext): UpdateOutcome {
  const work = cloneDocument(current);
  const modifier: Document = {};
  const direct: Assignment[] = [];
  const paths: string[] = [];
  const used = new Set<string>();
  for (const arg of Object.values(update)) for (const path of Object.keys(arg as Document)) collectIdentifiers(path, used);
  const arrayFilters = checkArrayFilters(ctx.arrayFilters, used, update);
  const positional = new PositionalResolver(current, ctx.filter, arrayFilters);

  for (const [op, arg] of Object.entries(update)) {
    if (op === '$setOnInsert' && !ctx.inserting) continue;
    const target = op === '$setOnInsert' ? '$set' : op;
    const kept: Document = (modifier[target] as Document | undefined) ?? {};
    for (const [rawPath, value] of Object.entries(arg as Document)) {
      const concrete = isPositional(rawPath) ? positional.expand(rawPath) : [rawPath];
      for (const path of concrete) {
        // $-prefixed names are storable since MongoDB 5.0; only an upsert's insert may create a top-level one through an operator.
        const top = path.split('.')[0];
        if (!ctx.inserting && top.startsWith('$')) {
          throw new CommandError(ErrorCode.DollarPrefixedFieldName, `The dollar ($) prefixed field '${top}' in '${path}' is not valid for storage.`);
        }
        paths.push(path);
        if (op === '$rename') paths.push(String(value));
        if (path === '_id' || path.startsWith('_id.')) {
          if (keepsId(op, path, value, work)) continue;
          throw new CommandError(ErrorCode.ImmutableField, `Performing an update on the path '${path}' would modify the immutable field '_id'`);
        }
        if (CREATING_OPERATORS.has(op)) assertPathViable(work, path);
        const existing = getPath(work, path);
        if (ARRAY_OPERATORS.has(op) && existing.found && !Array.isArray(existing.value)) {
          throw notAnArray(op, path, existing.value, work._id);
        }
        const assignments = directAssignments(op, path, value, work, existing);
        if (assignments) direct.push(...assignments);
        else kept[path] = value;
      }
    }
    if (Object.keys(kept).length > 0) modifier[target] = kept;
  }
  assertNoConflicts(paths);

  let changed = false;
  if (Object.keys(modifier).length > 0) {
    const options = operatorOptions(ctx.filter, [modifier]);
    for (const [op, expr] of Object.entries(modifier)) {
      const operator = updateOperators[op as keyof typeof updateOperators] as MingoUpdateOperator;
      if (operator(expr as Document, [], options)(work).length > 0) changed = true;
    }
  }
  // MongoDB applies an update's fields in field-name order, which decides where new fields go.
  direct.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (const { path, value } of direct) changed = setPath(work, path, value) || changed;
  if (current._id !== undefined && !identical(work._id, current._id)) throw idAltered(work._id);
  return { doc: prepareForStorage(work), changed };
}

type OperatorOptions = Parameters<typeof updateOperators.$set>[2];
type MingoUpdateOperator = (expr: Document, arrayFilters: Document[], options: OperatorOptions) => (obj: Document) => string[];

/**
 * The options mingo's update operators read: the statement's query (for `.$`), deep cloning of
 * assigned values, and the operator context. They are called directly rather than through
 * `updateOne`, which rebuilds its whole operator context on every call (most of an update's cost);
 * the object is shaped like mingo's internal ComputeOptions, hence the cast.
 */
function operatorOptions(condition: Document, spec: unknown): OperatorOptions {
  const now = new Date();
  return {
    ...queryOptions(spec),
    idKey: '_id',
    useStrictMode: true,
    failOnError: true,
    local: { condition, updateConfig: { cloneMode: 'deep' } },
    now,
  } as unknown as OperatorOptions;
}

/** `$set: {_id: <same value>}` is a no-op MongoDB accepts; so is setting `_id` while building an upsert. */
function keepsId(op: string, path: string, value: unknown, work: Document): boolean {
  if (path !== '_id' || !['$set', '$setOnInsert', '$min', '$max'].includes(op)) return false;
  if (work._id === undefined) {
    if (op === '$set' || op === '$setOnInsert') work._id = value;
    return op === '$set' || op === '$setOnInsert';
  }
  return identical(work._id, value);
}

function idAltered(id: unknown): CommandError {
  return new CommandError(ErrorCode.ImmutableField, `After applying the update, the (immutable) field '_id' was found to have been altered to _id: ${renderValue(id)}`);
}

function mapUpdateError(err: unknown): CommandError {
  if (err instanceof CommandError) return err;
  const message = err instanceof Error ? err.message : String(err);
  if (/must include the array field for '\.\$'|positional operator found no match/.test(message)) {
    return new CommandError(ErrorCode.BadValue, 'The positional operator did not find the match needed from the query.');
  }
  if (/Cannot increment with non-numeric argument/.test(message)) {
    return new CommandError(ErrorCode.TypeMismatch, message);
  }
  return fromEngineError(err);
}
