import { isNumeric, isPlainObject } from '../bson/bson-kind.js';
import { toNumber } from '../bson/bson-numbers.js';

/** A position as [longitude/x, latitude/y]. */
export type Position = readonly [number, number];

/** A stored or queried geometry reduced to what the predicates need. */
export interface Shape {
  readonly points: Position[];
  /** Polylines (LineString parts). */
  readonly lines: Position[][];
  /** Polygons as rings (first the outer boundary, then holes), each ring closed. */
  readonly polygons: Position[][][];
  /** True for GeoJSON (spherical); false for legacy coordinate pairs. */
  readonly geoJson: boolean;
}

function number(v: unknown): number | undefined {
  if (isNumeric(v)) return toNumber(v);
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return undefined;
}

/** `[x, y]` or a legacy embedded document `{lng: x, lat: y}` (its first two values). */
export function legacyPoint(value: unknown): Position | undefined {
  const pair = Array.isArray(value) ? value : isPlainObject(value) && !('type' in value) ? Object.values(value) : undefined;
  if (!pair || pair.length < 2) return undefined;
  const x = number(pair[0]);
  const y = number(pair[1]);
  return x === undefined || y === undefined ? undefined : [x, y];
}

function positions(value: unknown): Position[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const out: Position[] = [];
  for (const p of value) {
    const position = legacyPoint(p);
    if (!position) return undefined;
    out.push(position);
  }
  return out;
}

function rings(value: unknown): Position[][] | undefined {
  if (!Array.isArray(value) || value.length === 0) return undefined;
  const out: Position[][] = [];
  for (const r of value) {
    const ring = positions(r);
    if (!ring || ring.length < 4) return undefined;
    out.push(ring);
  }
  return out;
}

/** A GeoJSON geometry object, or undefined when the value is not one. */
export function geoJsonShape(value: unknown): Shape | undefined {
  if (!isPlainObject(value) || typeof value.type !== 'string') return undefined;
  const shape: Shape = { points: [], lines: [], polygons: [], geoJson: true };
  const c = value.coordinates;
  switch (value.type) {
    case 'Point': {
      const p = legacyPoint(c);
      if (!p) return undefined;
      shape.points.push(p);
      return shape;
    }
    case 'MultiPoint': {
      const ps = positions(c);
      if (!ps) return undefined;
      shape.points.push(...ps);
      return shape;
    }
    case 'LineString': {
      const line = positions(c);
      if (!line || line.length < 2) return undefined;
      shape.lines.push(line);
      return shape;
    }
    case 'MultiLineString': {
      if (!Array.isArray(c)) return undefined;
      for (const l of c) {
        const line = positions(l);
        if (!line || line.length < 2) return undefined;
        shape.lines.push(line);
      }
      return shape;
    }
    case 'Polygon': {
      const polygon = rings(c);
      if (!polygon) return undefined;
      shape.polygons.push(polygon);
      return shape;
    }
    case 'MultiPolygon': {
      if (!Array.isArray(c)) return undefined;
      for (const p of c) {
        const polygon = rings(p);
        if (!polygon) return undefined;
        shape.polygons.push(polygon);
      }
      return shape;
    }
    case 'GeometryCollection': {
      if (!Array.isArray(value.geometries)) return undefined;
      for (const g of value.geometries) {
        const part = geoJsonShape(g);
        if (!part) return undefined;
        shape.points.push(...part.points);
        shape.lines.push(...part.lines);
        shape.polygons.push(...part.polygons);
      }
      return shape;
    }
    default:
      return undefined;
  }
}

/**
 * The geometries a stored field value holds: a legacy pair, a GeoJSON object, or an array of
 * either (a multikey geo field). Anything else holds none.
 */
export function storedShapes(value: unknown): Shape[] {
  const point = Array.isArray(value) && value.length >= 2 && value.slice(0, 2).every((v) => isNumeric(v)) ? legacyPoint(value) : undefined;
  if (point) return [{ points: [point], lines: [], polygons: [], geoJson: false }];
  if (Array.isArray(value)) return value.flatMap(storedShapes);
  const geo = geoJsonShape(value);
  if (geo) return [geo];
  const legacy = isPlainObject(value) ? legacyPoint(value) : undefined;
  return legacy ? [{ points: [legacy], lines: [], polygons: [], geoJson: false }] : [];
}

/** Every vertex of a shape. */
export function vertices(shape: Shape): Position[] {
  return [...shape.points, ...shape.lines.flat(), ...shape.polygons.flat(2)];
}

function inBounds(shape: Shape): boolean {
  return vertices(shape).every(([lng, lat]) => lng >= -180 && lng <= 180 && lat >= -90 && lat <= 90);
}

/**
 * Why a field value cannot be indexed by a `2dsphere` index, or undefined when it can: a
 * GeoJSON geometry or a legacy pair within longitude/latitude bounds, an array of them, or
 * nothing at all (such indexes are sparse).
 */
export function sphereIndexError(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  const pair = Array.isArray(value) && value.length >= 2 && value.slice(0, 2).every((v) => isNumeric(v)) ? legacyPoint(value) : undefined;
  if (pair) return inBounds({ points: [pair], lines: [], polygons: [], geoJson: false }) ? undefined : 'longitude/latitude is out of bounds';
  if (Array.isArray(value)) {
    for (const element of value) {
      const error = sphereIndexError(element);
      if (error) return error;
    }
    return undefined;
  }
  const geo = geoJsonShape(value);
  if (geo) return inBounds(geo) ? undefined : 'longitude/latitude is out of bounds';
  if (isPlainObject(value) && !('type' in value) && legacyPoint(value)) return undefined;
  return isPlainObject(value) && 'type' in value ? `unknown GeoJSON type or malformed geometry: ${JSON.stringify(value.type)}` : 'geometry must be GeoJSON or a legacy coordinate pair';
}
