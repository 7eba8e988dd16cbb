import type { Document } from 'bson';
import { isPlainObject } from '../bson/bson-kind.js';
import { CommandError, ErrorCode } from '../errors.js';
import { compileFilter, type CompiledFilter } from '../query/filter.js';

/**
 * Turns update paths with `$`, `$[]` and `$[id]` into the concrete paths they address in one
 * document (`a.$.y` → `a.2.y`), so every update is applied, validated and conflict-checked on
 * concrete paths as MongoDB does: `a.$.y` and `a.$.z` are two different fields, not a conflict.
 */
export class PositionalResolver {
  private firstMatch = new Map<string, number>();
  private readonly filters = new Map<string, CompiledFilter>();

  constructor(
    private readonly doc: Document,
    private readonly query: Document,
    arrayFilters: Document[],
  ) {
    for (const filter of arrayFilters) {
      const name = Object.keys(filter)[0]?.split('.')[0];
      if (name !== undefined) this.filters.set(name, compileFilter(filter, 'arrayFilters'));
    }
  }

  expand(path: string): string[] {
    const parts = path.split('.');
    const out: string[] = [];
    this.walk(this.doc, parts, 0, [], out);
    return out;
  }

  private walk(value: unknown, parts: string[], i: number, prefix: string[], out: string[]): void {
    const at = parts.findIndex((p, j) => j >= i && p.startsWith('$'));
    if (at === -1) {
      out.push([...prefix, ...parts.slice(i)].join('.'));
      return;
    }
    let container = value;
    for (let j = i; j < at && container !== undefined; j++) container = child(container, parts[j]);
    const arrayPath = [...prefix, ...parts.slice(i, at)];
    const token = parts[at];
    if (!Array.isArray(container)) {
      if (token === '$') throw noPositionalMatch();
      throw new CommandError(ErrorCode.BadValue, `The path '${arrayPath.join('.')}' must exist in the document in order to apply array updates.`);
    }
    const indexes = token === '$' ? [this.positionOf(arrayPath.join('.'), container)] : this.selected(token, container);
    for (const index of indexes) this.walk(container[index], parts, at + 1, [...arrayPath, String(index)], out);
  }

  /** The element the query matched in this array (`$`). */
  private positionOf(arrayPath: string, array: unknown[]): number {
    const cached = this.firstMatch.get(arrayPath);
    if (cached !== undefined) return cached;
    const conditions = arrayConditions(this.query, arrayPath);
    if (conditions.length === 0) throw noPositionalMatch();
    const tests = conditions.map((c) => compileFilter(c));
    const index = array.findIndex((element) => {
      const probe = nest(arrayPath, [element]);
      return tests.every((t) => t.test(probe));
    });
    if (index === -1) throw noPositionalMatch();
    this.firstMatch.set(arrayPath, index);
    return index;
  }

  /** The elements `$[]` (all) or `$[id]` (those its array filter accepts) address. */
  private selected(token: string, array: unknown[]): number[] {
    const indexes = array.map((_, i) => i);
    if (token === '$[]') return indexes;
    const id = token.slice(2, -1);
    const filter = this.filters.get(id);
    if (!filter) throw new CommandError(ErrorCode.BadValue, `No array filter found for identifier '${id}' in path`);
    return indexes.filter((i) => filter.test({ [id]: array[i] }));
  }
}

function child(value: unknown, key: string): unknown {
  if (Array.isArray(value)) return /^\d+$/.test(key) ? value[Number(key)] : undefined;
  return isPlainObject(value) ? value[key] : undefined;
}

/** `{a: {b: value}}` for path `a.b`. */
function nest(path: string, value: unknown): Document {
  return path.split('.').reduceRight<unknown>((inner, key) => ({ [key]: inner }), value) as Document;
}

function noPositionalMatch(): CommandError {
  return new CommandError(ErrorCode.BadValue, 'The positional operator did not find the match needed from the query.');
}

/** The query's conditions on the array path or below it, top level and inside `$and`. */
function arrayConditions(query: Document, arrayPath: string): Document[] {
  const out: Document[] = [];
  for (const [key, value] of Object.entries(query)) {
    if (key === '$and' && Array.isArray(value)) {
      for (const sub of value) if (isPlainObject(sub)) out.push(...arrayConditions(sub, arrayPath));
    } else if (key === arrayPath || key.startsWith(arrayPath + '.')) out.push({ [key]: value });
  }
  return out;
}
