import type { Document } from 'bson';
import { compareValues } from '../bson/bson-compare.js';
import { CommandError, ErrorCode } from '../errors.js';
import { extractFieldKeys } from '../indexes/key-extraction.js';
import { toNumber } from '../bson/bson-numbers.js';

export interface SortField {
  readonly path: string;
  readonly direction: 1 | -1;
  /** `{$meta: 'textScore'}`: by `$text` relevance, highest first. */
  readonly meta?: boolean;
}

/** Validates a sort document ({field: 1|-1}); `$natural` is handled by the caller. */
export function parseSort(spec: unknown): SortField[] {
  if (spec === undefined || spec === null) return [];
  if (typeof spec !== 'object' || Array.isArray(spec)) {
    throw new CommandError(ErrorCode.TypeMismatch, "Expected field sortto be of type object");
  }
  const fields: SortField[] = [];
  for (const [path, raw] of Object.entries(spec as Document)) {
    if (raw !== null && typeof raw === 'object' && '$meta' in (raw as Document)) {
      const meta = (raw as Document).$meta;
      if (meta !== 'textScore') throw new CommandError(ErrorCode.BadValue, `$meta sort by '${String(meta)}' is not supported`);
      fields.push({ path, direction: -1, meta: true });
      continue;
    }
    const n = toNumber(raw);
    if (n !== 1 && n !== -1) throw new CommandError(15975, '$sort key ordering must be 1 (for ascending) or -1 (for descending)');
    fields.push({ path, direction: n });
  }
  return fields;
}

/**
 * The value a document sorts by on one path: arrays contribute their elements, ascending uses
 * the smallest and descending the largest (mingo uses the smallest for both).
 */
function sortKey(doc: Document, field: SortField): unknown {
  const { values } = extractFieldKeys(doc, field.path);
  let best = values[0];
  for (let i = 1; i < values.length; i++) {
    const c = compareValues(values[i], best);
    if (field.direction === 1 ? c < 0 : c > 0) best = values[i];
  }
  return best;
}

/** Stable sort by the BSON order; keys are computed once per document. */
export function sortDocuments<T>(items: T[], fields: SortField[], docOf: (item: T) => Document, metaOf?: (item: T) => unknown): T[] {
  if (fields.length === 0) return items;
  const decorated = items.map((item) => ({ item, keys: fields.map((f) => (f.meta ? metaOf?.(item) : sortKey(docOf(item), f))) }));
  decorated.sort((a, b) => {
    for (let i = 0; i < fields.length; i++) {
      const c = compareValues(a.keys[i], b.keys[i]);
      if (c !== 0) return c * fields[i].direction;
    }
    return 0;
  });
  return decorated.map((d) => d.item);
}
