import type { DBRef, Document } from 'bson';
import { isPlainObject } from '../bson/bson-kind.js';
import { setOwn } from '../bson/own-property.js';

/**
 * Queries may name the fields of a DBRef (`{refs: {$elemMatch: {$id: x}}}`, `'ref.$id'`): MongoDB
 * reads `$ref`, `$id` and `$db` as field names, not operators. mingo would take them for
 * operators, and stored DBRefs are bson DBRef instances without those fields, so such a filter
 * is evaluated on a view of the document in which DBRefs are plain documents and these three
 * names are escaped (with a NUL, which no stored field name can contain) in documents and filter alike.
 */
const DBREF_FIELDS = new Set(['$ref', '$id', '$db']);
const ESCAPE = '\u0000';
const LOGICAL = new Set(['$and', '$or', '$nor']);

export function mentionsDbRefFields(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(mentionsDbRefFields);
  if (!isPlainObject(value)) return false;
  return Object.entries(value).some(([k, v]) => k.split('.').some((p) => DBREF_FIELDS.has(p)) || mentionsDbRefFields(v));
}

function escapeKey(key: string): string {
  return key
    .split('.')
    .map((p) => (DBREF_FIELDS.has(p) ? ESCAPE + p : p))
    .join('.');
}

function isOperatorObject(value: unknown): value is Document {
  if (!isPlainObject(value)) return false;
  const first = Object.keys(value)[0];
  return first !== undefined && first.startsWith('$') && !DBREF_FIELDS.has(first);
}

/** The filter with DBRef field names escaped, in field positions and in equality values. */
export function escapeDbRefQuery(query: Document): Document {
  const out: Document = {};
  for (const [key, value] of Object.entries(query)) {
    if (LOGICAL.has(key) && Array.isArray(value)) out[key] = value.map((q) => (isPlainObject(q) ? escapeDbRefQuery(q) : q));
    else if (key.startsWith('$') && !DBREF_FIELDS.has(key)) out[key] = value;
    else setOwn(out, escapeKey(key), escapeCondition(value));
  }
  return out;
}

function escapeCondition(value: unknown): unknown {
  if (!isOperatorObject(value)) return dbRefView(value);
  const out: Document = {};
  for (const [op, arg] of Object.entries(value)) {
    if (op === '$elemMatch' && isPlainObject(arg)) out[op] = isOperatorObject(arg) ? escapeCondition(arg) : escapeDbRefQuery(arg);
    else if (op === '$not') out[op] = escapeCondition(arg);
    else if (op === '$in' || op === '$nin' || op === '$all') out[op] = Array.isArray(arg) ? arg.map(dbRefView) : arg;
    else out[op] = dbRefView(arg);
  }
  return out;
}

/** A copy in which DBRef instances are plain documents and DBRef field names are escaped. */
export function dbRefView(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(dbRefView);
  if ((value as { _bsontype?: string } | null)?._bsontype === 'DBRef') {
    const ref = value as DBRef;
    const plain: Document = { $ref: ref.collection, $id: ref.oid };
    if (ref.db) plain.$db = ref.db;
    Object.assign(plain, ref.fields);
    return dbRefView(plain);
  }
  if (!isPlainObject(value)) return value;
  const out: Document = {};
  for (const [k, v] of Object.entries(value)) setOwn(out, DBREF_FIELDS.has(k) ? ESCAPE + k : k, dbRefView(v));
  return out;
}
