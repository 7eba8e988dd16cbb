import { ObjectId } from 'bson';
import { evalExpr } from 'mingo/core';
import type { AnyObject, Options } from 'mingo/types';

/** Expressions MongoDB has and mingo lacks. */
export const bsonExpressions = {
  /** Converts a 24-hex-digit string (or an ObjectId) to an ObjectId; null stays null. */
  $toObjectId(obj: AnyObject, expr: unknown, options: Options): unknown {
    const value = evalExpr(obj, expr, options);
    if (value === null || value === undefined) return null;
    if (value instanceof ObjectId) return value;
    if (typeof value === 'string' && /^[0-9a-fA-F]{24}$/.test(value)) return new ObjectId(value);
    throw new Error(`Failed to parse objectId '${String(value)}' in $convert with no onError value`);
  },
  /** Index of a substring counted in code points, with optional start and end. */
  $indexOfCP(obj: AnyObject, expr: unknown, options: Options): unknown {
    const [text, search, start, end] = evalExpr(obj, expr, options) as [unknown, unknown, number?, number?];
    if (text === null || text === undefined) return null;
    const chars = Array.from(String(text));
    const needle = Array.from(String(search));
    const from = start ?? 0;
    const to = Math.min(end ?? chars.length, chars.length);
    for (let i = from; i + needle.length <= to; i++) {
      if (needle.every((c, j) => chars[i + j] === c)) return i;
    }
    return -1;
  },
};
