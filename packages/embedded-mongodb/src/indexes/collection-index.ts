import sortedBtree from 'sorted-btree';
import type { Document } from 'bson';
import type { Collator } from '../bson/bson-compare.js';
import { valueHash } from '../bson/bson-hash.js';
import { collatorFor } from '../query/collation.js';
import { renderValue } from '../bson/bson-render.js';
import { resolve } from 'mingo/util';
import { sphereIndexError } from '../geo/shapes.js';
import { CommandError, ErrorCode } from '../errors.js';
import { compileFilter, type CompiledFilter } from '../query/filter.js';
import type { DocRecord } from '../storage/doc-record.js';
import { extractFieldKeys } from './key-extraction.js';
import { AFTER, BEFORE, makeKeyComparator, type IndexEntryKey } from './index-key.js';
import { describeIndexKey, type IndexField } from './index-spec.js';

// sorted-btree is CommonJS: under ES modules its default import is `module.exports`.
const BTree = sortedBtree.default;
type BTree<K, V> = InstanceType<typeof sortedBtree.default<K, V>>;

export interface DuplicateKey {
  readonly record: DocRecord;
  readonly values: readonly unknown[];
}

/**
 * One index of a collection: its spec exactly as created (listIndexes returns it verbatim) and,
 * for ascending/descending keys, a B+tree of entries used for unique checks and lookups.
 * Text, geo, hashed and wildcard indexes are stored and listed but hold no entries.
 */
export class CollectionIndex {
  readonly name: string;
  readonly fields: readonly IndexField[];
  readonly unique: boolean;
  readonly sparse: boolean;
  readonly partial: CompiledFilter | null;
  /** Whether entries are maintained (false for special index types). */
  readonly ordered: boolean;
  /** Once any document produced several keys, range bounds cannot be intersected and sort order is unusable. */
  multikey = false;
  readonly compare: (a: IndexEntryKey, b: IndexEntryKey) => number;
  /** The index's collation: its keys are ordered (and unique ones compared) by it, whatever a command's is. */
  readonly collator: Collator;
  private readonly tree: BTree<IndexEntryKey, DocRecord>;

  /** A `2dsphere` index: documents must hold geometries where it points (see assertGeoIndexable). */
  readonly sphere: boolean;

  constructor(readonly spec: Document) {
    this.name = String(spec.name);
    this.sphere = Object.values(spec.key as Document).includes('2dsphere');
    const described = describeIndexKey(spec.key as Document);
    this.fields = described.fields;
    this.ordered = described.ordered;
    this.unique = spec.unique === true || spec.unique === 1;
    this.sparse = spec.sparse === true || spec.sparse === 1;
    this.partial = spec.partialFilterExpression ? compileFilter(spec.partialFilterExpression, 'partialFilterExpression') : null;
    this.collator = collatorFor(spec.collation);
    this.compare = makeKeyComparator(this.fields.map((f) => f.direction), this.collator);
    this.tree = new BTree<IndexEntryKey, DocRecord>(undefined, this.compare, 64);
  }

  get isIdIndex(): boolean {
    return this.name === '_id_';
  }

  get size(): number {
    return this.tree.size;
  }

  /**
   * Refuses a document whose `2dsphere`-indexed field holds something that is no geometry, as
   * MongoDB does (16755); the index holds no entries, but the rule is the same.
   */
  assertGeoIndexable(doc: Document): void {
    for (const [path, type] of Object.entries(this.spec.key as Document)) {
      if (type !== '2dsphere') continue;
      const reason = sphereIndexError(resolve(doc, path));
      if (reason) throw new CommandError(16755, `Can't extract geo keys: ${renderValue(doc)}  ${reason}`);
    }
  }

  /**
   * The key tuples a document contributes, or null when the index skips it
   * (sparse with every field missing, or outside the partial filter).
   */
  keysOf(doc: Document): unknown[][] | null {
    if (!this.ordered) return null;
    if (this.partial && !this.partial.test(doc)) return null;
    const perField = this.fields.map((f) => extractFieldKeys(doc, f.path));
    if (this.sparse && perField.every((k) => k.missing)) return null;
    const arrays = perField.filter((k) => k.multikey);
    if (arrays.length > 1) {
      const names = this.fields.filter((_, i) => perField[i].multikey).map((f) => `[${f.path}]`).reverse();
      throw new CommandError(ErrorCode.CannotIndexParallelArrays, `cannot index parallel arrays ${names.join(' ')}`);
    }
    let tuples: unknown[][] = [[]];
    for (const field of perField) {
      const values = dedupe(field.values);
      if (values.length === 1) for (const t of tuples) t.push(values[0]);
      else tuples = tuples.flatMap((t) => values.map((v) => [...t, v]));
    }
    return tuples;
  }

  insert(record: DocRecord, keys: unknown[][]): void {
    if (keys.length > 1) this.multikey = true;
    for (const values of keys) this.tree.set({ values, seq: record.seq }, record);
  }

  remove(record: DocRecord, keys: unknown[][]): void {
    for (const values of keys) this.tree.delete({ values, seq: record.seq });
  }

  /** A stored document other than `self` holding one of these key tuples. */
  findDuplicate(keys: unknown[][], self?: DocRecord): DuplicateKey | undefined {
    for (const values of keys) {
      const high: IndexEntryKey = { values, seq: Infinity };
      for (const [key, record] of this.tree.entries({ values, seq: -Infinity })) {
        if (this.compare(key, high) > 0) break;
        if (record !== self) return { record, values };
      }
    }
    return undefined;
  }

  /** Entries between two probes (inclusive of everything that sorts between them), in index order or reversed. */
  *range(start: IndexEntryKey, end: IndexEntryKey, reverse: boolean): Generator<DocRecord> {
    if (!reverse) {
      for (const [key, record] of this.tree.entries(start)) {
        if (this.compare(key, end) > 0) return;
        yield record;
      }
    } else {
      for (const [key, record] of this.tree.entriesReversed(end)) {
        if (this.compare(key, start) < 0) return;
        yield record;
      }
    }
  }

  /** Probe that sorts before (or after) every entry starting with `prefix`. */
  probe(prefix: readonly unknown[], tie: typeof BEFORE | typeof AFTER): IndexEntryKey {
    const values = [...prefix];
    while (values.length < this.fields.length) values.push(tie);
    return { values, seq: tie === BEFORE ? -Infinity : Infinity };
  }

  clear(): void {
    this.tree.clear();
    this.multikey = false;
  }

  duplicateKeyError(namespace: string, values: readonly unknown[]): CommandError {
    const keyValue: Document = {};
    this.fields.forEach((f, i) => {
      keyValue[f.path] = values[i] === undefined ? null : values[i];
    });
    const rendered = this.fields.map((f, i) => `${f.path}: ${renderValue(values[i])}`).join(', ');
    return new CommandError(ErrorCode.DuplicateKey, `E11000 duplicate key error collection: ${namespace} index: ${this.name} dup key: { ${rendered} }`, {
      keyPattern: this.spec.key,
      keyValue,
    });
  }
}

function dedupe(values: unknown[]): unknown[] {
  if (values.length < 2) return values;
  const seen = new Set<string>();
  return values.filter((v) => {
    const h = valueHash(v);
    if (seen.has(h)) return false;
    seen.add(h);
    return true;
  });
}
