import type { Binary, BSONRegExp, ObjectId, Timestamp } from 'bson';
import { bsonKind } from './bson-kind.js';
import { canonicalNumber } from './bson-numbers.js';

/**
 * A string that is equal for two values exactly when MongoDB considers them equal
 * (1 == 1.0 == Long(1), key order matters in embedded documents). It keys hash maps,
 * e.g. the primary `_id` map, so lookups by `_id` never scan.
 */
export function valueHash(value: unknown): string {
  switch (bsonKind(value)) {
    case 'number':
    case 'long':
    case 'decimal':
      return 'n' + canonicalNumber(value);
    case 'string':
      return 's' + (value as string);
    case 'objectId':
      return 'o' + (value as ObjectId).toHexString();
    case 'date':
      return 'd' + (value as Date).getTime();
    case 'bool':
      return value ? 'b1' : 'b0';
    case 'null':
      return 'z';
    case 'undefined':
      return 'u';
    case 'minKey':
      return '-';
    case 'maxKey':
      return '+';
    case 'symbol':
      return 's' + (value as { value: string }).value;
    case 'binData': {
      const b = value as Binary;
      return 'B' + b.sub_type + ':' + Buffer.from(b.buffer.subarray(0, b.position)).toString('base64');
    }
    case 'timestamp': {
      const t = value as Timestamp;
      return 'T' + t.t + ':' + t.i;
    }
    case 'regex': {
      if (value instanceof RegExp) return 'r' + JSON.stringify([value.source, value.flags]);
      const r = value as BSONRegExp;
      return 'r' + JSON.stringify([r.pattern, r.options]);
    }
    case 'javascript':
      return 'j' + String((value as { code?: string }).code ?? value);
    case 'array':
      return '[' + (value as unknown[]).map(valueHash).map((h) => JSON.stringify(h)).join(',') + ']';
    case 'object': {
      const o = value as Record<string, unknown>;
      return '{' + Object.keys(o).map((k) => JSON.stringify(k) + ':' + JSON.stringify(valueHash(o[k]))).join(',') + '}';
    }
  }
}
