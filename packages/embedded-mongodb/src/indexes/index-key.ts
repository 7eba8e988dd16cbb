import { compareValuesWith, type Collator } from '../bson/bson-compare.js';
import { typeRank } from '../bson/bson-kind.js';

/**
 * Index entries are ordered by their field values (each in its index direction), then by the
 * record's insertion sequence, like MongoDB's RecordId tie-break. Probes for range scans use the
 * sentinels below, which never equal a stored key.
 */
export interface IndexEntryKey {
  readonly values: readonly unknown[];
  readonly seq: number;
}

/** Tree-order sentinels: before / after every value at that position, whatever the direction. */
export const BEFORE: unique symbol = Symbol('before');
export const AFTER: unique symbol = Symbol('after');

/** A value-order bound just below or above every value of one type bracket (e.g. all numbers). */
export class BracketBound {
  constructor(
    readonly rank: number,
    readonly side: 'min' | 'max',
  ) {}
}

function compareWithBounds(x: unknown, y: unknown, collator: Collator): number {
  if (x instanceof BracketBound) return boundVersus(x, y);
  if (y instanceof BracketBound) return -boundVersus(y, x);
  return compareValuesWith(x, y, collator);
}

function boundVersus(bound: BracketBound, value: unknown): number {
  if (value instanceof BracketBound) {
    if (bound.rank !== value.rank) return bound.rank < value.rank ? -1 : 1;
    return bound.side === value.side ? 0 : bound.side === 'min' ? -1 : 1;
  }
  const rank = typeRank(value);
  if (rank !== bound.rank) return bound.rank < rank ? -1 : 1;
  return bound.side === 'min' ? -1 : 1;
}

export function makeKeyComparator(directions: readonly number[], collator: Collator = null): (a: IndexEntryKey, b: IndexEntryKey) => number {
  const n = directions.length;
  return (a, b) => {
    const av = a.values;
    const bv = b.values;
    for (let i = 0; i < n; i++) {
      const x = av[i];
      const y = bv[i];
      if (x === y) continue;
      if (x === BEFORE || y === AFTER) return -1;
      if (x === AFTER || y === BEFORE) return 1;
      const c = compareWithBounds(x, y, collator);
      if (c !== 0) return directions[i] < 0 ? -c : c;
    }
    return a.seq < b.seq ? -1 : a.seq > b.seq ? 1 : 0;
  };
}
