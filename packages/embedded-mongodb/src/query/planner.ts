import type { Document } from 'bson';
import { compareValues, currentCollator } from '../bson/bson-compare.js';
import { bsonKind, isPlainObject, typeRank } from '../bson/bson-kind.js';
import { CommandError, ErrorCode } from '../errors.js';
import { CollectionIndex } from '../indexes/collection-index.js';
import { AFTER, BEFORE, BracketBound } from '../indexes/index-key.js';
import { sameKey } from '../indexes/index-spec.js';
import type { Collection } from '../storage/collection.js';
import type { DocRecord } from '../storage/doc-record.js';
import type { SortField } from './sort.js';

/**
 * A small planner: equality, $in and range predicates on indexed fields become B+tree scans
 * (`_id` equality a hash lookup); everything else is a collection scan. Scans only narrow the
 * candidates: callers still test every candidate against the full filter.
 */
export interface Plan {
  readonly records: Iterable<DocRecord>;
  /** The records already come out in the requested sort order. */
  readonly sorted: boolean;
  /** For diagnostics: the index used, or 'COLLSCAN' / 'IDHACK'. */
  readonly strategy: string;
}

interface Bound {
  readonly value: unknown;
  readonly inclusive: boolean;
}

interface FieldCondition {
  eq?: unknown[];
  lo?: Bound;
  hi?: Bound;
}

export function planQuery(collection: Collection, filter: Document, sort: SortField[], hint?: unknown): Plan {
  const conditions = new Map<string, FieldCondition>();
  collectConditions(filter, conditions);
  if (hint !== undefined && hint !== null && !(isPlainObject(hint) && Object.keys(hint).length === 0)) {
    return planWithHint(collection, conditions, sort, hint);
  }
  const id = conditions.get('_id');
  // The `_id` map matches by binary equality; under a collation strings may match more.
  if (id?.eq && currentCollator() === null) return idLookup(collection, id.eq, sort);

  let best: { index: CollectionIndex; score: number; shape: Shape } | undefined;
  for (const index of collection.indexes.values()) {
    const shape = shapeFor(index, conditions);
    if (!shape) continue;
    let score = shape.prefix.length * 4 + (shape.kind === 'in' ? 2 : shape.kind === 'range' ? 1 : 0);
    if (index.unique && shape.prefix.length === index.fields.length) score += 100;
    if (providesSort(index, shape, sort) !== undefined) score += 0.5;
    if (!best || score > best.score) best = { index, score, shape };
  }
  if (best) return indexPlan(best.index, best.shape, sort);

  if (sort.length > 0) {
    for (const index of collection.indexes.values()) {
      if (!fullyCovers(index)) continue;
      const shape: Shape = { prefix: [], kind: 'none' };
      if (providesSort(index, shape, sort) !== undefined) return indexPlan(index, shape, sort);
    }
  }
  return { records: collection.records.values(), sorted: false, strategy: 'COLLSCAN' };
}

function collectConditions(filter: Document, out: Map<string, FieldCondition>): void {
  for (const [key, value] of Object.entries(filter)) {
    if (key === '$and' && Array.isArray(value)) {
      for (const sub of value) if (isPlainObject(sub)) collectConditions(sub, out);
      continue;
    }
    if (key.startsWith('$')) continue;
    const cond = out.get(key) ?? {};
    if (isPlainObject(value) && Object.keys(value).some((k) => k.startsWith('$'))) {
      const ops = value as Document;
      if ('$eq' in ops && pointValue(ops.$eq)) cond.eq ??= [ops.$eq];
      if (Array.isArray(ops.$in) && ops.$in.every(pointValue)) cond.eq ??= ops.$in;
      for (const [op, side, inclusive] of [['$gt', 'lo', false], ['$gte', 'lo', true], ['$lt', 'hi', false], ['$lte', 'hi', true]] as const) {
        if (op in ops && rangeValue(ops[op])) cond[side] ??= { value: ops[op], inclusive };
      }
    } else if (pointValue(value)) {
      cond.eq ??= [value];
    }
    out.set(key, cond);
  }
}

/** Values an equality scan can look up (arrays and regexes match in ways a key lookup cannot). */
function pointValue(v: unknown): boolean {
  const kind = bsonKind(v);
  return kind !== 'array' && kind !== 'regex' && kind !== 'undefined';
}

function rangeValue(v: unknown): boolean {
  const kind = bsonKind(v);
  return !['array', 'regex', 'undefined', 'null', 'minKey', 'maxKey', 'object'].includes(kind);
}

interface Shape {
  /** Equality values of the leading index fields. */
  readonly prefix: unknown[];
  readonly kind: 'none' | 'in' | 'range';
  readonly inValues?: unknown[];
  readonly lo?: Bound;
  readonly hi?: Bound;
}

/** Numeric path components (`a.0`) also match fields named "0" in array elements: left to scans. */
const POSITIONAL_PATH = /(^|\.)\d+(\.|$)/;

/** Hidden indexes (collMod) are maintained and enforce uniqueness but are never chosen, nor hinted. */
function isHidden(index: CollectionIndex): boolean {
  return index.spec.hidden === true;
}

/** An index ordered by another collation than the command's would miss or misorder strings. */
function usableIndex(index: CollectionIndex): boolean {
  return !isHidden(index) && index.collator === currentCollator() && index.ordered && !index.partial && index.fields.length > 0 && !index.fields.some((f) => POSITIONAL_PATH.test(f.path));
}

/** An index that holds an entry for every document, so walking it visits the whole collection. */
function fullyCovers(index: CollectionIndex): boolean {
  return usableIndex(index) && !index.sparse && !index.multikey;
}

