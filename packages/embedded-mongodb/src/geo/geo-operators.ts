import { resolve } from 'mingo/util';
import type { Any, AnyObject, Options } from 'mingo/types';
import { isPlainObject } from '../bson/bson-kind.js';
import { CommandError, ErrorCode } from '../errors.js';
import { inBox, inPolygon, planarDistance } from './planar.js';
import { geoJsonShape, legacyPoint, storedShapes, vertices, type Position, type Shape } from './shapes.js';
import { EARTH_RADIUS_METERS, sphericalDistanceTo, sphericalIntersects, sphericalWithin, withinSphericalCap } from './spherical.js';

/** How a `$near` measures: legacy `2d` plane, legacy `$nearSphere` in radians, or GeoJSON in meters. */
export type NearMode = 'planar' | 'radians' | 'meters';

export interface NearSpec {
  readonly center: Position;
  readonly mode: NearMode;
  readonly max?: number;
  readonly min?: number;
}

function geoError(message: string): CommandError {
  return new CommandError(ErrorCode.BadValue, message);
}

function shapesAt(obj: AnyObject, selector: string): Shape[] {
  return storedShapes(resolve(obj, selector));
}

function pairs(value: unknown, count: number, what: string): Position[] {
  if (!Array.isArray(value) || value.length < count) throw geoError(`malformed geo query: ${what}`);
  return value.map((v) => {
    const p = legacyPoint(v);
    if (!p) throw geoError(`malformed geo query: ${what}`);
    return p;
  });
}

function withinTest(spec: unknown): (shape: Shape) => boolean {
  if (!isPlainObject(spec)) throw geoError('$geoWithin not supported with provided geometry');
  if ('$geometry' in spec) {
    const container = geoJsonShape(spec.$geometry);
    if (!container || container.polygons.length === 0 || container.points.length + container.lines.length > 0) {
      throw geoError(`$geoWithin not supported with provided geometry: ${JSON.stringify(spec.$geometry)}`);
    }
    return (shape) => sphericalWithin(shape, container);
  }
  if ('$box' in spec) {
    const [a, b] = pairs(spec.$box, 2, '$box needs two corners');
    return (shape) => !shape.geoJson && vertices(shape).every((p) => inBox(p, [a, b]));
  }
  if ('$polygon' in spec) {
    const polygon = pairs(spec.$polygon, 3, 'Polygon must have at least 3 points');
    return (shape) => !shape.geoJson && vertices(shape).every((p) => inPolygon(p, polygon));
  }
  if ('$center' in spec || '$centerSphere' in spec) {
    const sphere = '$centerSphere' in spec;
    const arg = sphere ? spec.$centerSphere : spec.$center;
    const center = Array.isArray(arg) ? legacyPoint(arg[0]) : undefined;
    const radius = Array.isArray(arg) ? Number(arg[1]) : NaN;
    if (!center || !(radius >= 0)) throw geoError(`malformed geo query: ${sphere ? '$centerSphere' : '$center'} needs a center and a radius`);
    if (sphere) return (shape) => withinSphericalCap(shape, center, radius);
    return (shape) => !shape.geoJson && vertices(shape).every((p) => planarDistance(p, center) <= radius);
  }
  throw geoError(`unknown geo specifier: ${Object.keys(spec)[0] ?? '{}'}`);
}

function geoWithin(selector: string, value: Any, _options: Options) {
  const test = withinTest(value);
  return (obj: AnyObject) => shapesAt(obj, selector).some(test);
}

function geoIntersects(selector: string, value: Any, _options: Options) {
  const query = isPlainObject(value) ? geoJsonShape(value.$geometry) : undefined;
  if (!query) throw geoError('$geoIntersects requires a $geometry with a valid GeoJSON geometry');
  return (obj: AnyObject) => shapesAt(obj, selector).some((shape) => sphericalIntersects(shape, query));
}

/** Distance from a near query's center to the closest geometry of a field value (Infinity when it has none). */
export function nearDistance(value: unknown, spec: NearSpec): number {
  let best = Infinity;
  for (const shape of storedShapes(value)) {
    if (spec.mode === 'planar' && shape.geoJson) continue; // a 2d query sees legacy pairs only
    const d =
      spec.mode === 'planar'
        ? Math.min(...vertices(shape).map((p) => planarDistance(p, spec.center)))
        : sphericalDistanceTo(shape, spec.center) * (spec.mode === 'meters' ? EARTH_RADIUS_METERS : 1);
    best = Math.min(best, d);
  }
  return best;
}

/** The distance window of a top-level `$near` (its ordering is applied by the executor). */
function geoNearDistance(selector: string, value: Any, _options: Options) {
  const spec = value as unknown as NearSpec;
  return (obj: AnyObject) => {
    const d = nearDistance(resolve(obj, selector), spec);
    return d !== Infinity && (spec.max === undefined || d <= spec.max) && (spec.min === undefined || d >= spec.min);
  };
}

function nearElsewhere(): never {
  throw geoError('$geoNear, $near, and $nearSphere are not allowed in this context');
}

export const geoOperators = {
  $geoWithin: geoWithin,
  $within: geoWithin,
  $geoIntersects: geoIntersects,
  $near: nearElsewhere,
  $nearSphere: nearElsewhere,
  $geoNearDistance: geoNearDistance,
};
