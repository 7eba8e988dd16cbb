import { Decimal128, Long } from 'bson';
import { bsonKind } from './bson-kind.js';
import { asDouble, isDoubleKind } from './doubles.js';

/**
 * Exact arithmetic and comparison across MongoDB's numeric types (double, int64, Decimal128).
 * JS numbers stand for int32 and double; Long and Decimal128 are kept as bson instances so
 * they round-trip with their type, which means mingo cannot compare or add them by itself.
 */

/** A finite decimal value: coefficient × 10^exponent. */
interface Exact {
  readonly coefficient: bigint;
  readonly exponent: number;
}
type Special = 'nan' | 'inf' | '-inf';

function parseDecimalString(text: string): Exact | Special {
  const s = text.trim();
  if (/^[-+]?nan$/i.test(s)) return 'nan';
  if (/^\+?inf(inity)?$/i.test(s)) return 'inf';
  if (/^-inf(inity)?$/i.test(s)) return '-inf';
  const m = /^([-+]?)(\d*)(?:\.(\d*))?(?:e([-+]?\d+))?$/i.exec(s);
  if (!m) return 'nan';
  const digits = (m[2] ?? '') + (m[3] ?? '');
  const exponent = (m[4] ? parseInt(m[4], 10) : 0) - (m[3]?.length ?? 0);
  const coefficient = BigInt(digits === '' ? '0' : digits) * (m[1] === '-' ? -1n : 1n);
  return { coefficient, exponent };
}

function toExact(value: unknown): Exact | Special {
  switch (bsonKind(value)) {
    case 'number': {
      const n = Number(value);
      if (Number.isNaN(n)) return 'nan';
      if (n === Infinity) return 'inf';
      if (n === -Infinity) return '-inf';
      if (Number.isSafeInteger(n)) return { coefficient: BigInt(n), exponent: 0 };
      return parseDecimalString(n.toString());
    }
    case 'long':
      return typeof value === 'bigint' ? { coefficient: value, exponent: 0 } : { coefficient: BigInt((value as Long).toString()), exponent: 0 };
    case 'decimal':
      return parseDecimalString((value as Decimal128).toString());
    default:
      return 'nan';
  }
}

function align(a: Exact, b: Exact): [bigint, bigint, number] {
  if (a.exponent === b.exponent) return [a.coefficient, b.coefficient, a.exponent];
  if (a.exponent > b.exponent) return [a.coefficient * 10n ** BigInt(a.exponent - b.exponent), b.coefficient, b.exponent];
  return [a.coefficient, b.coefficient * 10n ** BigInt(b.exponent - a.exponent), a.exponent];
}

const SPECIAL_ORDER: Record<Special, number> = { nan: 0, '-inf': 1, inf: 3 };

/** Numeric comparison across types: NaN lowest, -0 equal to 0. */
export function compareNumeric(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') {
    if (a < b) return -1;
    if (a > b) return 1;
    if (a === b) return 0;
    const an = Number.isNaN(a);
    const bn = Number.isNaN(b);
    return an === bn ? 0 : an ? -1 : 1;
  }
  const x = toExact(a);
  const y = toExact(b);
  const rx = typeof x === 'string' ? SPECIAL_ORDER[x] : 2;
  const ry = typeof y === 'string' ? SPECIAL_ORDER[y] : 2;
  if (rx !== ry) return rx < ry ? -1 : 1;
  if (typeof x === 'string' || typeof y === 'string') return 0;
  const [cx, cy] = align(x, y);
  return cx < cy ? -1 : cx > cy ? 1 : 0;
}

/** A canonical text for a number, equal for values MongoDB considers equal (1, 1.0, Long(1), Decimal('1.00')). */
export function canonicalNumber(value: unknown): string {
  if (typeof value === 'number') {
    if (Number.isSafeInteger(value)) return value === 0 ? '0' : String(value);
  }
  const e = toExact(value);
  if (typeof e === 'string') return e;
  let { coefficient, exponent } = e;
  if (coefficient === 0n) return '0';
  while (coefficient % 10n === 0n) {
    coefficient /= 10n;
    exponent += 1;
  }
  // Integers print as plain digits so that they match the safe-integer fast path above.
  if (exponent >= 0 && exponent <= 40) return String(coefficient * 10n ** BigInt(exponent));
  return `${coefficient}e${exponent}`;
}

function exactToDecimal(e: Exact): Decimal128 {
  return Decimal128.fromStringWithRounding(`${e.coefficient}E${e.exponent}`);
}

function exactFromDecimalSpecial(s: Special): Decimal128 {
  return Decimal128.fromString(s === 'nan' ? 'NaN' : s === 'inf' ? 'Infinity' : '-Infinity');
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

function isIntegral(value: unknown): boolean {
  const k = bsonKind(value);
  return k === 'long' || (k === 'number' && Number.isInteger(Number(value)));
}

type Op = 'add' | 'mul';

/**
 * $inc / $mul with MongoDB's type widening: Decimal128 wins, then double, then int64.
 * Integer results that overflow int64 become doubles, as the server does for int32 → int64.
 */
export function arithmetic(op: Op, current: unknown, operand: unknown): unknown {
  const kc = bsonKind(current);
  const ko = bsonKind(operand);
  if (kc === 'decimal' || ko === 'decimal') {
    const x = toExact(current);
    const y = toExact(operand);
    if (typeof x === 'string' || typeof y === 'string') {
      const special = typeof x === 'string' ? x : (y as Special);
      return exactFromDecimalSpecial(special);
    }
    if (op === 'add') {
      const [cx, cy, exponent] = align(x, y);
      return exactToDecimal({ coefficient: cx + cy, exponent });
    }
    return exactToDecimal({ coefficient: x.coefficient * y.coefficient, exponent: x.exponent + y.exponent });
  }
  if ((kc === 'long' || ko === 'long') && isIntegral(current) && isIntegral(operand)) {
    const x = BigInt(kc === 'long' ? (current as Long).toString() : Number(current));
    const y = BigInt(ko === 'long' ? (operand as Long).toString() : Number(operand));
    const r = op === 'add' ? x + y : x * y;
    if (r < INT64_MIN || r > INT64_MAX) return Number(r);
    return Long.fromBigInt(r);
  }
  const x = toNumber(current);
  const y = toNumber(operand);
  const r = op === 'add' ? x + y : x * y;
  // int32 with double is a double, even when the result is whole; int32 overflowing becomes int64.
  if (isDoubleKind(current) || isDoubleKind(operand)) return asDouble(r);
  return Number.isSafeInteger(r) && (r > 2147483647 || r < -2147483648) ? Long.fromNumber(r) : r;
}

/** Lossy conversion used where a JS number is good enough (limits, skips, $sum over mixed types). */
export function toNumber(value: unknown): number {
  switch (bsonKind(value)) {
    case 'number':
      return Number(value);
    case 'long':
      return typeof value === 'bigint' ? Number(value) : (value as Long).toNumber();
    case 'decimal':
      return Number((value as Decimal128).toString());
    default:
      return NaN;
  }
}
