import type { Document } from 'bson';
import { bsonKind, isPlainObject } from '../bson/bson-kind.js';
import { renderValue } from '../bson/bson-render.js';
import { CommandError, ErrorCode } from '../errors.js';

const DIGITS = /^\d+$/;

const POSITIONAL_TOKEN = /^\$(\[\w*\])?$/;

/**
 * Paths with `$`, `$[]` or `$[id]` components address array elements chosen at update time;
 * other `$`-prefixed components are ordinary field names (allowed since MongoDB 5.0).
 */
export function isPositional(path: string): boolean {
  return path.split('.').some((p, i) => i > 0 && POSITIONAL_TOKEN.test(p));
}

export type PathLookup = { found: true; value: unknown } | { found: false };

/** Reads a non-positional dotted path; numeric components index arrays. */
export function getPath(doc: Document, path: string): PathLookup {
  let cur: unknown = doc;
  for (const part of path.split('.')) {
    if (Array.isArray(cur) && DIGITS.test(part)) cur = cur[Number(part)];
    else if (isPlainObject(cur) && Object.hasOwn(cur, part)) cur = cur[part];
    else return { found: false };
    if (cur === undefined) return { found: false };
  }
  return { found: true, value: cur };
}

/**
 * Throws PathNotViable (28) when a path cannot be created because a prefix holds a scalar,
 * e.g. `$set: {'a.b': 1}` with `a: 5` (mingo silently does nothing).
 */
export function assertPathViable(doc: Document, path: string): void {
  const parts = path.split('.');
  let cur: unknown = doc;
  for (let i = 0; i < parts.length - 1; i++) {
    const part = parts[i];
    let next: unknown;
    if (Array.isArray(cur)) {
      if (!DIGITS.test(part)) throw cannotCreate(parts[i], parts[i - 1] ?? part, cur);
      next = cur[Number(part)];
    } else if (isPlainObject(cur)) next = Object.hasOwn(cur, part) ? cur[part] : undefined;
    else return;
    if (next === undefined) return;
    if (!isPlainObject(next) && !Array.isArray(next)) throw cannotCreate(parts[i + 1], part, next);
    if (Array.isArray(next) && !DIGITS.test(parts[i + 1])) throw cannotCreate(parts[i + 1], part, next);
    cur = next;
  }
}

function cannotCreate(field: string, parentName: string, parent: unknown): CommandError {
  return new CommandError(ErrorCode.PathNotViable, `Cannot create field '${field}' in element {${parentName}: ${renderValue(parent)}}`);
}

export function typeNameForMessage(value: unknown): string {
  const kind = bsonKind(value);
  if (kind === 'number') return Number.isInteger(value) ? 'int' : 'double'; // a Double object is no JS integer
  return kind;
}
