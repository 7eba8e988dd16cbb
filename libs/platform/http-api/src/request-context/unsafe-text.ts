import type { ProblemFieldError } from '../problems/problem-details.js';

/**
 * Characters no field of the API has a use for, and that make stored text lie or break what shows
 * it: control characters (NUL included), the bidirectional embeddings, overrides and isolates that
 * reorder what a reader sees (U+202A–U+202E, U+2066–U+2069), and halves of surrogate pairs (with
 * the `u` flag, a surrogate matches only when it is not part of a pair).
 */
const unsafe = /[\p{Cc}\u202A-\u202E\u2066-\u2069\uD800-\uDFFF]/u;

/** Every field (dotted path) of a parsed body or query whose text, or name, holds such a character. */
export function unsafeTextFields(value: unknown): ProblemFieldError[] {
  const found: ProblemFieldError[] = [];
  const pending: [unknown, string][] = [[value, '']];
  while (pending.length > 0) {
    const [current, path] = pending.pop()!;
    if (typeof current === 'string') {
      if (unsafe.test(current)) found.push({ field: path || '(body)', message: `${path || 'the body'} contains control, bidirectional-override or unpaired surrogate characters` });
      continue;
    }
    if (typeof current !== 'object' || current === null) continue;
    for (const [key, child] of Object.entries(current)) {
      const childPath = Array.isArray(current) ? `${path}[${key}]` : path ? `${path}.${key}` : key;
      if (unsafe.test(key)) found.push({ field: childPath, message: 'a field name contains control, bidirectional-override or unpaired surrogate characters' });
      else pending.push([child, childPath]);
    }
  }
  return found.reverse();
}
