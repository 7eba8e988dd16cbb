import type { Document } from 'bson';
import { isNumeric, isPlainObject } from '../bson/bson-kind.js';
import { toNumber } from '../bson/bson-numbers.js';
import { CommandError, ErrorCode } from '../errors.js';
import type { CompiledFilter } from './filter.js';

export type SliceSpec = number | [number, number];

export interface SplitProjection {
  /** What is left for an ordinary inclusion/exclusion projection. */
  readonly base: Document;
  readonly slices: Map<string, SliceSpec>;
  readonly elemMatches: Map<string, Document>;
}

function isTruthyInclusion(path: string, v: unknown): boolean {
  if (path === '_id') return false;
  if (isPlainObject(v)) return true; // expressions and $meta include
  return v === true || (isNumeric(v) && toNumber(v) !== 0) || typeof v === 'string';
}

/**
 * Takes `$slice` and `$elemMatch` out of a find projection. What remains decides inclusion or
 * exclusion; in an inclusion projection the sliced and elemMatched fields are kept by including
 * them, and `$elemMatch` alone makes the projection an inclusion one (as in MongoDB).
 */
export function splitArrayProjections(projection: Document): SplitProjection {
  const base: Document = {};
  const slices = new Map<string, SliceSpec>();
  const elemMatches = new Map<string, Document>();
  for (const [path, value] of Object.entries(projection)) {
    if (isPlainObject(value) && '$slice' in value && Object.keys(value).length === 1) slices.set(path, parseSlice(value.$slice));
    else if (isPlainObject(value) && '$elemMatch' in value && Object.keys(value).length === 1) {
      if (!isPlainObject(value.$elemMatch)) throw new CommandError(ErrorCode.BadValue, '$elemMatch needs an Object');
      if (path.includes('.')) throw new CommandError(ErrorCode.BadValue, 'Cannot use $elemMatch projection on a nested field.');
      elemMatches.set(path, value.$elemMatch);
    } else base[path] = value;
  }
  const inclusion = Object.entries(base).some(([p, v]) => isTruthyInclusion(p, v));
  const exclusion = Object.entries(base).some(([p, v]) => p !== '_id' && !isTruthyInclusion(p, v));
  if (inclusion || (elemMatches.size > 0 && !exclusion)) {
    for (const path of [...slices.keys(), ...elemMatches.keys()]) if (!(path in base)) base[path] = 1;
  }
  return { base, slices, elemMatches };
}

function parseSlice(spec: unknown): SliceSpec {
  if (isNumeric(spec)) return toNumber(spec);
  if (Array.isArray(spec) && spec.length === 2 && spec.every(isNumeric)) {
    const limit = toNumber(spec[1]);
    if (limit <= 0) throw new CommandError(ErrorCode.BadValue, 'Invalid $slice syntax. The second argument must be greater than 0');
    return [toNumber(spec[0]), limit];
  }
  throw new CommandError(28724, "First argument to $slice must be an array, but is of type: " + typeof spec);
}

function sliceArray(array: unknown[], spec: SliceSpec): unknown[] {
  if (typeof spec === 'number') return spec >= 0 ? array.slice(0, spec) : array.slice(Math.max(array.length + spec, 0));
  const [skip, limit] = spec;
  const start = skip >= 0 ? Math.min(skip, array.length) : Math.max(array.length + skip, 0);
  return array.slice(start, start + limit);
}

/** Applies `$slice` (through embedded documents and arrays of them) and `$elemMatch` to projected documents. */
export function applyArrayProjections(docs: Document[], slices: Map<string, SliceSpec>, matchers: Map<string, CompiledFilter>): Document[] {
  if (slices.size === 0 && matchers.size === 0) return docs;
  return docs.map((doc) => {
    let out = doc;
    for (const [path, spec] of slices) out = sliceAt(out, path.split('.'), spec) as Document;
    for (const [field, matcher] of matchers) {
      const value = out[field];
      if (value === undefined) continue;
      const found = Array.isArray(value) ? value.find((element) => matcher.test({ v: [element] })) : undefined;
      out = { ...out };
      if (found === undefined) delete out[field];
      else out[field] = [found];
    }
    return out;
  });
}

function sliceAt(value: unknown, parts: string[], spec: SliceSpec): unknown {
  if (Array.isArray(value)) {
    if (parts.length === 0) return sliceArray(value, spec);
    return value.map((element) => (isPlainObject(element) ? sliceAt(element, parts, spec) : element));
  }
  if (!isPlainObject(value) || parts.length === 0) return value;
  const [head, ...rest] = parts;
  if (!(head in value)) return value;
  return { ...value, [head]: sliceAt(value[head], rest, spec) };
}
