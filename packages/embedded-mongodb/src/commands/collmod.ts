import type { Document } from 'bson';
import { isNumeric, isPlainObject } from '../bson/bson-kind.js';
import { toNumber } from '../bson/bson-numbers.js';
import { CommandError, ErrorCode } from '../errors.js';
import { sameKey } from '../indexes/index-spec.js';
import { collectionName } from './arguments.js';
import type { CommandDefinition, CommandRequest } from './command-context.js';
import { GENERIC_FIELDS } from './generic-fields.js';
import { compileValidator } from '../validation/validator.js';

const COLLECTION_OPTIONS = new Set(['validator', 'validationLevel', 'validationAction', 'expireAfterSeconds']);

/**
 * collMod: hide or unhide an index, change its TTL, or change the collection's validator,
 * validation level and action, or a time-series collection's expireAfterSeconds.
 */
function collMod(request: CommandRequest): Document {
  const { body, db, state } = request;
  const name = collectionName(body, 'collMod');
  const collection = state.catalog.get(db, name);
  if (!collection) throw new CommandError(ErrorCode.NamespaceNotFound, `ns does not exist: ${db}.${name}`);
  const reply: Document = {};
  const options: Document = { ...collection.options };
  let optionsChanged = false;
  for (const [field, value] of Object.entries(body)) {
    if (field === 'collMod' || GENERIC_FIELDS.has(field)) continue;
    if (field === 'index') {
      Object.assign(reply, modifyIndex(request, value));
      continue;
    }
    if (field === 'viewOn' || field === 'pipeline') throw new CommandError(ErrorCode.CommandNotSupported, 'views are not supported by the embedded server');
    if (!COLLECTION_OPTIONS.has(field)) throw new CommandError(40415, `BSON field 'collMod.${field}' is an unknown field.`);
    if (field === 'validator') compileValidator(value);
    if (field === 'validationLevel' && !['off', 'strict', 'moderate'].includes(String(value))) {
      throw new CommandError(ErrorCode.BadValue, `Enumeration value '${String(value)}' for field 'collMod.validationLevel' is not a valid value.`);
    }
    if (field === 'validationAction' && !['error', 'warn'].includes(String(value))) {
      throw new CommandError(ErrorCode.BadValue, `Enumeration value '${String(value)}' for field 'collMod.validationAction' is not a valid value.`);
    }
    options[field] = value;
    optionsChanged = true;
  }
  if (optionsChanged) collection.setOptions(options);
  reply.ok = 1;
  return reply;
}

function modifyIndex(request: CommandRequest, spec: unknown): Document {
  const { body, db, state } = request;
  const collection = state.catalog.get(db, String(body.collMod));
  if (!collection || !isPlainObject(spec)) throw new CommandError(ErrorCode.TypeMismatch, "BSON field 'collMod.index' is the wrong type, expected type 'object'");
  const index = [...collection.indexes.values()].find((i) =>
    typeof spec.name === 'string' ? i.name === spec.name : isPlainObject(spec.keyPattern) && sameKey(i.spec.key as Document, spec.keyPattern),
  );
  if (!index) {
    const wanted = typeof spec.name === 'string' ? spec.name : JSON.stringify(spec.keyPattern);
    throw new CommandError(ErrorCode.IndexNotFound, `cannot find index ${wanted} for ns ${db}.${collection.name}`);
  }
  const next: Document = { ...index.spec };
  const reply: Document = {};
  if (spec.hidden !== undefined) {
    if (index.isIdIndex) throw new CommandError(ErrorCode.BadValue, 'can\'t hide _id index');
    reply.hidden_old = index.spec.hidden === true;
    reply.hidden_new = spec.hidden === true;
    if (spec.hidden === true) next.hidden = true;
    else delete next.hidden;
  }
  if (spec.expireAfterSeconds !== undefined) {
    if (!isNumeric(spec.expireAfterSeconds)) throw new CommandError(ErrorCode.TypeMismatch, 'expireAfterSeconds must be a number');
    if (index.spec.expireAfterSeconds === undefined) throw new CommandError(ErrorCode.InvalidOptions, 'no expireAfterSeconds field to update');
    reply.expireAfterSeconds_old = index.spec.expireAfterSeconds;
    reply.expireAfterSeconds_new = toNumber(spec.expireAfterSeconds);
    next.expireAfterSeconds = toNumber(spec.expireAfterSeconds);
  }
  collection.replaceIndex(next);
  return reply;
}

export const collModCommands: Record<string, CommandDefinition> = {
  collMod: { handler: collMod },
};
