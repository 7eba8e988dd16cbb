import { UUID, type Binary, type Document } from 'bson';
import { CommandError, ErrorCode } from '../errors.js';
import { DISCARD_CHANGES, type ChangeSink } from './change-log.js';
import { Collection } from './collection.js';

/** All databases and their collections. A database exists while it holds a collection. */
export class Catalog {
  private readonly databases = new Map<string, Map<string, Collection>>();
  /** Replaced by the journal once recovery has replayed it; in-memory servers keep discarding. */
  sink: ChangeSink = DISCARD_CHANGES;

  databaseNames(): string[] {
    return [...this.databases.keys()].filter((db) => (this.databases.get(db)?.size ?? 0) > 0);
  }

  collections(db: string): Collection[] {
    return [...(this.databases.get(db)?.values() ?? [])];
  }

  get(db: string, name: string): Collection | undefined {
    return this.databases.get(db)?.get(name);
  }

  /** The collection, created implicitly as inserts, upserts and createIndexes do. */
  ensure(db: string, name: string): Collection {
    return this.get(db, name) ?? this.create(db, name, {});
  }

  create(db: string, name: string, options: Document, uuid: Binary = new UUID()): Collection {
    validateNamespace(db, name);
    let collections = this.databases.get(db);
    if (!collections) {
      collections = new Map();
      this.databases.set(db, collections);
    }
    const collection = new Collection(db, name, options, uuid, () => this.sink);
    collections.set(name, collection);
    this.sink.record({ op: 'createCollection', db, coll: name, options, uuid });
    return collection;
  }

  drop(db: string, name: string): boolean {
    const collections = this.databases.get(db);
    if (!collections?.delete(name)) return false;
    if (collections.size === 0) this.databases.delete(db);
    this.sink.record({ op: 'dropCollection', db, coll: name });
    return true;
  }

  dropDatabase(db: string): void {
    if (!this.databases.delete(db)) return;
    this.sink.record({ op: 'dropDatabase', db });
  }

  /** Every collection, for snapshots. */
  *all(): Generator<Collection> {
    for (const collections of this.databases.values()) yield* collections.values();
  }
}

const BAD_DB_CHARS = /[/\\. "$\0]/;

export function validateDatabaseName(db: string): void {
  if (db.length === 0 || db.length >= 64 || BAD_DB_CHARS.test(db)) {
    throw new CommandError(ErrorCode.InvalidNamespace, `Invalid database name: '${db}'`);
  }
}

export function validateNamespace(db: string, name: string): void {
  validateDatabaseName(db);
  if (typeof name !== 'string' || name.length === 0 || name.includes('\0') || name.startsWith('$') || name.startsWith('.')) {
    throw new CommandError(ErrorCode.InvalidNamespace, `Invalid collection name: ${String(name)}`);
  }
  if (name.startsWith('system.')) {
    throw new CommandError(ErrorCode.InvalidNamespace, `Invalid collection name: ${db}.${name}: system collections are reserved`);
  }
  if (Buffer.byteLength(`${db}.${name}`) > 255) {
    throw new CommandError(ErrorCode.InvalidNamespace, `Fully qualified namespace is too long. Namespace: ${db}.${name} Max: 255`);
  }
}
