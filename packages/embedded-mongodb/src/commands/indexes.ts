import type { Document } from 'bson';
import { isPlainObject } from '../bson/bson-kind.js';
import { renderValue } from '../bson/bson-render.js';
import { CommandError, ErrorCode } from '../errors.js';
import { normalizeIndexSpec, sameKey, sameOptions } from '../indexes/index-spec.js';
import { validateNamespace } from '../storage/catalog.js';
import type { Collection } from '../storage/collection.js';
import { collectionName, requiredArray } from './arguments.js';
import type { CommandDefinition, CommandRequest } from './command-context.js';
import { cursorBatchSize, cursorReply } from './cursor-reply.js';

function isSpecialIndex(spec: Document): boolean {
  return Object.values(spec.key as Document).some((v) => typeof v === 'string');
}

function createIndexes(request: CommandRequest): Document {
  const { body, db, state } = request;
  const name = collectionName(body, 'createIndexes');
  validateNamespace(db, name);
  const specs = requiredArray(body, 'createIndexes', 'indexes');
  if (specs.length === 0) throw new CommandError(ErrorCode.BadValue, 'Must specify at least one index to create');
  const createdCollectionAutomatically = state.catalog.get(db, name) === undefined;
  const collection = state.catalog.ensure(db, name);
  // An index without a collation gets the collection's default one, as in MongoDB.
  const defaultCollation = collection.options.collation;
  const normalized = specs
    .map(normalizeIndexSpec)
    .map((spec) => (defaultCollation !== undefined && spec.collation === undefined && !isSpecialIndex(spec) ? { ...spec, collation: defaultCollation } : spec));
  const numIndexesBefore = collection.indexes.size;
  const created: string[] = [];
  try {
    for (const spec of normalized) {
      if (needsBuild(collection, spec)) {
        collection.addIndex(spec);
        created.push(String(spec.name));
      }
    }
  } catch (err) {
    // All or nothing: indexes built earlier in this command are removed again.
    for (const indexName of created) collection.dropIndex(indexName);
    throw err;
  }
  const reply: Document = { numIndexesBefore, numIndexesAfter: collection.indexes.size, createdCollectionAutomatically };
  if (created.length === 0) reply.note = 'all indexes already exist';
  reply.ok = 1;
  return reply;
}

/** False when an identical index exists; throws when a conflicting one does. */
function needsBuild(collection: Collection, spec: Document): boolean {
  const byName = collection.indexes.get(String(spec.name));
  if (byName) {
    if (sameKey(byName.spec.key as Document, spec.key as Document) && sameOptions(byName.spec, spec)) return false;
    throw new CommandError(
      ErrorCode.IndexKeySpecsConflict,
      `An existing index has the same name as the requested index. When index names are not specified, they are auto generated and can cause conflicts. Please refer to our documentation. Requested index: ${renderValue(spec)}, existing index: ${renderValue(byName.spec)}`,
    );
  }
  for (const index of collection.indexes.values()) {
    if (!sameKey(index.spec.key as Document, spec.key as Document)) continue;
    const differentPartial = renderValue(index.spec.partialFilterExpression) !== renderValue(spec.partialFilterExpression);
    if (differentPartial) continue;
    if (sameOptions(index.spec, spec)) {
      throw new CommandError(ErrorCode.IndexOptionsConflict, `Index already exists with a different name: ${index.name}`);
    }
    throw new CommandError(
      ErrorCode.IndexOptionsConflict,
      `An equivalent index already exists with a different name and options. Requested index: ${renderValue(spec)}, existing index: ${renderValue(index.spec)}`,
    );
  }
  return true;
}

function listIndexes(request: CommandRequest): Document {
  const { body, db, state } = request;
  const name = collectionName(body, 'listIndexes');
  const collection = state.catalog.get(db, name);
  if (!collection) throw new CommandError(ErrorCode.NamespaceNotFound, `ns does not exist: ${db}.${name}`);
  const specs = [...collection.indexes.values()].map((i) => i.spec);
  return cursorReply(state, `${db}.${name}`, specs, { batchSize: cursorBatchSize(body, 'listIndexes', false) });
}

function dropIndexes(request: CommandRequest): Document {
  const { body, db, state } = request;
  const name = collectionName(body, request.name);
  const collection = state.catalog.get(db, name);
  if (!collection) throw new CommandError(ErrorCode.NamespaceNotFound, `ns not found ${db}.${name}`);
  const nIndexesWas = collection.indexes.size;
  const target = body.index;
  if (target === '*') {
    for (const indexName of [...collection.indexes.keys()]) if (indexName !== '_id_') collection.dropIndex(indexName);
    return { nIndexesWas, msg: 'non-_id indexes dropped for collection', ok: 1 };
  }
  const names = Array.isArray(target) ? target.map(String) : [resolveIndexName(collection, target)];
  for (const indexName of names) {
    if (indexName === '_id_') throw new CommandError(ErrorCode.InvalidOptions, 'cannot drop _id index');
    if (!collection.indexes.has(indexName)) throw new CommandError(ErrorCode.IndexNotFound, `index not found with name [${indexName}]`);
  }
  for (const indexName of names) collection.dropIndex(indexName);
  return { nIndexesWas, ok: 1 };
}

function resolveIndexName(collection: Collection, target: unknown): string {
  if (typeof target === 'string') return target;
  if (isPlainObject(target)) {
    const found = [...collection.indexes.values()].find((i) => sameKey(i.spec.key as Document, target));
    if (!found) throw new CommandError(ErrorCode.IndexNotFound, `can't find index with key: ${renderValue(target)}`);
    return found.name;
  }
  throw new CommandError(ErrorCode.TypeMismatch, `BSON field 'dropIndexes.index' is the wrong type, expected type 'string or object or array'`);
}

export const indexCommands: Record<string, CommandDefinition> = {
  createIndexes: { handler: createIndexes },
  listIndexes: { handler: listIndexes },
  dropIndexes: { handler: dropIndexes },
  deleteIndexes: { handler: dropIndexes },
};
