import type { AnyObject, Options } from 'mingo/types';
import { $push } from 'mingo/operators/accumulator';
import { Decimal128 } from 'bson';
import { compareValues } from '../bson/bson-compare.js';
import { bsonKind, isNumeric } from '../bson/bson-kind.js';
import { arithmetic, toNumber } from '../bson/bson-numbers.js';

/**
 * Accumulators that understand bson values: `$sum`/`$avg` add Long and Decimal128 exactly (mingo
 * skips anything that is not a JS number, so a sum of Decimal128 amounts would be 0) and
 * `$min`/`$max` use MongoDB's BSON order. Null and missing values are ignored, as in MongoDB.
 */
function sum(values: unknown[]): unknown {
  let total: unknown = 0;
  for (const v of values) if (isNumeric(v)) total = arithmetic('add', total, v);
  return total;
}

function extreme(values: unknown[], sign: 1 | -1): unknown {
  let best: unknown = null;
  for (const v of values) {
    if (v === null || v === undefined) continue;
    if (best === null || compareValues(v, best) * sign > 0) best = v;
  }
  return best;
}

export const bsonAccumulators = {
  $sum(coll: AnyObject[], expr: unknown, options: Options): unknown {
    if (typeof expr === 'number') return coll.length * expr;
    return sum($push(coll, expr, options) as unknown[]);
  },
  $avg(coll: AnyObject[], expr: unknown, options: Options): unknown {
    const values = ($push(coll, expr, options) as unknown[]).filter(isNumeric);
    if (values.length === 0) return null;
    const total = sum(values);
    if (bsonKind(total) === 'decimal') return arithmetic('mul', total, Decimal128.fromString(String(1 / values.length)));
    return toNumber(total) / values.length;
  },
  $min(coll: AnyObject[], expr: unknown, options: Options): unknown {
    return extreme($push(coll, expr, options) as unknown[], -1);
  },
  $max(coll: AnyObject[], expr: unknown, options: Options): unknown {
    return extreme($push(coll, expr, options) as unknown[], 1);
  },
};
