import type { BSONRegExp, Document } from 'bson';
import { Query } from 'mingo/query';
import { bsonKind, isPlainObject } from '../bson/bson-kind.js';
import { CommandError, ErrorCode, fromEngineError } from '../errors.js';
import { compareValues } from '../bson/bson-compare.js';
import type { Options } from 'mingo/types';
import { comparisonOperators } from './comparison-operators.js';
import { queryOptions, usesExpressions } from './mingo-context.js';
import { extractNear, type NearClause } from '../geo/near-clause.js';
import { parseTextQuery, type TextQuery } from '../text/text-search.js';
import { dbRefView, escapeDbRefQuery, mentionsDbRefFields } from './dbref-fields.js';
import { setOwn } from '../bson/own-property.js';
import { isDoubleObject, numericView } from '../bson/doubles.js';

export interface CompiledFilter {
  /** The filter with BSON regexes turned into JS ones, as the planner and upserts read it. */
  readonly filter: Document;
  readonly isEmpty: boolean;
  /** The filter is exactly `{_id: <value>}`: an `_id` lookup answers it without testing. */
  readonly idOnly: boolean;
  /** A top-level `$near`/`$nearSphere`: results are ordered by distance. */
  readonly near?: NearClause;
  /** A top-level `$text`: evaluated by the executor against the collection's text index. */
  readonly text?: TextQuery;
  test(doc: Document): boolean;
}

const MATCH_ALL: CompiledFilter = { filter: {}, isEmpty: true, idOnly: false, test: () => true };

/** Compiles a query filter once per command; mingo errors become MongoDB error codes. */
export function compileFilter(raw: unknown, what = 'filter'): CompiledFilter {
  if (raw === undefined || raw === null) return MATCH_ALL;
  if (!isPlainObject(raw)) {
    throw new CommandError(ErrorCode.TypeMismatch, `BSON field '${what}' is the wrong type '${bsonKind(raw)}', expected type 'object'`);
  }
  const normalized = normalizeFilter(raw) as Document;
  delete normalized.$comment;
  const { filter, near } = extractNear(normalized);
  let text: TextQuery | undefined;
  if ('$text' in filter) {
    text = parseTextQuery(filter.$text);
    delete filter.$text;
    if (Object.keys(filter).length === 0) return { ...MATCH_ALL, text };
  }
  if (Object.keys(filter).length === 0) return MATCH_ALL;
  const keys = Object.keys(filter);
  if (keys.length === 1 && keys[0] === '_id' && isPointValue(filter._id)) {
    const id = filter._id;
    return { filter, isEmpty: false, idOnly: true, text, test: (doc) => compareValues(doc._id, id) === 0 };
  }
  const dbRefs = mentionsDbRefFields(filter);
  const direct = dbRefs || near ? undefined : directPredicates(filter);
  if (direct) return { filter, isEmpty: false, idOnly: false, text, test: (doc) => direct.every((p) => p(doc)) };
  let query: Query;
  try {
    query = new Query(dbRefs ? escapeDbRefQuery(filter) : filter, queryOptions(filter));
  } catch (err) {
    throw filterError(err);
  }
  // Expressions compute with JS numbers: they see whole doubles as numbers.
  const expressions = usesExpressions(filter);
  return {
    filter,
    isEmpty: false,
    idOnly: false,
    near,
    text,
    test(doc) {
      try {
        const view = expressions ? numericView(doc) : doc;
        return query.test(dbRefs ? (dbRefView(view) as Document) : view);
      } catch (err) {
        throw filterError(err);
      }
    },
  };
}

const DIRECT_OPERATORS = new Set(['$eq', '$ne', '$gt', '$gte', '$lt', '$lte', '$in', '$nin']);

/**
 * Filters made only of field comparisons (`{a: 1, b: {$lt: 5}}`, the shape of most lookups and
 * of guarded projection writes) are evaluated with the same comparison operators mingo would
 * call, without compiling a mingo Query (which copies its whole operator context every time).
 */
