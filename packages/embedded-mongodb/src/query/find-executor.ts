import type { Document } from 'bson';
import { isPlainObject } from '../bson/bson-kind.js';
import type { Collection } from '../storage/collection.js';
import type { DocRecord } from '../storage/doc-record.js';
import { compileFilter, type CompiledFilter } from './filter.js';
import { planQuery } from './planner.js';
import { parseSort, sortDocuments } from './sort.js';
import { resolve } from 'mingo/util';
import { CommandError, ErrorCode } from '../errors.js';
import { nearDistance } from '../geo/geo-operators.js';
import type { NearClause } from '../geo/near-clause.js';
import { bindTextQuery } from '../text/text-search.js';

export interface MatchOptions {
  readonly filter?: unknown;
  /** The filter already compiled by the caller (then `filter` is ignored). */
  readonly compiled?: CompiledFilter;
  readonly sort?: unknown;
  readonly skip?: number;
  /** 0 or undefined: no limit. */
  readonly limit?: number;
  readonly hint?: unknown;
}

export interface MatchResult {
  readonly records: DocRecord[];
  readonly filter: CompiledFilter;
  /** The `$text` score of each record, when the filter has `$text`. */
  readonly textScores?: Map<DocRecord, number>;
}

/**
 * The matching records in result order (plan, filter, sort, skip, limit). Stored documents are
 * never mutated, so callers may hold these records' `doc` references as a snapshot.
 */
export function matchRecords(collection: Collection | undefined, options: MatchOptions): MatchResult {
  const filter = options.compiled ?? compileFilter(options.filter);
  if (!collection) return { records: [], filter };
  const skip = options.skip ?? 0;
  const limit = options.limit ?? 0;
  const natural = isPlainObject(options.sort) && '$natural' in options.sort ? Number(options.sort.$natural) : 0;
  const sort = natural !== 0 ? [] : parseSort(options.sort);
  const metaSort = sort.some((f) => f.meta);
  const plan = planQuery(collection, filter.filter, metaSort ? [] : sort, natural !== 0 ? { $natural: natural } : options.hint);
  if (filter.near) requireGeoIndex(collection, filter.near);
  const inOrder = (plan.sorted || sort.length === 0) && !filter.near && !metaSort;
  const wanted = limit > 0 && inOrder ? skip + limit : Infinity;
  const matched: DocRecord[] = [];
  // An `_id` lookup already answers an `{_id: v}` filter exactly.
  const exact = filter.isEmpty || (filter.idOnly && plan.strategy === 'IDHACK');
  const text = filter.text ? bindTextQuery(filter.text, collection) : undefined;
  const textScores = text ? new Map<DocRecord, number>() : undefined;
  for (const record of plan.records) {
    if (exact || filter.test(record.doc)) {
      if (text) {
        const score = text.score(record.doc);
        if (score === undefined) continue;
        textScores?.set(record, score);
      }
      matched.push(record);
      if (matched.length >= wanted) break;
    }
  }
  if (!textScores && sort.some((f) => f.meta)) {
    throw new CommandError(40218, 'query requires text score metadata, but it is not available');
  }
  const ordered = inOrder
    ? matched
    : sort.length > 0
      ? sortDocuments(matched, sort, (r) => r.doc, (r) => textScores?.get(r))
      : byDistance(matched, filter.near as NearClause);
  const end = limit > 0 ? skip + limit : undefined;
  return { records: skip > 0 || end !== undefined ? ordered.slice(skip, end) : ordered, filter, textScores };
}

/** `$near` results come nearest first (a stable sort: ties keep their natural order). */
function byDistance(records: DocRecord[], near: NearClause): DocRecord[] {
  const decorated = records.map((record) => ({ record, d: nearDistance(resolve(record.doc, near.path), near.spec) }));
  decorated.sort((a, b) => a.d - b.d);
  return decorated.map((x) => x.record);
}

/** As in MongoDB, `$near` needs a geo index on its field: `2dsphere` for GeoJSON points, `2d` or `2dsphere` for legacy pairs. */
function requireGeoIndex(collection: Collection, near: NearClause): void {
  const accepted = near.spec.mode === 'meters' ? ['2dsphere'] : ['2d', '2dsphere'];
  for (const index of collection.indexes.values()) {
    const key = index.spec.key as Document;
    if (accepted.includes(String(key[near.path]))) return;
  }
  throw new CommandError(
    ErrorCode.NoQueryExecutionPlans,
    `error processing query: ns=${collection.namespace} planner returned error :: caused by :: unable to find index for $geoNear query`,
  );
}
