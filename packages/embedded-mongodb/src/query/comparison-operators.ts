import * as queryOperators from 'mingo/operators/query';
import { flatten, resolve } from 'mingo/util';
import type { Any, AnyObject, Options } from 'mingo/types';
import { bsonKind, isNumeric, typeRank } from '../bson/bson-kind.js';
import { toNumber } from '../bson/bson-numbers.js';
import { compareValues } from '../bson/bson-compare.js';
import { isDoubleObject } from '../bson/doubles.js';

/**
 * Query comparison operators with MongoDB's semantics over bson types. mingo's own versions
 * compare Decimal128 and Long as strings and order foreign types by constructor name.
 */
type Predicate = (lhs: unknown, rhs: unknown, depth: number) => boolean;

function operator(predicate: Predicate) {
  return (selector: string, value: Any, _options: Options) => {
    let depth = 0;
    for (let i = selector.indexOf('.'); i !== -1; i = selector.indexOf('.', i + 1)) depth++;
    return (obj: AnyObject) => predicate(resolve(obj, selector, { unwrapArray: true }), value, depth);
  };
}

function isNullish(v: unknown): boolean {
  return v === null || v === undefined;
}

function equalsOne(a: unknown, b: unknown): boolean {
  if (b === null) return isNullish(a);
  if (b instanceof RegExp) return typeof a === 'string' ? b.test(a) : a instanceof RegExp && a.source === b.source && a.flags === b.flags;
  return a !== undefined && compareValues(a, b) === 0;
}

/** Field equality: the value itself, any element of an array value, or elements reached through nested arrays. */
function eq(lhs: unknown, rhs: unknown, depth: number): boolean {
  if (equalsOne(lhs, rhs)) return true;
  if (Array.isArray(lhs)) {
    if (lhs.some((v) => equalsOne(v, rhs))) return true;
    if (depth > 0 && flatten(lhs, depth).some((v) => equalsOne(v, rhs))) return true;
  }
  return false;
}

function candidates(lhs: unknown, depth: number): unknown[] {
  if (!Array.isArray(lhs)) return [lhs];
  const out: unknown[] = [lhs, ...lhs];
  if (depth > 0) out.push(...flatten(lhs, depth));
  return out;
}

function ordered(test: (c: number) => boolean, inclusive: boolean): Predicate {
  return (lhs, rhs, depth) => {
    if (rhs === null) return inclusive && eq(lhs, null, depth);
    const rank = typeRank(rhs);
    return candidates(lhs, depth).some((v) => v !== undefined && typeRank(v) === rank && test(compareValues(v, rhs)));
  };
}

function inList(lhs: unknown, rhs: unknown, depth: number): boolean {
  if (!Array.isArray(rhs)) throw new Error('$in needs an array');
  return rhs.some((v) => eq(lhs, v, depth));
}

const TYPE_ALIASES: Record<string, string> = {
  1: 'double', 2: 'string', 3: 'object', 4: 'array', 5: 'binData', 6: 'undefined', 7: 'objectId', 8: 'bool',
  9: 'date', 10: 'null', 11: 'regex', 13: 'javascript', 14: 'symbol', 16: 'int', 17: 'timestamp', 18: 'long',
  19: 'decimal', '-1': 'minKey', 127: 'maxKey',
};

/** The $type name of a single (non-array) value; JS numbers report int when they fit int32. */
export function bsonTypeName(v: unknown): string {
  return typeName(v);
}

function typeName(v: unknown): string {
  const kind = bsonKind(v);
  if (kind === 'number') {
    if (isDoubleObject(v)) return 'double';
    const n = v as number;
    return Number.isInteger(n) && n >= -2147483648 && n <= 2147483647 && !Object.is(n, -0) ? 'int' : 'double';
  }
  return kind;
}

function typeMatches(v: unknown, wanted: string): boolean {
  if (wanted === 'number') return ['int', 'double', 'long', 'decimal'].includes(typeName(v));
  return typeName(v) === wanted;
}

function hasType(lhs: unknown, rhs: unknown): boolean {
  const wanted = (Array.isArray(rhs) ? rhs : [rhs]).map((t) => TYPE_ALIASES[String(t)] ?? String(t));
  if (lhs === undefined) return false;
  if (Array.isArray(lhs)) {
    if (wanted.includes('array')) return true;
    return lhs.some((el) => wanted.some((w) => typeMatches(el, w)));
  }
  return wanted.some((w) => typeMatches(lhs, w));
}

/**
 * `$all: [a, b]` is `$and: [{f: a}, {f: b}]`, so a scalar field equal to the single value
 * matches too (mingo's version requires an array); `{$elemMatch}` elements keep their meaning.
 */
function all(selector: string, value: Any, options: Options) {
  if (!Array.isArray(value)) throw new Error('$all needs an array');
  const equality = comparisonOperators.$eq;
  const predicates = value.map((v) =>
    isElemMatch(v) ? queryOperators.$elemMatch(selector, v.$elemMatch, options) : equality(selector, v as Any, options),
  );
  return (obj: AnyObject) => predicates.length > 0 && predicates.every((p) => p(obj));
}

function isElemMatch(v: unknown): v is { $elemMatch: AnyObject } {
  return v !== null && typeof v === 'object' && bsonKind(v) === 'object' && Object.keys(v)[0] === '$elemMatch';
}

/** `$mod: [divisor, remainder]` on any numeric type, values truncated to integers as in MongoDB. */
function mod(selector: string, value: Any, _options: Options) {
  if (!Array.isArray(value) || value.length !== 2) throw new Error(`malformed mod, ${Array.isArray(value) && value.length > 2 ? 'too many' : 'not enough'} elements`);
  const [divisor, remainder] = value.map((v) => Math.trunc(toNumber(v)));
  if (!Number.isFinite(divisor) || !Number.isFinite(remainder)) throw new Error('malformed mod, divisor and remainder must be numbers');
  if (divisor === 0) throw new Error('divisor cannot be 0');
  return (obj: AnyObject) => {
    const resolved = resolve(obj, selector, { unwrapArray: true });
    return (Array.isArray(resolved) ? resolved : [resolved]).some((v) => {
      if (!isNumeric(v)) return false;
      const n = Math.trunc(toNumber(v));
      return Number.isFinite(n) && n % divisor === remainder;
    });
  };
}

export const comparisonOperators = {
  $mod: mod,
  $all: all,
  $eq: operator(eq),
  $ne: operator((l, r, d) => !eq(l, r, d)),
  $gt: operator(ordered((c) => c > 0, false)),
  $gte: operator(ordered((c) => c >= 0, true)),
  $lt: operator(ordered((c) => c < 0, false)),
  $lte: operator(ordered((c) => c <= 0, true)),
  $in: operator(inList),
  $nin: operator((l, r, d) => !inList(l, r, d)),
  $type: operator((l, r) => hasType(l, r)),
};
