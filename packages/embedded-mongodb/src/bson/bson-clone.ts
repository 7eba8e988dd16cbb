import { setOwn } from './own-property.js';

/**
 * Deep copy of a document that keeps bson class instances (ObjectId, Decimal128, …) as they are.
 * `structuredClone` would turn them into plain objects; they are immutable, so sharing is safe.
 */
export function cloneDocument<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map(cloneDocument) as T;
  if (value instanceof Date) return new Date(value.getTime()) as T;
  if (Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null) return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) setOwn(out, key, cloneDocument((value as Record<string, unknown>)[key]));
  return out as T;
}
