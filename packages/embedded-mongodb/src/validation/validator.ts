import type { Document } from 'bson';
import { isPlainObject } from '../bson/bson-kind.js';
import { currentScope } from '../commands/command-scope.js';
import { CommandError, ErrorCode } from '../errors.js';
import { compileFilter, type CompiledFilter } from '../query/filter.js';
import type { Collection } from '../storage/collection.js';

/**
 * Collection validators (`validator` with query operators and `$jsonSchema`), applied to every
 * inserted, replaced, updated and upserted document as MongoDB does: `validationLevel`
 * `strict` (default), `moderate` (documents that already failed may still be updated) or `off`;
 * `validationAction` `error` (default) or `warn` (accepted); `bypassDocumentValidation` skips it.
 */
const compiled = new WeakMap<Document, CompiledFilter>();

export function compileValidator(validator: unknown): CompiledFilter {
  if (!isPlainObject(validator)) throw new CommandError(ErrorCode.TypeMismatch, "BSON field 'validator' is the wrong type, expected type 'object'");
  let filter = compiled.get(validator);
  if (!filter) {
    for (const op of ['$near', '$nearSphere', '$text', '$where', '$geoNear']) {
      if (op in validator) throw new CommandError(ErrorCode.BadValue, `${op} is not allowed inside of a validator`);
    }
    filter = compileFilter(validator, 'validator');
    compiled.set(validator, filter);
  }
  return filter;
}

export function assertValid(collection: Collection | undefined, doc: Document, previous?: Document): void {
  const options = collection?.options;
  if (!options || !isPlainObject(options.validator) || Object.keys(options.validator).length === 0) return;
  if (options.validationLevel === 'off' || currentScope().bypassValidation) return;
  const filter = compileValidator(options.validator);
  if (filter.test(doc)) return;
  if (options.validationLevel === 'moderate' && previous !== undefined && !filter.test(previous)) return;
  if (options.validationAction === 'warn') return;
  const operatorName = Object.keys(options.validator)[0];
  throw new CommandError(ErrorCode.DocumentValidationFailure, 'Document failed validation', {
    errInfo: { failingDocumentId: doc._id, details: { operatorName, specifiedAs: { [operatorName]: options.validator[operatorName] } } },
  });
}