function directPredicates(filter: Document): ((doc: Document) => boolean)[] | undefined {
  const predicates: ((doc: Document) => boolean)[] = [];
  for (const [path, value] of Object.entries(filter)) {
    if (path.startsWith('$') || /(^|\.)\d+(\.|$)/.test(path)) return undefined;
    const operators = isPlainObject(value) && Object.keys(value).some((k) => k.startsWith('$')) ? Object.entries(value) : [['$eq', value]];
    for (const [op, arg] of operators) {
      if (!DIRECT_OPERATORS.has(op as string) || bsonKind(arg) === 'regex') return undefined;
      if ((op === '$in' || op === '$nin') && !Array.isArray(arg)) return undefined;
      if (op !== '$in' && op !== '$nin' && bsonKind(arg) === 'array') return undefined;
      const operator = comparisonOperators[op as keyof typeof comparisonOperators];
      predicates.push(operator(path, arg, {} as Options) as (doc: Document) => boolean);
    }
  }
  return predicates;
}

/** A value `{_id: v}` matches by plain equality (no operators, arrays, regexes or null). */
function isPointValue(v: unknown): boolean {
  const kind = bsonKind(v);
  if (kind === 'object') return !Object.keys(v as Document).some((k) => k.startsWith('$'));
  return kind !== 'array' && kind !== 'regex' && kind !== 'null' && kind !== 'undefined';
}

function filterError(err: unknown): CommandError {
  const message = err instanceof Error ? err.message : String(err);
  const topLevel = /unknown top level operator: (\$\w+)/.exec(message);
  if (topLevel) {
    return new CommandError(
      ErrorCode.BadValue,
      `unknown top level operator: ${topLevel[1]}. If you have a field name that starts with a '$' symbol, consider using $getField or $setField.`,
    );
  }
  const op = /unknown query operator (\$\w+)/.exec(message);
  if (op) return new CommandError(ErrorCode.BadValue, `unknown operator: ${op[1]}`);
  return fromEngineError(err);
}

/** BSON regexes arrive as BSONRegExp (to keep their options); mingo evaluates JS RegExp. */
export function normalizeFilter(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalizeFilter);
  // Numbers compare by value whatever their width, so a filter may hold plain numbers throughout.
  if (isDoubleObject(value)) return value.value;
  if (bsonKind(value) === 'regex' && !(value instanceof RegExp)) return toRegExp(value as BSONRegExp);
  if (!isPlainObject(value)) return value;
  const out: Document = {};
  for (const [k, v] of Object.entries(value)) setOwn(out, k, normalizeFilter(v));
  if (typeof out.$regex === 'string' || out.$regex instanceof RegExp) {
    const source = out.$regex instanceof RegExp ? out.$regex.source : out.$regex;
    const flags = typeof out.$options === 'string' ? out.$options : out.$regex instanceof RegExp ? out.$regex.flags : '';
    out.$regex = toRegExp({ pattern: source, options: flags } as BSONRegExp);
    delete out.$options;
  }
  return out;
}

function toRegExp(r: { pattern: string; options: string }): RegExp {
  let pattern = r.pattern;
  let flags = '';
  for (const o of r.options) {
    if (o === 'i' || o === 'm' || o === 's' || o === 'u') flags += o;
    // 'x' (extended): whitespace and #-comments are not part of the pattern.
    if (o === 'x') pattern = pattern.replace(/\\#|#[^\n]*/g, (m) => (m === '\\#' ? m : '')).replace(/\\\s|\s+/g, (m) => (m.startsWith('\\') ? m : ''));
  }
  try {
    return new RegExp(pattern, [...new Set(flags)].join(''));
  } catch (err) {
    throw new CommandError(51091, `Regular expression is invalid: ${(err as Error).message}`);
  }
}
