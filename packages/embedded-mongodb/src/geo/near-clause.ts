import type { Document } from 'bson';
import { isNumeric, isPlainObject } from '../bson/bson-kind.js';
import { toNumber } from '../bson/bson-numbers.js';
import { CommandError, ErrorCode } from '../errors.js';
import type { NearSpec } from './geo-operators.js';
import { legacyPoint } from './shapes.js';

/** A top-level `$near`/`$nearSphere`: it filters by distance and orders the results by it. */
export interface NearClause {
  readonly path: string;
  readonly spec: NearSpec;
}

function optionalDistance(value: unknown, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (!isNumeric(value) || toNumber(value) < 0) throw new CommandError(ErrorCode.BadValue, `${name} must be a non-negative number`);
  return toNumber(value);
}

function parseNear(condition: Document, op: '$near' | '$nearSphere'): NearSpec {
  const arg = condition[op];
  let max = optionalDistance(condition.$maxDistance, '$maxDistance');
  let min = optionalDistance(condition.$minDistance, '$minDistance');
  let geometry: unknown;
  if (isPlainObject(arg) && '$geometry' in arg) {
    geometry = arg.$geometry;
    max = optionalDistance(arg.$maxDistance, '$maxDistance') ?? max;
    min = optionalDistance(arg.$minDistance, '$minDistance') ?? min;
  } else if (isPlainObject(arg) && arg.type !== undefined) geometry = arg;
  if (geometry !== undefined) {
    const center = isPlainObject(geometry) && geometry.type === 'Point' ? legacyPoint(geometry.coordinates) : undefined;
    if (!center) throw new CommandError(ErrorCode.BadValue, `invalid point in geo near query $geometry argument: ${JSON.stringify(geometry)}`);
    return { center, mode: 'meters', max, min };
  }
  const center = legacyPoint(arg);
  if (!center) throw new CommandError(ErrorCode.BadValue, `near must be first in: ${JSON.stringify(condition)}`);
  return { center, mode: op === '$nearSphere' ? 'radians' : 'planar', max, min };
}

/**
 * Finds the filter's `$near`/`$nearSphere` (at the top level or in a top-level `$and`) and
 * rewrites it, with its sibling `$maxDistance`/`$minDistance`, into one `$geoNearDistance`
 * condition the query engine evaluates; returns the rewritten filter and the clause.
 */
export function extractNear(filter: Document): { filter: Document; near?: NearClause } {
  let near: NearClause | undefined;
  const rewrite = (query: Document): Document => {
    const out: Document = {};
    for (const [key, value] of Object.entries(query)) {
      if (key === '$and' && Array.isArray(value)) {
        out[key] = value.map((q) => (isPlainObject(q) ? rewrite(q) : q));
        continue;
      }
      const op = isPlainObject(value) ? (['$near', '$nearSphere'] as const).find((o) => o in value) : undefined;
      if (!op || key.startsWith('$')) {
        out[key] = value;
        continue;
      }
      if (near) throw new CommandError(ErrorCode.BadValue, 'Too many geoNear expressions');
      const condition = value as Document;
      const spec = parseNear(condition, op);
      near = { path: key, spec };
      const rest: Document = {};
      for (const [k, v] of Object.entries(condition)) if (k !== op && k !== '$maxDistance' && k !== '$minDistance') rest[k] = v;
      out[key] = { ...rest, $geoNearDistance: spec };
    }
    return out;
  };
  const rewritten = rewrite(filter);
  return near ? { filter: rewritten, near } : { filter };
}
