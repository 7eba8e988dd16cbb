import type { Position, Shape } from './shapes.js';
import { vertices } from './shapes.js';

/**
 * Geometry on the sphere, as MongoDB's 2dsphere queries evaluate it: edges are great-circle
 * arcs (so a line from 178° to -178° crosses the antimeridian, not the whole globe) and
 * polygons are the smaller region their boundary encloses.
 */
type Vec = readonly [number, number, number];

/** MongoDB's radius of the earth for converting radians to meters. */
export const EARTH_RADIUS_METERS = 6378.1 * 1000;
const EPS = 1e-12;

function toVec([lng, lat]: Position): Vec {
  const l = (lng * Math.PI) / 180;
  const p = (lat * Math.PI) / 180;
  return [Math.cos(p) * Math.cos(l), Math.cos(p) * Math.sin(l), Math.sin(p)];
}

const dot = (a: Vec, b: Vec): number => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
const cross = (a: Vec, b: Vec): Vec => [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
const norm = (a: Vec): number => Math.sqrt(dot(a, a));
const scale = (a: Vec, k: number): Vec => [a[0] * k, a[1] * k, a[2] * k];

/** Great-circle distance in radians. */
export function sphericalDistance(a: Position, b: Position): number {
  const va = toVec(a);
  const vb = toVec(b);
  return Math.atan2(norm(cross(va, vb)), dot(va, vb));
}

/** Whether x (on the great circle of a→b) lies on the minor arc a→b. */
function onArc(x: Vec, a: Vec, b: Vec, n: Vec): boolean {
  return dot(cross(a, x), n) >= -EPS && dot(cross(x, b), n) >= -EPS;
}

function pointOnArc(p: Vec, a: Vec, b: Vec): boolean {
  const n = cross(a, b);
  const len = norm(n);
  if (len < EPS) return norm(cross(p, a)) < 1e-9 && dot(p, a) > 0;
  return Math.abs(dot(p, scale(n, 1 / len))) < 1e-9 && onArc(p, a, b, n);
}

function arcsCross(a: Vec, b: Vec, c: Vec, d: Vec): boolean {
  const n1 = cross(a, b);
  const n2 = cross(c, d);
  const l = cross(n1, n2);
  if (norm(l) < EPS) return pointOnArc(a, c, d) || pointOnArc(b, c, d) || pointOnArc(c, a, b) || pointOnArc(d, a, b);
  for (const x of [l, scale(l, -1)]) if (onArc(x, a, b, n1) && onArc(x, c, d, n2)) return true;
  return false;
}

/** Winding angle of a ring around p: about ±2π when p is inside, 0 outside. */
function windingAngle(p: Vec, ring: Vec[]): number {
  let sum = 0;
  for (let i = 0; i + 1 < ring.length; i++) {
    const ta = tangent(p, ring[i]);
    const tb = tangent(p, ring[i + 1]);
    sum += Math.atan2(dot(p, cross(ta, tb)), dot(ta, tb));
  }
  return sum;
}

function tangent(p: Vec, a: Vec): Vec {
  const k = dot(p, a);
  return [a[0] - p[0] * k, a[1] - p[1] * k, a[2] - p[2] * k];
}

/**
 * A ring winds ±2π around every point that it separates from its antipode, with one sign for
 * the points of the region it encloses and the other for the points of the rest of the sphere.
 * The enclosed region is the smaller one (as in MongoDB), so its sign is found at a point known
 * to lie in it: the centroid of the ring, or of one of its fan triangles for concave rings.
 */
function insideSign(ring: Vec[]): number {
  const candidates: Vec[] = [centroid(ring.slice(0, -1))];
  for (let i = 1; i + 2 < ring.length; i++) candidates.push(centroid([ring[0], ring[i], ring[i + 1]]));
  for (const c of candidates) {
    const w = windingAngle(c, ring);
    if (Math.abs(w) > Math.PI) return Math.sign(w);
  }
  return 1;
}

function centroid(points: Vec[]): Vec {
  const sum: Vec = points.reduce<Vec>((acc, v) => [acc[0] + v[0], acc[1] + v[1], acc[2] + v[2]], [0, 0, 0]);
  const len = norm(sum);
  return len < EPS ? points[0] : scale(sum, 1 / len);
}

const signs = new WeakMap<Vec[], number>();

function ringContains(ring: Vec[], p: Vec): boolean {
  for (let i = 0; i + 1 < ring.length; i++) if (pointOnArc(p, ring[i], ring[i + 1])) return true;
  const w = windingAngle(p, ring);
  if (Math.abs(w) <= Math.PI) return false;
  let sign = signs.get(ring);
  if (sign === undefined) {
    sign = insideSign(ring);
    signs.set(ring, sign);
  }
  return Math.sign(w) === sign;
}

function polygonContains(polygon: Vec[][], p: Vec): boolean {
  const [outer, ...holes] = polygon;
  return ringContains(outer, p) && !holes.some((h) => ringContains(h, p) && !onBoundary(h, p));
}

function onBoundary(ring: Vec[], p: Vec): boolean {
  for (let i = 0; i + 1 < ring.length; i++) if (pointOnArc(p, ring[i], ring[i + 1])) return true;
  return false;
}

interface VecShape {
  points: Vec[];
  edges: [Vec, Vec][];
  polygons: Vec[][][];
}

function toVecShape(shape: Shape): VecShape {
  const edges: [Vec, Vec][] = [];
  const lines = shape.lines.map((l) => l.map(toVec));
  const polygons = shape.polygons.map((p) => p.map((r) => r.map(toVec)));
  for (const line of [...lines, ...polygons.flat()]) for (let i = 0; i + 1 < line.length; i++) edges.push([line[i], line[i + 1]]);
  return { points: shape.points.map(toVec), edges, polygons };
}

function coveredBy(p: Vec, s: VecShape): boolean {
  return (
    s.points.some((q) => norm(cross(p, q)) < 1e-9 && dot(p, q) > 0) ||
    s.edges.some(([a, b]) => pointOnArc(p, a, b)) ||
    s.polygons.some((poly) => polygonContains(poly, p))
  );
}

function allVertices(s: VecShape): Vec[] {
  return [...s.points, ...s.edges.flat(), ...s.polygons.flat(2)];
}

/** `$geoIntersects`: the shapes share at least one point. */
export function sphericalIntersects(a: Shape, b: Shape): boolean {
  const va = toVecShape(a);
  const vb = toVecShape(b);
  if (allVertices(va).some((p) => coveredBy(p, vb)) || allVertices(vb).some((p) => coveredBy(p, va))) return true;
  return va.edges.some(([p, q]) => vb.edges.some(([r, s]) => arcsCross(p, q, r, s)));
}

/** `$geoWithin` a GeoJSON polygon or multipolygon: every point of the shape lies in one of the polygons. */
export function sphericalWithin(shape: Shape, container: Shape): boolean {
  const polygons = container.polygons.map((p) => p.map((r) => r.map(toVec)));
  const inner = toVecShape(shape);
  return polygons.some((polygon) => {
    if (!allVertices(inner).every((p) => polygonContains(polygon, p))) return false;
    // An edge leaving and re-entering (possible on a concave polygon) is not within: check midpoints too.
    return inner.edges.every(([p, q]) => polygonContains(polygon, midpoint(p, q)));
  });
}

function midpoint(a: Vec, b: Vec): Vec {
  const m: Vec = [a[0] + b[0], a[1] + b[1], a[2] + b[2]];
  const len = norm(m);
  return len < EPS ? a : scale(m, 1 / len);
}

/** `$centerSphere`: every vertex within `radius` radians of the center. */
export function withinSphericalCap(shape: Shape, center: Position, radius: number): boolean {
  return vertices(shape).every((p) => sphericalDistance(p, center) <= radius);
}

/** Distance in radians from a point to the nearest vertex of a shape (0 when inside one of its polygons). */
export function sphericalDistanceTo(shape: Shape, from: Position): number {
  const p = toVec(from);
  if (shape.polygons.some((poly) => polygonContains(poly.map((r) => r.map(toVec)), p))) return 0;
  return Math.min(...vertices(shape).map((v) => sphericalDistance(v, from)));
}
