import type { Document } from 'bson';
import { renderValue } from '../bson/bson-render.js';
import { CommandError, ErrorCode } from '../errors.js';
import { normalizeFilter } from '../query/filter.js';
import { typeNameForMessage } from './update-paths.js';

/** Checks MongoDB makes on an operator update that mingo does not (or words differently). */

/** Each array operator words its type error differently (and $pop uses TypeMismatch). */
export function notAnArray(op: string, path: string, value: unknown, id: unknown): CommandError {
  const type = typeNameForMessage(value);
  switch (op) {
    case '$push':
      return new CommandError(ErrorCode.BadValue, `The field '${path}' must be an array but is of type ${type} in document {_id: ${renderValue(id)}}`);
    case '$addToSet':
      return new CommandError(ErrorCode.BadValue, `Cannot apply $addToSet to non-array field. Field named '${path}' has non-array type ${type}`);
    case '$pop':
      return new CommandError(ErrorCode.TypeMismatch, `Path '${path}' contains an element of non-array type '${type}'`);
    default:
      return new CommandError(ErrorCode.BadValue, 'Cannot apply $pull to a non-array value');
  }
}

/** Two target paths conflict when one equals or contains the other. */
export function assertNoConflicts(paths: string[]): void {
  const sorted = [...paths].sort();
  for (let i = 1; i < sorted.length; i++) {
    const a = sorted[i - 1];
    const b = sorted[i];
    if (a === b || b.startsWith(a + '.')) {
      throw new CommandError(ErrorCode.ConflictingUpdateOperators, `Updating the path '${b}' would create a conflict at '${a}'`);
    }
  }
}

export function collectIdentifiers(path: string, used: Set<string>): void {
  for (const part of path.split('.')) {
    const m = /^\$\[(\w+)\]$/.exec(part);
    if (m) used.add(m[1]);
  }
}

export function checkArrayFilters(filters: Document[] | undefined, used: Set<string>, update: Document): Document[] {
  const declared = new Map<string, Document>();
  for (const filter of filters ?? []) {
    const names = new Set(Object.keys(filter).map((k) => k.split('.')[0]));
    if (names.size !== 1) {
      throw new CommandError(ErrorCode.FailedToParse, `Error parsing array filter :: caused by :: Expected a single top-level field name, found ${[...names].map((n) => `'${n}'`).join(' and ')}`);
    }
    const [name] = names;
    if (declared.has(name)) throw new CommandError(ErrorCode.FailedToParse, `Found multiple array filters with the same top-level field name ${name}`);
    declared.set(name, normalizeFilter(filter) as Document);
  }
  for (const name of used) {
    if (!declared.has(name)) throw new CommandError(ErrorCode.BadValue, `No array filter found for identifier '${name}' in path`);
  }
  for (const name of declared.keys()) {
    if (!used.has(name)) {
      throw new CommandError(ErrorCode.FailedToParse, `The array filter for identifier '${name}' was not used in the update ${renderValue(update)}`);
    }
  }
  return [...declared.values()];
}
