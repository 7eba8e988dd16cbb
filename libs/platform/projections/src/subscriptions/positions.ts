import type { Position } from '@kurrent/kurrentdb-client';

export function comparePositions(a: Position, b: Position): number {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  return a.prepare === b.prepare ? 0 : a.prepare < b.prepare ? -1 : 1;
}

export function isAtOrAfter(position: Position | undefined, target: Position): boolean {
  return position !== undefined && comparePositions(position, target) >= 0;
}

/** A server-side filter matching exactly these event types (a prefix filter would also match `…V10`). */
export function exactTypesRegex(types: readonly string[]): string {
  const escaped = types.map((type) => type.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return `^(?:${escaped.join('|')})$`;
}
