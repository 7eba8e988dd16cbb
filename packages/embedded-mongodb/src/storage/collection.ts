import type { Binary, Document } from 'bson';
import { valueHash } from '../bson/bson-hash.js';
import { CommandError, ErrorCode } from '../errors.js';
import { CollectionIndex } from '../indexes/collection-index.js';
import { ID_INDEX_SPEC } from '../indexes/index-spec.js';
import type { ChangeSink } from './change-log.js';
import type { DocRecord } from './doc-record.js';

/**
 * A collection: documents by `_id` (a hash map, so `_id` lookups never scan; Map order is the
 * natural order) and its indexes. Every mutating method validates everything first and only then
 * changes state, so a failed write leaves nothing half-applied.
 */
export class Collection {
  readonly records = new Map<string, DocRecord>();
  readonly indexes = new Map<string, CollectionIndex>();
  private nextSeq = 1;

  constructor(
    readonly db: string,
    readonly name: string,
    private currentOptions: Document,
    readonly uuid: Binary,
    private readonly sink: () => ChangeSink,
  ) {
    this.indexes.set('_id_', new CollectionIndex(ID_INDEX_SPEC));
  }

  /** The options it was created with, as collMod has changed them since. */
  get options(): Document {
    return this.currentOptions;
  }

  setOptions(options: Document): void {
    this.currentOptions = options;
    this.sink().record({ op: 'setOptions', db: this.db, coll: this.name, options });
  }

  get namespace(): string {
    return `${this.db}.${this.name}`;
  }

  get idIndex(): CollectionIndex {
    return this.indexes.get('_id_') as CollectionIndex;
  }

  get size(): number {
    return this.records.size;
  }

  getById(id: unknown): DocRecord | undefined {
    return this.records.get(valueHash(id));
  }

  /** Inserts a prepared document (`_id` first) or throws a duplicate-key error. */
  insert(doc: Document): DocRecord {
    const idKey = valueHash(doc._id);
    if (this.records.has(idKey)) throw this.idIndex.duplicateKeyError(this.namespace, [doc._id]);
    const plan: [CollectionIndex, unknown[][]][] = [];
    for (const index of this.indexes.values()) {
      if (index.isIdIndex) continue;
      if (index.sphere) index.assertGeoIndexable(doc);
      const keys = index.keysOf(doc);
      if (!keys) continue;
      if (index.unique) {
        const dup = index.findDuplicate(keys);
        if (dup) throw index.duplicateKeyError(this.namespace, dup.values);
      }
      plan.push([index, keys]);
    }
    const record: DocRecord = { seq: this.nextSeq++, doc };
    this.records.set(idKey, record);
    this.idIndex.insert(record, [[doc._id]]);
    for (const [index, keys] of plan) index.insert(record, keys);
    this.sink().record({ op: 'insert', db: this.db, coll: this.name, doc });
    return record;
  }

  /** Swaps in a new image of a stored document (same `_id`), keeping its natural position. */
  replace(record: DocRecord, doc: Document): void {
    const plan: [CollectionIndex, unknown[][] | null, unknown[][] | null][] = [];
    for (const index of this.indexes.values()) {
      if (index.sphere) index.assertGeoIndexable(doc);
      if (index.isIdIndex || !index.ordered) continue;
      const before = index.keysOf(record.doc);
      const after = index.keysOf(doc);
      if (sameKeys(before, after)) continue;
      if (index.unique && after) {
        const dup = index.findDuplicate(after, record);
        if (dup) throw index.duplicateKeyError(this.namespace, dup.values);
      }
      plan.push([index, before, after]);
    }
    for (const [index, before, after] of plan) {
      if (before) index.remove(record, before);
      if (after) index.insert(record, after);
    }
    record.doc = doc;
    this.sink().record({ op: 'replace', db: this.db, coll: this.name, doc });
  }

  remove(record: DocRecord): void {
    for (const index of this.indexes.values()) {
      const keys = index.isIdIndex ? [[record.doc._id]] : index.keysOf(record.doc);
      if (keys) index.remove(record, keys);
    }
    this.records.delete(valueHash(record.doc._id));
    this.sink().record({ op: 'delete', db: this.db, coll: this.name, id: record.doc._id });
  }

  /** Builds an index over the current documents; a unique violation leaves the collection unchanged. */
  addIndex(spec: Document): CollectionIndex {
    const index = new CollectionIndex(spec);
    for (const record of this.records.values()) {
      if (index.sphere) index.assertGeoIndexable(record.doc);
      const keys = index.keysOf(record.doc);
      if (!keys) continue;
      if (index.unique) {
        const dup = index.findDuplicate(keys, record);
        if (dup) {
          const cause = index.duplicateKeyError(this.namespace, dup.values);
          const uuid = this.uuid.toUUID().toHexString();
          throw new CommandError(
            ErrorCode.DuplicateKey,
            `Index build failed: ${uuid}: Collection ${this.namespace} ( ${uuid} ) :: caused by :: ${cause.message}`,
            cause.extra,
          );
        }
      }
      index.insert(record, keys);
    }
    this.indexes.set(index.name, index);
    this.sink().record({ op: 'createIndex', db: this.db, coll: this.name, spec });
    return index;
  }

  /**
   * Swaps an index for one with the same key and changed options (collMod: hidden,
   * expireAfterSeconds), rebuilt over the current documents, keeping its place in the listing.
   */
  replaceIndex(spec: Document): CollectionIndex {
    const index = new CollectionIndex(spec);
    for (const record of this.records.values()) {
      const keys = index.isIdIndex ? [[record.doc._id]] : index.keysOf(record.doc);
      if (keys) index.insert(record, keys);
    }
    this.indexes.set(index.name, index);
    this.sink().record({ op: 'replaceIndex', db: this.db, coll: this.name, spec });
    return index;
  }

  dropIndex(name: string): void {
    this.indexes.delete(name);
    this.sink().record({ op: 'dropIndex', db: this.db, coll: this.name, name });
  }
}

function sameKeys(a: unknown[][] | null, b: unknown[][] | null): boolean {
  if (a === null || b === null) return a === b;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    for (let j = 0; j < x.length; j++) if (x[j] !== y[j] && valueHash(x[j]) !== valueHash(y[j])) return false;
  }
  return true;
}
