import { Double } from 'bson';

/**
 * Number width. JS numbers stand for int32 values and for doubles with a fractional part (or
 * outside int32 range); a double with a whole value is kept as a bson `Double`, so that it stays
 * a double in storage and replies and `$type: 'double'` matches it, as in MongoDB. Everything
 * numeric in this server reads it through bsonKind/toNumber; mingo, which computes on JS numbers
 * only, is given a numeric view (see numericView) wherever it evaluates expressions.
 */
export function isDoubleObject(value: unknown): value is Double {
  return (value as { _bsontype?: string } | null)?._bsontype === 'Double';
}

/** Whether a numeric result should be a double: one operand was a double (a Double, or a JS number with a fraction). */
export function isDoubleKind(value: unknown): boolean {
  return isDoubleObject(value) || (typeof value === 'number' && !Number.isInteger(value));
}

/** A double result in the server's representation: a Double when whole, a JS number otherwise. */
export function asDouble(n: number): unknown {
  return Number.isInteger(n) ? new Double(n) : n;
}

/**
 * Converts, in place, what bson decodes with `promoteValues: false` into the server's
 * representation: Int32 → number, Double → number unless whole, BSONSymbol → string.
 * Only freshly decoded values are passed here, so mutating them is safe.
 */
export function promoteDecoded(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  const tag = (value as { _bsontype?: string })._bsontype;
  if (tag === 'Int32') return (value as { value: number }).value;
  if (tag === 'Double') {
    const n = (value as Double).value;
    return Number.isInteger(n) && !Object.is(n, -0) ? value : n;
  }
  if (tag === 'BSONSymbol') return (value as { value: string }).value;
  if (tag !== undefined && tag !== 'DBRef') return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = promoteDecoded(value[i]);
    return value;
  }
  const target = tag === 'DBRef' ? (value as { oid: unknown; fields: Record<string, unknown> }) : undefined;
  if (target) {
    target.oid = promoteDecoded(target.oid);
    promoteDecoded(target.fields);
    return value;
  }
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    const v = record[key];
    if (v !== null && typeof v === 'object') {
      const promoted = promoteDecoded(v);
      if (promoted !== v) Object.defineProperty(record, key, { value: promoted, writable: true, enumerable: true, configurable: true });
    }
  }
  return value;
}

/**
 * The same value with every Double turned into a JS number, for mingo's expression evaluation
 * (aggregation, `$expr`, `$where`, computed projections). Returns the value itself when it holds
 * no Double, so documents without whole doubles are not copied.
 */
export function numericView<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (isDoubleObject(value)) return value.value as T;
  if (Array.isArray(value)) {
    let out: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const v = numericView(value[i]);
      if (v !== value[i]) (out ??= value.slice())[i] = v;
    }
    return (out ?? value) as T;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value;
  let out: Record<string, unknown> | undefined;
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    const v = numericView(record[key]);
    if (v !== record[key]) {
      out ??= { ...record };
      Object.defineProperty(out, key, { value: v, writable: true, enumerable: true, configurable: true });
    }
  }
  return (out ?? value) as T;
}

/**
 * After mingo rewrote a numeric view of `original` (a pipeline update), puts back the Doubles
 * whose values came through unchanged, so untouched whole doubles stay doubles.
 */
export function restoreDoubles(original: unknown, result: unknown): unknown {
  if (isDoubleObject(original)) return typeof result === 'number' && result === original.value ? original : result;
  if (Array.isArray(original) && Array.isArray(result)) {
    for (let i = 0; i < result.length; i++) result[i] = restoreDoubles(original[i], result[i]);
    return result;
  }
  if (original !== null && typeof original === 'object' && result !== null && typeof result === 'object' && !Array.isArray(result)) {
    const proto = Object.getPrototypeOf(result);
    if (proto !== Object.prototype && proto !== null) return result;
    const from = original as Record<string, unknown>;
    const into = result as Record<string, unknown>;
    for (const key of Object.keys(into)) {
      if (!Object.hasOwn(from, key)) continue;
      const restored = restoreDoubles(from[key], into[key]);
      if (restored !== into[key]) Object.defineProperty(into, key, { value: restored, writable: true, enumerable: true, configurable: true });
    }
  }
  return result;
}
