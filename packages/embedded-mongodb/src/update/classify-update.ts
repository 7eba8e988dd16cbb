import { isPlainObject } from '../bson/bson-kind.js';
import { renderValue } from '../bson/bson-render.js';
import { CommandError, ErrorCode } from '../errors.js';
import { typeNameForMessage } from './update-paths.js';

export type UpdateKind = 'operators' | 'replacement' | 'pipeline';

const OPERATORS = new Set([
  '$set', '$unset', '$inc', '$mul', '$min', '$max', '$rename', '$currentDate',
  '$push', '$addToSet', '$pop', '$pull', '$pullAll', '$bit', '$setOnInsert',
]);
const PIPELINE_STAGES = new Set(['$addFields', '$set', '$project', '$unset', '$replaceRoot', '$replaceWith']);

/** Tells operator updates, replacements and pipelines apart, rejecting mixtures as MongoDB does. */
export function classifyUpdate(u: unknown): UpdateKind {
  if (Array.isArray(u)) {
    for (const stage of u) {
      const name = isPlainObject(stage) ? Object.keys(stage)[0] : undefined;
      if (!name || !PIPELINE_STAGES.has(name)) {
        throw new CommandError(ErrorCode.InvalidOptions, `${name ?? 'stage'} is not allowed to be used within an update`);
      }
    }
    return 'pipeline';
  }
  if (!isPlainObject(u)) throw new CommandError(ErrorCode.FailedToParse, 'Update argument must be either an object or an array');
  const keys = Object.keys(u);
  if (keys.length > 0 && keys[0].startsWith('$')) {
    for (const key of keys) {
      if (!OPERATORS.has(key)) {
        throw new CommandError(ErrorCode.FailedToParse, `Unknown modifier: ${key}. Expected a valid update modifier or pipeline-style update specified as an array`);
      }
      const arg = u[key];
      if (!isPlainObject(arg)) {
        throw new CommandError(
          ErrorCode.FailedToParse,
          `Modifiers operate on fields but we found type ${typeNameForMessage(arg)} instead. For example: {$mod: {<field>: ...}} not {${key}: ${renderValue(arg)}}`,
        );
      }
    }
    return 'operators';
  }
  for (const key of keys) {
    if (key.startsWith('$')) {
      throw new CommandError(
        ErrorCode.DollarPrefixedFieldName,
        `The dollar ($) prefixed field '${key}' in '${key}' is not allowed in the context of an update's replacement document. Consider using an aggregation pipeline with $replaceWith.`,
      );
    }
  }
  return 'replacement';
}
