import type { Decimal128, Long, ObjectId } from 'bson';
import { bsonKind } from './bson-kind.js';
import { isDoubleObject } from './doubles.js';

/** Renders a value the way the server prints it inside E11000 messages (`dup key: { email: "a@x.io" }`). */
export function renderValue(value: unknown): string {
  switch (bsonKind(value)) {
    case 'string':
      return JSON.stringify(value);
    case 'number': {
      const n = Number(value);
      if (isDoubleObject(value)) return `${n}.0`;
      if (Number.isInteger(n) && !Object.is(n, -0) && Math.abs(n) <= 0x7fffffff) return String(n);
      if (Object.is(n, -0)) return '-0.0';
      return Number.isInteger(n) ? `${n}.0` : String(n);
    }
    case 'long':
      return (value as Long).toString();
    case 'decimal':
      return (value as Decimal128).toString();
    case 'null':
    case 'undefined':
      return 'null';
    case 'objectId':
      return `ObjectId('${(value as ObjectId).toHexString()}')`;
    case 'date':
      return `new Date(${(value as Date).getTime()})`;
    case 'bool':
      return String(value);
    case 'array':
      return '[ ' + (value as unknown[]).map(renderValue).join(', ') + ' ]';
    case 'object': {
      const o = value as Record<string, unknown>;
      const keys = Object.keys(o);
      return keys.length === 0 ? '{}' : '{ ' + keys.map((k) => `${k}: ${renderValue(o[k])}`).join(', ') + ' }';
    }
    default:
      return String(value);
  }
}