function shapeFor(index: CollectionIndex, conditions: Map<string, FieldCondition>): Shape | undefined {
  if (!usableIndex(index)) return undefined;
  const prefix: unknown[] = [];
  let k = 0;
  while (k < index.fields.length) {
    const eq = conditions.get(index.fields[k].path)?.eq;
    if (!eq || eq.length !== 1) break;
    prefix.push(eq[0]);
    k++;
  }
  let shape: Shape = { prefix, kind: 'none' };
  const next = k < index.fields.length ? conditions.get(index.fields[k].path) : undefined;
  if (next?.eq && next.eq.length > 1) shape = { prefix, kind: 'in', inValues: next.eq };
  else if (next?.lo || next?.hi) {
    let { lo, hi } = next;
    // On a multikey index different elements may satisfy each bound, so only one can be used.
    if (index.multikey && lo && hi) hi = undefined;
    shape = { prefix, kind: 'range', lo, hi };
  }
  if (prefix.length === 0 && shape.kind === 'none') return undefined;
  // A sparse index has no entry for documents missing the field, which `null` would match.
  if (index.sparse && [...prefix, ...(shape.inValues ?? [])].some((v) => v === null)) return undefined;
  return shape;
}

/**
 * Whether walking this shape yields documents in `sort` order: returns the walk direction
 * (false = forward, true = reverse) or undefined when a real sort is still needed.
 */
function providesSort(index: CollectionIndex, shape: Shape, sort: SortField[]): boolean | undefined {
  if (sort.length === 0) return false;
  if (index.multikey) return undefined;
  const bound = new Set(index.fields.slice(0, shape.prefix.length).map((f) => f.path));
  const remaining = sort.filter((s) => !bound.has(s.path));
  if (remaining.length === 0) return false;
  if (shape.kind === 'in') return undefined;
  let reverse: boolean | undefined;
  for (let i = 0; i < remaining.length; i++) {
    const field = index.fields[shape.prefix.length + i];
    if (!field || field.path !== remaining[i].path) return undefined;
    const r = field.direction !== remaining[i].direction;
    if (reverse === undefined) reverse = r;
    else if (reverse !== r) return undefined;
  }
  return reverse;
}

function indexPlan(index: CollectionIndex, shape: Shape, sort: SortField[]): Plan {
  const reverse = providesSort(index, shape, sort);
  const walk = scan(index, shape, reverse ?? false);
  const records = index.multikey || shape.kind === 'in' ? distinct(walk) : walk;
  return { records, sorted: reverse !== undefined, strategy: index.name };
}

function* scan(index: CollectionIndex, shape: Shape, reverse: boolean): Generator<DocRecord> {
  const { prefix } = shape;
  if (shape.kind === 'none') {
    yield* index.range(index.probe(prefix, BEFORE), index.probe(prefix, AFTER), reverse);
    return;
  }
  const direction = index.fields[prefix.length].direction;
  if (shape.kind === 'in') {
    const values = [...(shape.inValues ?? [])].sort((a, b) => compareValues(a, b) * direction);
    if (reverse) values.reverse();
    for (const v of values) yield* index.range(index.probe([...prefix, v], BEFORE), index.probe([...prefix, v], AFTER), reverse);
    return;
  }
  const { lo, hi } = shape;
  if (lo && hi && typeRank(lo.value) !== typeRank(hi.value)) return;
  const low: Bound = lo ?? { value: new BracketBound(typeRank(hi?.value), 'min'), inclusive: true };
  const high: Bound = hi ?? { value: new BracketBound(typeRank(lo?.value), 'max'), inclusive: true };
  const [first, last] = direction === 1 ? [low, high] : [high, low];
  const start = index.probe([...prefix, first.value], first.inclusive ? BEFORE : AFTER);
  const end = index.probe([...prefix, last.value], last.inclusive ? AFTER : BEFORE);
  yield* index.range(start, end, reverse);
}

function* distinct(records: Iterable<DocRecord>): Generator<DocRecord> {
  const seen = new Set<DocRecord>();
  for (const r of records) {
    if (seen.has(r)) continue;
    seen.add(r);
    yield r;
  }
}

function idLookup(collection: Collection, values: unknown[], sort: SortField[]): Plan {
  const ordered = values.length > 1 ? [...values].sort(compareValues) : values;
  const records: DocRecord[] = [];
  const seen = new Set<DocRecord>();
  for (const v of ordered) {
    const r = collection.getById(v);
    if (r && !seen.has(r)) {
      seen.add(r);
      records.push(r);
    }
  }
  const sorted = records.length <= 1 || (sort.length === 1 && sort[0].path === '_id' && sort[0].direction === 1);
  return { records, sorted: sort.length === 0 || sorted, strategy: 'IDHACK' };
}

function planWithHint(collection: Collection, conditions: Map<string, FieldCondition>, sort: SortField[], hint: unknown): Plan {
  if (isPlainObject(hint) && '$natural' in hint) {
    const records = [...collection.records.values()];
    if (Number(hint.$natural) < 0) records.reverse();
    return { records, sorted: sort.length === 0, strategy: 'COLLSCAN' };
  }
  const index = [...collection.indexes.values()].find(
    (i) => !isHidden(i) && (typeof hint === 'string' ? i.name === hint : isPlainObject(hint) && sameKey(i.spec.key as Document, hint)),
  );
  if (!index) throw new CommandError(ErrorCode.BadValue, 'hint provided does not correspond to an existing index');
  const shape = shapeFor(index, conditions);
  if (shape) return indexPlan(index, shape, sort);
  if (fullyCovers(index)) return indexPlan(index, { prefix: [], kind: 'none' }, sort);
  return { records: collection.records.values(), sorted: false, strategy: 'COLLSCAN' };
}
