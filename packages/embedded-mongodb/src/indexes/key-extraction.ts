import { isPlainObject } from '../bson/bson-kind.js';

/** The key an empty array produces: it sorts below null, so two `[]` values collide in a unique index. */
const EMPTY_ARRAY_KEY = undefined;

export interface FieldKeys {
  /** Distinct-by-identity key values for one index field (several when the path crosses an array). */
  readonly values: unknown[];
  /** The path is absent on every branch (what `sparse` skips). */
  readonly missing: boolean;
  /** An array was crossed or found at the leaf: the index becomes multikey. */
  readonly multikey: boolean;
}

const DIGITS = /^\d+$/;

/** Extracts index key values for a dotted path with MongoDB's multikey expansion. */
export function extractFieldKeys(doc: Record<string, unknown>, path: string): FieldKeys {
  const parts = path.split('.');
  const values: unknown[] = [];
  const state = { missing: true, multikey: false };
  walk(doc, parts, 0, values, state);
  return { values, missing: state.missing, multikey: state.multikey };
}

function walk(value: unknown, parts: string[], i: number, out: unknown[], state: { missing: boolean; multikey: boolean }): void {
  if (i === parts.length) {
    if (value === undefined) {
      out.push(null);
      return;
    }
    state.missing = false;
    if (Array.isArray(value)) {
      state.multikey = true;
      if (value.length === 0) out.push(EMPTY_ARRAY_KEY);
      else for (const element of value) out.push(element);
      return;
    }
    out.push(value);
    return;
  }
  if (Array.isArray(value)) {
    const part = parts[i];
    if (DIGITS.test(part) && Number(part) < value.length && !value.some(isPlainObject)) {
      walk(value[Number(part)], parts, i + 1, out, state);
      return;
    }
    state.multikey = true;
    if (value.length === 0) {
      out.push(null);
      return;
    }
    for (const element of value) {
      if (Array.isArray(element)) out.push(null);
      else walk(element, parts, i, out, state);
    }
    return;
  }
  if (isPlainObject(value)) {
    walk(value[parts[i]], parts, i + 1, out, state);
    return;
  }
  out.push(null);
}
