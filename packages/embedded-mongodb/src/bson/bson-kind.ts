/**
 * Classifies a deserialized BSON value into the kinds the server reasons about.
 * bson class instances are told apart by `_bsontype`, not `instanceof`, because
 * `Timestamp` inherits from Long's base class and `UUID` from `Binary`.
 */
export type BsonKind =
  | 'minKey'
  | 'undefined'
  | 'null'
  | 'number'
  | 'long'
  | 'decimal'
  | 'string'
  | 'symbol'
  | 'object'
  | 'array'
  | 'binData'
  | 'objectId'
  | 'bool'
  | 'date'
  | 'timestamp'
  | 'regex'
  | 'javascript'
  | 'maxKey';

export function bsonKind(value: unknown): BsonKind {
  switch (typeof value) {
    case 'number':
      return 'number';
    case 'string':
      return 'string';
    case 'boolean':
      return 'bool';
    case 'undefined':
      return 'undefined';
    case 'bigint':
      return 'long';
    case 'function':
      return 'javascript';
  }
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (value instanceof Date) return 'date';
  if (value instanceof RegExp) return 'regex';
  const tag = (value as { _bsontype?: string })._bsontype;
  switch (tag) {
    case undefined:
      return 'object';
    case 'Long':
      return 'long';
    case 'Int32':
    case 'Double':
      return 'number';
    case 'Decimal128':
      return 'decimal';
    case 'ObjectId':
      return 'objectId';
    case 'Binary':
      return 'binData';
    case 'Timestamp':
      return 'timestamp';
    case 'BSONRegExp':
      return 'regex';
    case 'BSONSymbol':
      return 'symbol';
    case 'Code':
      return 'javascript';
    case 'MinKey':
      return 'minKey';
    case 'MaxKey':
      return 'maxKey';
    default:
      // DBRef and anything unknown behave like embedded documents.
      return 'object';
  }
}

/** MongoDB's canonical type order; values of equal rank are compared by value. */
const RANK: Record<BsonKind, number> = {
  minKey: 0,
  undefined: 1,
  null: 2,
  number: 3,
  long: 3,
  decimal: 3,
  string: 4,
  symbol: 4,
  object: 5,
  array: 6,
  binData: 7,
  objectId: 8,
  bool: 9,
  date: 10,
  timestamp: 11,
  regex: 12,
  javascript: 13,
  maxKey: 14,
};

export function typeRank(value: unknown): number {
  return RANK[bsonKind(value)];
}

export function rankOfKind(kind: BsonKind): number {
  return RANK[kind];
}

export function isNumeric(value: unknown): boolean {
  const k = bsonKind(value);
  return k === 'number' || k === 'long' || k === 'decimal';
}

/** A plain embedded document as produced by the bson deserializer. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && bsonKind(value) === 'object' && !Array.isArray(value);
}
