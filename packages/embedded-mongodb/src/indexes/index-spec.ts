import type { Document } from 'bson';
import { valueHash } from '../bson/bson-hash.js';
import { isNumeric, isPlainObject } from '../bson/bson-kind.js';
import { toNumber } from '../bson/bson-numbers.js';
import { renderValue } from '../bson/bson-render.js';
import { CommandError, ErrorCode } from '../errors.js';

export interface IndexField {
  readonly path: string;
  readonly direction: 1 | -1;
}

const SPECIAL_TYPES = new Set(['text', '2dsphere', '2d', 'hashed', 'geoHaystack']);

/** Ascending/descending fields of a key pattern; `ordered` is false when any field is a special type. */
export function describeIndexKey(key: Document): { fields: IndexField[]; ordered: boolean } {
  const fields: IndexField[] = [];
  let ordered = true;
  for (const [path, value] of Object.entries(key)) {
    if (isNumeric(value)) fields.push({ path, direction: toNumber(value) < 0 ? -1 : 1 });
    else ordered = false;
    if (path === '$**' || path.endsWith('.$**')) ordered = false;
  }
  return { fields, ordered };
}

export const ID_INDEX_SPEC: Document = { v: 2, key: { _id: 1 }, name: '_id_' };

/** Options that make two indexes on the same key different indexes. */
const SIGNIFICANT_OPTIONS = [
  'unique', 'sparse', 'partialFilterExpression', 'expireAfterSeconds', 'collation', 'weights',
  'default_language', 'language_override', 'textIndexVersion', '2dsphereIndexVersion', 'bits', 'min', 'max',
  'wildcardProjection', 'hidden',
];

function optionsSignature(spec: Document): string {
  const picked: Document = {};
  for (const o of SIGNIFICANT_OPTIONS) {
    if (spec[o] === undefined) continue;
    // unique:false is the same index as no unique at all.
    if ((o === 'unique' || o === 'sparse' || o === 'hidden') && !spec[o]) continue;
    picked[o] = o === 'expireAfterSeconds' ? toNumber(spec[o]) : spec[o];
  }
  return valueHash(picked);
}

export function sameKey(a: Document, b: Document): boolean {
  return valueHash(normalizeKey(a)) === valueHash(normalizeKey(b));
}

function normalizeKey(key: Document): Document {
  const out: Document = {};
  for (const [k, v] of Object.entries(key)) out[k] = isNumeric(v) ? (toNumber(v) < 0 ? -1 : 1) : v;
  return out;
}

export function sameOptions(a: Document, b: Document): boolean {
  return optionsSignature(a) === optionsSignature(b);
}

/**
 * Validates one createIndexes entry and returns the spec to store: `{v: 2, key, name, ...options}`,
 * with text indexes in the server's canonical `_fts`/`_ftsx` form that mongoose compares against.
 */
export function normalizeIndexSpec(raw: unknown): Document {
  if (!isPlainObject(raw)) throw new CommandError(ErrorCode.TypeMismatch, "The 'indexes' field must be an array of objects");
  const key = raw.key;
  if (!isPlainObject(key) || Object.keys(key).length === 0) {
    throw new CommandError(ErrorCode.CannotCreateIndex, 'Index keys cannot be empty.');
  }
  if (typeof raw.name !== 'string' || raw.name.length === 0) {
    throw new CommandError(ErrorCode.CannotCreateIndex, "The 'name' field is a required property of an index specification");
  }
  for (const [path, value] of Object.entries(key)) {
    const valid =
      (isNumeric(value) && toNumber(value) !== 0 && !Number.isNaN(toNumber(value))) ||
      (typeof value === 'string' && SPECIAL_TYPES.has(value));
    if (!valid || path === '') {
      throw new CommandError(ErrorCode.CannotCreateIndex, `Error in specification ${renderValue(raw)} :: caused by :: Unknown index plugin '${String(value)}'`);
    }
    if (path.startsWith('$') && path !== '$**') {
      throw new CommandError(ErrorCode.CannotCreateIndex, `Index key contains an illegal field name: field name starts with '$'.`);
    }
  }
  if (raw.sparse && raw.partialFilterExpression) {
    throw new CommandError(ErrorCode.CannotCreateIndex, 'cannot mix "partialFilterExpression" and "sparse" options');
  }
  if (raw.partialFilterExpression !== undefined && !isPlainObject(raw.partialFilterExpression)) {
    throw new CommandError(ErrorCode.TypeMismatch, "The field 'partialFilterExpression' must be an object");
  }
  if (raw.expireAfterSeconds !== undefined) {
    const s = toNumber(raw.expireAfterSeconds);
    if (!Number.isFinite(s) || s < 0 || s > 2147483647) {
      throw new CommandError(ErrorCode.CannotCreateIndex, `TTL index 'expireAfterSeconds' option must be within an acceptable range`);
    }
  }
  if (raw.name === '_id_' && !sameKey(key, { _id: 1 })) {
    throw new CommandError(ErrorCode.BadValue, "The index name '_id_' is reserved for the _id index");
  }
  const stored: Document = { v: 2, key: Object.values(key).includes('text') ? textKey(key) : key, name: raw.name };
  for (const [k, v] of Object.entries(raw)) {
    if (k === 'key' || k === 'name' || k === 'v' || k === 'ns' || k === 'background') continue;
    stored[k] = v;
  }
  if (Object.values(key).includes('text')) {
    const weights: Document = isPlainObject(raw.weights) ? { ...raw.weights } : {};
    for (const [path, value] of Object.entries(key)) if (value === 'text' && weights[path] === undefined) weights[path] = 1;
    stored.weights = weights;
    stored.default_language ??= 'english';
    stored.language_override ??= 'language';
    stored.textIndexVersion ??= 3;
  }
  return stored;
}

function textKey(key: Document): Document {
  const out: Document = {};
  let placed = false;
  for (const [path, value] of Object.entries(key)) {
    if (value === 'text') {
      if (!placed) {
        out._fts = 'text';
        out._ftsx = 1;
        placed = true;
      }
    } else out[path] = value;
  }
  return out;
}
