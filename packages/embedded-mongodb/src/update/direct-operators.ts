import { Timestamp, type Document } from 'bson';
import { compareValues } from '../bson/bson-compare.js';
import { cloneDocument } from '../bson/bson-clone.js';
import { isNumeric, isPlainObject } from '../bson/bson-kind.js';
import { arithmetic } from '../bson/bson-numbers.js';
import { renderValue } from '../bson/bson-render.js';
import { CommandError, ErrorCode } from '../errors.js';
import { UNSET, type Assignment } from './assign-path.js';
import { pullFrom } from './pull.js';
import { assertPathViable, typeNameForMessage, type PathLookup } from './update-paths.js';

/**
 * What an operator does to one concrete path, for the operators this server applies itself
 * (field names taken as they are, MongoDB's `$pull` rules, exact Long/Decimal128 arithmetic, BSON
 * order for `$min`/`$max`, Timestamps for `$currentDate`). Undefined leaves the path to mingo.
 */
export function directAssignments(op: string, path: string, value: unknown, work: Document, existing: PathLookup): Assignment[] | undefined {
  switch (op) {
    case '$set':
    case '$setOnInsert':
      return [{ path, value: cloneDocument(value) }];
    case '$unset':
      return existing.found ? [{ path, value: UNSET }] : [];
    case '$rename': {
      const to = String(value);
      assertPathViable(work, to);
      return existing.found ? [{ path, value: UNSET }, { path: to, value: existing.value }] : [];
    }
    case '$addToSet': {
      // Members compare by BSON value (5 and 5.0 are one member), as in MongoDB.
      const each = isPlainObject(value) && Object.keys(value)[0] === '$each' ? value.$each : [value];
      if (!Array.isArray(each)) throw new CommandError(ErrorCode.TypeMismatch, `The argument to $each in $addToSet must be an array but it was of type: ${typeNameForMessage(each)}`);
      const array = existing.found ? [...(existing.value as unknown[])] : [];
      for (const candidate of each) if (!array.some((member) => compareValues(member, candidate) === 0)) array.push(cloneDocument(candidate));
      return existing.found && array.length === (existing.value as unknown[]).length ? [] : [{ path, value: array }];
    }
    case '$pull': {
      if (!existing.found) return [];
      const array = existing.value as unknown[];
      const kept = pullFrom(array, value);
      return kept.length !== array.length ? [{ path, value: kept }] : [];
    }
    case '$currentDate': {
      // mingo writes epoch milliseconds for {$type: 'timestamp'}; MongoDB writes a Timestamp.
      const now = new Date();
      const wantsTimestamp = isPlainObject(value) && value.$type === 'timestamp';
      return [{ path, value: wantsTimestamp ? new Timestamp({ t: Math.floor(now.getTime() / 1000), i: 1 }) : now }];
    }
    case '$inc':
    case '$mul':
      return arithmeticAssignment(op, path, value, work, existing);
    case '$min':
    case '$max': {
      const c = existing.found ? compareValues(value, existing.value) : op === '$min' ? -1 : 1;
      return (op === '$min' ? c < 0 : c > 0) ? [{ path, value }] : [];
    }
    default:
      return undefined;
  }
}

/** `$inc`/`$mul` with MongoDB's type widening (int32, double, Long and Decimal128 computed exactly). */
function arithmeticAssignment(op: '$inc' | '$mul', path: string, value: unknown, work: Document, existing: PathLookup): Assignment[] {
  if (!isNumeric(value)) {
    const verb = op === '$inc' ? 'increment' : 'multiply';
    throw new CommandError(ErrorCode.TypeMismatch, `Cannot ${verb} with non-numeric argument: {${path}: ${renderValue(value)}}`);
  }
  if (existing.found && !isNumeric(existing.value)) {
    throw new CommandError(
      ErrorCode.TypeMismatch,
      `Cannot apply ${op} to a value of non-numeric type. {_id: ${renderValue(work._id)}} has the field '${path}' of non-numeric type ${typeNameForMessage(existing.value)}`,
    );
  }
  const base = existing.found ? existing.value : op === '$inc' ? 0 : arithmetic('mul', value, 0);
  return [{ path, value: op === '$inc' ? arithmetic('add', base, value) : arithmetic('mul', base, value) }];
}
