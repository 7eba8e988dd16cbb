import type { Document } from 'bson';
import { bsonKind, isPlainObject } from '../bson/bson-kind.js';

/**
 * The document an upsert starts from: the equality parts of its query (`field: value`,
 * `$eq`, single-value `$in`, also inside top-level `$and`), dotted paths expanded.
 */
export function upsertSeed(filter: Document): Document {
  const seed: Document = {};
  addEqualities(filter, seed);
  return seed;
}

function addEqualities(filter: Document, seed: Document): void {
  for (const [key, value] of Object.entries(filter)) {
    if (key === '$and' && Array.isArray(value)) {
      for (const sub of value) if (isPlainObject(sub)) addEqualities(sub, seed);
      continue;
    }
    if (key.startsWith('$')) continue;
    if (isPlainObject(value) && Object.keys(value).some((k) => k.startsWith('$'))) {
      if ('$eq' in value) set(seed, key, value.$eq);
      else if (Array.isArray(value.$in) && value.$in.length === 1 && bsonKind(value.$in[0]) !== 'regex') set(seed, key, value.$in[0]);
      continue;
    }
    if (bsonKind(value) === 'regex') continue;
    set(seed, key, value);
  }
}

function set(doc: Document, path: string, value: unknown): void {
  const parts = path.split('.');
  let cur: Document = doc;
  for (let i = 0; i < parts.length - 1; i++) {
    if (!isPlainObject(cur[parts[i]])) cur[parts[i]] = {};
    cur = cur[parts[i]] as Document;
  }
  cur[parts[parts.length - 1]] = value;
}
