import type { Document } from 'bson';
import { compareValues } from '../bson/bson-compare.js';
import { valueHash } from '../bson/bson-hash.js';
import { bsonKind } from '../bson/bson-kind.js';
import { setOwn } from '../bson/own-property.js';

/** One field an update sets (or, with UNSET, removes) on a concrete path. */
export interface Assignment {
  readonly path: string;
  /** UNSET removes the field (an array element becomes null, as in MongoDB). */
  readonly value: unknown;
}

export const UNSET = Symbol('unset');

/** Same BSON type and value, and the same bytes (a Binary subtype or a -0 counts as a change). */
export function identical(a: unknown, b: unknown): boolean {
  return bsonKind(a) === bsonKind(b) && compareValues(a, b) === 0 && valueHash(a) === valueHash(b);
}

/**
 * Sets (or with UNSET removes) a concrete path, creating embedded documents on the way; a
 * numeric component indexes an array, padding it with nulls as MongoDB does. Field names are
 * taken as they are (`$`-prefixed, `__proto__`). Returns whether anything changed.
 */
export function setPath(doc: Document, path: string, value: unknown): boolean {
  const parts = path.split('.');
  let cur: Record<string, unknown> | unknown[] = doc;
  for (let i = 0; i < parts.length - 1; i++) {
    const key = parts[i];
    const next: unknown = Array.isArray(cur) ? cur[Number(key)] : Object.hasOwn(cur, key) ? cur[key] : undefined;
    if (next === undefined || next === null) {
      if (value === UNSET) return false;
      const created = {};
      assign(cur, key, created);
      cur = created;
    } else cur = next as Record<string, unknown> | unknown[];
  }
  const last = parts[parts.length - 1];
  const present = Array.isArray(cur) ? Number(last) < cur.length : Object.hasOwn(cur, last);
  const before = present ? (Array.isArray(cur) ? cur[Number(last)] : cur[last]) : undefined;
  if (value === UNSET) {
    if (!present) return false;
    if (Array.isArray(cur)) cur[Number(last)] = null;
    else delete cur[last];
    return true;
  }
  if (present && identical(before, value)) return false;
  assign(cur, last, value);
  return true;
}

function assign(target: Record<string, unknown> | unknown[], key: string, value: unknown): void {
  if (Array.isArray(target)) {
    const index = Number(key);
    while (target.length < index) target.push(null);
    target[index] = value;
  } else setOwn(target, key, value);
}

