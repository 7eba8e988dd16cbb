import type { Document } from 'bson';
import { valueHash } from '../bson/bson-hash.js';
import { CommandError, ErrorCode } from '../errors.js';
import { compileFilter } from '../query/filter.js';
import { validateNamespace } from '../storage/catalog.js';
import { collectionName } from './arguments.js';
import type { CommandDefinition, CommandRequest } from './command-context.js';
import { cursorBatchSize, cursorReply } from './cursor-reply.js';
import { GENERIC_FIELDS } from './generic-fields.js';
import { collatorFor } from '../query/collation.js';
import { normalizeTimeseriesOptions } from '../storage/timeseries.js';
import { compileValidator } from '../validation/validator.js';

function create(request: CommandRequest): Document {
  const { body, db, state } = request;
  const name = collectionName(body, 'create');
  validateNamespace(db, name);
  if (body.viewOn !== undefined) throw new CommandError(ErrorCode.CommandNotSupported, 'views are not supported by the embedded server');
  if (truthy(body.capped) && body.size === undefined) throw new CommandError(ErrorCode.InvalidOptions, "the 'size' field is required when 'capped' is true");
  const options: Document = {};
  for (const [k, v] of Object.entries(body)) if (k !== 'create' && !GENERIC_FIELDS.has(k)) options[k] = v;
  if (options.timeseries !== undefined) options.timeseries = normalizeTimeseriesOptions(options.timeseries);
  if (options.validator !== undefined) compileValidator(options.validator);
  if (options.collation !== undefined) collatorFor(options.collation);
  const existing = state.catalog.get(db, name);
  if (existing) {
    // MongoDB 7 answers ok when the options are identical.
    if (valueHash(existing.options) === valueHash(options)) return { ok: 1 };
    throw new CommandError(ErrorCode.NamespaceExists, `Collection ${db}.${name} already exists.`);
  }
  state.catalog.create(db, name, options);
  return { ok: 1 };
}

function truthy(value: unknown): boolean {
  return value === true || (typeof value === 'number' && value !== 0);
}

function drop(request: CommandRequest): Document {
  const { body, db, state } = request;
  const name = collectionName(body, 'drop');
  const collection = state.catalog.get(db, name);
  if (!collection) throw new CommandError(ErrorCode.NamespaceNotFound, 'ns not found');
  const nIndexesWas = collection.indexes.size;
  state.catalog.drop(db, name);
  state.cursors.killMatching(`${db}.${name}`);
  return { nIndexesWas, ns: `${db}.${name}`, ok: 1 };
}

function dropDatabase(request: CommandRequest): Document {
  const { db, state } = request;
  state.catalog.dropDatabase(db);
  state.cursors.killMatching(`${db}.`);
  return { dropped: db, ok: 1 };
}

function listCollections(request: CommandRequest): Document {
  const { body, db, state } = request;
  const filter = compileFilter(body.filter);
  const nameOnly = body.nameOnly === true;
  const entries: Document[] = [];
  for (const collection of state.catalog.collections(db)) {
    const full: Document = {
      name: collection.name,
      type: collection.options.timeseries ? 'timeseries' : 'collection',
      options: collection.options,
      info: { readOnly: false, uuid: collection.uuid },
      idIndex: { v: 2, key: { _id: 1 }, name: '_id_' },
    };
    if (!filter.test(full)) continue;
    entries.push(nameOnly ? { name: collection.name, type: full.type } : full);
  }
  return cursorReply(state, `${db}.$cmd.listCollections`, entries, { batchSize: cursorBatchSize(body, 'listCollections', false) });
}

/** Moves a collection (documents, options, indexes) to a new namespace, optionally replacing the target. */
function renameCollection(request: CommandRequest): Document {
  const { body, state } = request;
  const [fromDb, from] = splitNamespace(body.renameCollection);
  const [toDb, to] = splitNamespace(body.to);
  validateNamespace(toDb, to);
  const source = state.catalog.get(fromDb, from);
  if (!source) throw new CommandError(ErrorCode.NamespaceNotFound, 'source namespace does not exist');
  if (fromDb === toDb && from === to) throw new CommandError(ErrorCode.IllegalOperation, "Can't rename a collection to itself");
  if (state.catalog.get(toDb, to)) {
    if (body.dropTarget !== true) throw new CommandError(ErrorCode.NamespaceExists, 'target namespace exists');
    state.catalog.drop(toDb, to);
    state.cursors.killMatching(`${toDb}.${to}`);
  }
  const target = state.catalog.create(toDb, to, source.options);
  for (const index of source.indexes.values()) if (!index.isIdIndex) target.addIndex(index.spec);
  for (const record of source.records.values()) target.insert(record.doc);
  state.catalog.drop(fromDb, from);
  state.cursors.killMatching(`${fromDb}.${from}`);
  return { ok: 1 };
}

function splitNamespace(value: unknown): [string, string] {
  const dot = typeof value === 'string' ? value.indexOf('.') : -1;
  if (dot <= 0) throw new CommandError(ErrorCode.InvalidNamespace, `Invalid namespace specified '${String(value)}'`);
  const ns = value as string;
  return [ns.slice(0, dot), ns.slice(dot + 1)];
}

export const collectionCommands: Record<string, CommandDefinition> = {
  create: { handler: create },
  drop: { handler: drop },
  dropDatabase: { handler: dropDatabase },
  listCollections: { handler: listCollections },
  renameCollection: { handler: renameCollection, adminOnly: true },
};
