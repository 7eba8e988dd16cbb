import type { Document } from 'bson';
import { resolve } from 'mingo/util';
import { isNumeric, isPlainObject } from '../bson/bson-kind.js';
import { setOwn } from '../bson/own-property.js';
import { toNumber } from '../bson/bson-numbers.js';
import { CommandError, ErrorCode } from '../errors.js';
import { nearDistance } from '../geo/geo-operators.js';
import { compileFilter } from '../query/filter.js';
import { matchRecords } from '../query/find-executor.js';
import type { Collection } from '../storage/collection.js';

/**
 * The `$geoNear` aggregation stage (first stage only): the documents matching `query` nearest
 * `near` first, each with its distance in `distanceField` (times `distanceMultiplier`) and, with
 * `includeLocs`, its location. It is answered as a `$near`/`$nearSphere` query on `key` (or the
 * field of the collection's only geo index) with the same units: meters for a GeoJSON point,
 * radians for a legacy pair with `spherical`, plane units otherwise.
 */
export function geoNearStage(collection: Collection | undefined, spec: unknown): Document[] {
  if (!isPlainObject(spec)) throw new CommandError(ErrorCode.FailedToParse, '$geoNear argument must be an object');
  if (typeof spec.distanceField !== 'string') throw new CommandError(ErrorCode.FailedToParse, '$geoNear requires a \'distanceField\' option as a String');
  if (spec.near === undefined) throw new CommandError(ErrorCode.FailedToParse, '$geoNear requires a \'near\' option');
  if (!collection) return [];
  const key = typeof spec.key === 'string' ? spec.key : onlyGeoField(collection);
  const geoJson = isPlainObject(spec.near) && spec.near.type !== undefined;
  const distances: Document = {};
  if (spec.maxDistance !== undefined) distances.$maxDistance = spec.maxDistance;
  if (spec.minDistance !== undefined) distances.$minDistance = spec.minDistance;
  const condition = geoJson
    ? { $near: { $geometry: spec.near, ...distances } }
    : { [spec.spherical === true ? '$nearSphere' : '$near']: spec.near, ...distances };
  const query = isPlainObject(spec.query) ? spec.query : {};
  const compiled = compileFilter({ ...query, [key]: condition }, '$geoNear');
  const near = compiled.near;
  if (!near) throw new CommandError(ErrorCode.BadValue, '$geoNear requires a near point');
  const multiplier = isNumeric(spec.distanceMultiplier) ? toNumber(spec.distanceMultiplier) : 1;
  return matchRecords(collection, { compiled }).records.map((record) => {
    const doc: Document = { ...record.doc };
    const location = resolve(doc, key);
    setPath(doc, spec.distanceField as string, nearDistance(location, near.spec) * multiplier);
    if (typeof spec.includeLocs === 'string') setPath(doc, spec.includeLocs, location);
    return doc;
  });
}

function onlyGeoField(collection: Collection): string {
  const fields = [...collection.indexes.values()].flatMap((index) =>
    Object.entries(index.spec.key as Document)
      .filter(([, type]) => type === '2d' || type === '2dsphere')
      .map(([field]) => field),
  );
  if (fields.length === 0) throw new CommandError(ErrorCode.NoQueryExecutionPlans, '$geoNear requires a 2d or 2dsphere index, but none were found');
  if (fields.length > 1) throw new CommandError(ErrorCode.BadValue, `There is more than one geo index on ${collection.namespace}; unsure which to use for $geoNear`);
  return fields[0];
}

/** Sets a dotted field on a fresh copy of the path's embedded documents. */
function setPath(doc: Document, path: string, value: unknown): void {
  const parts = path.split('.');
  let cur: Document = doc;
  for (const part of parts.slice(0, -1)) {
    const next = isPlainObject(cur[part]) ? { ...(cur[part] as Document) } : {};
    setOwn(cur, part, next);
    cur = next;
  }
  setOwn(cur, parts[parts.length - 1], value);
}
