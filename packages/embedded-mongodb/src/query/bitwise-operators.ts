import type { Binary, Long } from 'bson';
import { resolve } from 'mingo/util';
import type { Any, AnyObject, Options } from 'mingo/types';
import { bsonKind } from '../bson/bson-kind.js';
import { toNumber } from '../bson/bson-numbers.js';

/**
 * `$bitsAllSet`, `$bitsAnySet`, `$bitsAllClear`, `$bitsAnyClear` over integers (as 64-bit two's
 * complement) and BinData (bit 0 is the lowest bit of the first byte), with a mask given as bit
 * positions, a number or BinData. mingo's versions use 32-bit JS operators and ignore BinData.
 */
type Test = (value: BitSource, positions: number[]) => boolean;

interface BitSource {
  bit(position: number): boolean;
}

function bitsOf(value: unknown): BitSource | undefined {
  const kind = bsonKind(value);
  if (kind === 'binData') {
    const b = value as Binary;
    const bytes = b.buffer.subarray(0, b.position);
    return { bit: (p) => p < bytes.length * 8 && ((bytes[p >> 3] >> (p & 7)) & 1) === 1 };
  }
  let n: bigint;
  if (kind === 'number') {
    const x = toNumber(value);
    if (!Number.isInteger(x) || Math.abs(x) > 2 ** 63) return undefined;
    n = BigInt(x);
  } else if (kind === 'long') n = BigInt((value as Long).toString());
  else if (kind === 'decimal') {
    const x = toNumber(value);
    if (!Number.isInteger(x)) return undefined;
    n = BigInt(x);
  } else return undefined;
  const word = BigInt.asUintN(64, n);
  // Positions past 63 read the sign bit, as in MongoDB.
  return { bit: (p) => ((word >> BigInt(Math.min(p, 63))) & 1n) === 1n };
}

function maskPositions(mask: unknown, operator: string): number[] {
  if (Array.isArray(mask)) {
    return mask.map((p) => {
      const n = toNumber(p);
      if (!Number.isInteger(n) || n < 0) throw new Error(`bit positions must be >= 0 but got: ${String(p)} in ${operator}`);
      return n;
    });
  }
  const source = bsonKind(mask) === 'binData' ? bitsOf(mask) : undefined;
  if (source) {
    const b = mask as Binary;
    return Array.from({ length: b.position * 8 }, (_, p) => p).filter((p) => source.bit(p));
  }
  const n = toNumber(mask);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${operator} takes an Array, a number, or a BinData but received: ${String(mask)}`);
  const positions: number[] = [];
  for (let p = 0, word = BigInt(n); word > 0n; p++, word >>= 1n) if (word & 1n) positions.push(p);
  return positions;
}

function bitwise(name: string, test: Test) {
  return (selector: string, mask: Any, _options: Options) => {
    const positions = maskPositions(mask, name);
    return (obj: AnyObject) => {
      const value = resolve(obj, selector, { unwrapArray: true });
      const candidates = Array.isArray(value) ? value : [value];
      return candidates.some((v) => {
        const source = bitsOf(v);
        return source !== undefined && test(source, positions);
      });
    };
  };
}

export const bitwiseOperators = {
  $bitsAllSet: bitwise('$bitsAllSet', (v, ps) => ps.every((p) => v.bit(p))),
  $bitsAnySet: bitwise('$bitsAnySet', (v, ps) => ps.some((p) => v.bit(p))),
  $bitsAllClear: bitwise('$bitsAllClear', (v, ps) => ps.every((p) => !v.bit(p))),
  $bitsAnyClear: bitwise('$bitsAnyClear', (v, ps) => ps.some((p) => !v.bit(p))),
};
