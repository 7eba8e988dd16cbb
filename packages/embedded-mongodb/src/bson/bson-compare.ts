import type { Binary, BSONRegExp, Code, ObjectId, Timestamp } from 'bson';
import { bsonKind, rankOfKind } from './bson-kind.js';
import { compareNumeric } from './bson-numbers.js';

/**
 * MongoDB's total order over BSON values (type bracket first, then value).
 * Used for sort, index keys, unique checks, distinct and comparison query operators,
 * because mingo orders foreign types by constructor name and Decimal128/Long as strings.
 */
export function compareValues(a: unknown, b: unknown): number {
  return compareValuesWith(a, b, activeCollator);
}

/** A collation's string order; `null` is MongoDB's simple (binary) collation. */
export type Collator = Intl.Collator | null;

/** The collation of the running command (string values compare by it, field names never do). */
let activeCollator: Collator = null;

/** Runs `fn` with string values compared by `collator` (commands run synchronously, one at a time). */
export function withCollator<T>(collator: Collator, fn: () => T): T {
  const previous = activeCollator;
  activeCollator = collator;
  try {
    return fn();
  } finally {
    activeCollator = previous;
  }
}

export function currentCollator(): Collator {
  return activeCollator;
}

/** compareValues with an explicit collation (indexes keep their own, whatever the command's). */
export function compareValuesWith(a: unknown, b: unknown, collator: Collator): number {
  // Fast paths for the overwhelmingly common cases.
  if (typeof a === 'number' && typeof b === 'number') return compareNumeric(a, b);
  if (typeof a === 'string' && typeof b === 'string') return collator ? sign(collator.compare(a, b)) : compareStrings(a, b);
  const ka = bsonKind(a);
  const kb = bsonKind(b);
  const ra = rankOfKind(ka);
  const rb = rankOfKind(kb);
  if (ra !== rb) return ra < rb ? -1 : 1;
  switch (ka) {
    case 'number':
    case 'long':
    case 'decimal':
      return compareNumeric(a, b);
    case 'string':
    case 'symbol':
    {
      const sa = String(a instanceof Object ? (a as { value: string }).value : a);
      const sb = String(b instanceof Object ? (b as { value: string }).value : b);
      return collator ? sign(collator.compare(sa, sb)) : compareStrings(sa, sb);
    }
    case 'object':
      return compareObjects(a as Record<string, unknown>, b as Record<string, unknown>, collator);
    case 'array':
      return compareArrays(a as unknown[], b as unknown[], collator);
    case 'binData':
      return compareBinary(a as Binary, b as Binary);
    case 'objectId':
      return compareStrings((a as ObjectId).toHexString(), (b as ObjectId).toHexString());
    case 'bool':
      return a === b ? 0 : a ? 1 : -1;
    case 'date':
      return sign((a as Date).getTime() - (b as Date).getTime());
    case 'timestamp': {
      const ta = a as Timestamp;
      const tb = b as Timestamp;
      return ta.t !== tb.t ? sign(ta.t - tb.t) : sign(ta.i - tb.i);
    }
    case 'regex': {
      const [pa, fa] = regexParts(a);
      const [pb, fb] = regexParts(b);
      return compareStrings(pa, pb) || compareStrings(fa, fb);
    }
    case 'javascript':
      return compareStrings(codeText(a), codeText(b));
    default:
      return 0;
  }
}

function sign(n: number): number {
  return n < 0 ? -1 : n > 0 ? 1 : 0;
}

/** Code-point (UTF-8 byte) order; plain UTF-16 comparison misorders astral characters. */
function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) {
      const sx = x >= 0xd800 && x <= 0xdfff;
      const sy = y >= 0xd800 && y <= 0xdfff;
      if (sx !== sy) return sx ? 1 : -1;
      return x < y ? -1 : 1;
    }
  }
  return a.length < b.length ? -1 : a.length > b.length ? 1 : 0;
}

function compareObjects(a: Record<string, unknown>, b: Record<string, unknown>, collator: Collator): number {
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  const n = Math.min(ka.length, kb.length);
  for (let i = 0; i < n; i++) {
    const va = a[ka[i]];
    const vb = b[kb[i]];
    const r = rankOfKind(bsonKind(va)) - rankOfKind(bsonKind(vb));
    if (r !== 0) return r < 0 ? -1 : 1;
    const f = compareStrings(ka[i], kb[i]);
    if (f !== 0) return f;
    const v = compareValuesWith(va, vb, collator);
    if (v !== 0) return v;
  }
  return sign(ka.length - kb.length);
}

function compareArrays(a: unknown[], b: unknown[], collator: Collator): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const c = compareValuesWith(a[i], b[i], collator);
    if (c !== 0) return c;
  }
  return sign(a.length - b.length);
}

function compareBinary(a: Binary, b: Binary): number {
  if (a.position !== b.position) return sign(a.position - b.position);
  if (a.sub_type !== b.sub_type) return sign(a.sub_type - b.sub_type);
  return Buffer.compare(Buffer.from(a.buffer.subarray(0, a.position)), Buffer.from(b.buffer.subarray(0, b.position)));
}

function regexParts(value: unknown): [string, string] {
  if (value instanceof RegExp) return [value.source, value.flags];
  const r = value as BSONRegExp;
  return [r.pattern, r.options];
}

function codeText(value: unknown): string {
  return typeof value === 'function' ? value.toString() : (value as Code).code;
}
