import type { Document } from 'bson';
import { bsonKind, isNumeric, isPlainObject } from '../bson/bson-kind.js';
import { toNumber } from '../bson/bson-numbers.js';
import { CommandError, ErrorCode } from '../errors.js';

/** Typed readers for command fields, failing with MongoDB's TypeMismatch wording. */

function wrongType(command: string, field: string, value: unknown, expected: string): CommandError {
  return new CommandError(ErrorCode.TypeMismatch, `BSON field '${command}.${field}' is the wrong type '${bsonKind(value)}', expected type '${expected}'`);
}

export function optionalNumber(body: Document, command: string, field: string): number | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (!isNumeric(value)) throw wrongType(command, field, value, 'long');
  return toNumber(value);
}

export function nonNegative(body: Document, command: string, field: string): number | undefined {
  const n = optionalNumber(body, command, field);
  if (n !== undefined && n < 0) {
    throw new CommandError(51024, `BSON field '${field}' value must be >= 0, actual value '${n}'`);
  }
  return n;
}

export function optionalBoolean(body: Document, command: string, field: string): boolean | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'boolean') return value;
  if (isNumeric(value)) return toNumber(value) !== 0;
  throw wrongType(command, field, value, 'bool');
}

export function optionalDocument(body: Document, command: string, field: string): Document | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (!isPlainObject(value)) throw wrongType(command, field, value, 'object');
  return value;
}

export function requiredArray(body: Document, command: string, field: string): unknown[] {
  const value = body[field];
  if (value === undefined) throw new CommandError(40414, `BSON field '${command}.${field}' is missing but a required field`);
  if (!Array.isArray(value)) throw wrongType(command, field, value, 'array');
  return value;
}

/** The collection name a command targets (its first field's value). */
export function collectionName(body: Document, command: string): string {
  const value = body[command];
  if (typeof value !== 'string') {
    throw new CommandError(ErrorCode.InvalidNamespace, `collection name has invalid type ${bsonKind(value)}`);
  }
  if (value.length === 0) throw new CommandError(ErrorCode.InvalidNamespace, `Invalid namespace specified '${String(body.$db)}.'`);
  return value;
}
