import type { Document } from 'bson';
import { compareValues } from '../bson/bson-compare.js';
import { bsonKind, isNumeric, isPlainObject } from '../bson/bson-kind.js';
import { toNumber } from '../bson/bson-numbers.js';
import { CommandError, ErrorCode } from '../errors.js';
import { bsonTypeName } from '../query/comparison-operators.js';

/**
 * MongoDB's `$jsonSchema` (JSON Schema draft 4 without `$ref` and `format`, plus `bsonType`),
 * evaluated over BSON values: `type: 'number'` accepts every numeric BSON type, `'object'` only
 * embedded documents, and `bsonType` takes the `$type` names. JSON Schema libraries see JSON values
 * only (a Long is no number to them, an ObjectId is an object), hence this small evaluator.
 */
type Check = (value: unknown) => boolean;

const KEYWORDS = new Set([
  'bsonType', 'type', 'required', 'properties', 'patternProperties', 'additionalProperties', 'enum',
  'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf', 'minLength', 'maxLength',
  'pattern', 'items', 'additionalItems', 'minItems', 'maxItems', 'uniqueItems', 'minProperties',
  'maxProperties', 'dependencies', 'allOf', 'anyOf', 'oneOf', 'not', 'title', 'description',
]);

const JSON_TYPES: Record<string, (v: unknown) => boolean> = {
  object: (v) => isPlainObject(v),
  array: Array.isArray,
  number: isNumeric,
  boolean: (v) => typeof v === 'boolean',
  string: (v) => typeof v === 'string',
  null: (v) => v === null,
};

function fail(message: string): never {
  throw new CommandError(ErrorCode.FailedToParse, message);
}

function names(value: unknown, keyword: string): string[] {
  const list = Array.isArray(value) ? value : [value];
  if (!list.every((t) => typeof t === 'string')) fail(`$jsonSchema keyword '${keyword}' must be a string or an array of strings`);
  return list as string[];
}

function bsonTypeMatches(value: unknown, wanted: string): boolean {
  if (wanted === 'number') return isNumeric(value);
  if (wanted === 'array') return Array.isArray(value);
  return !Array.isArray(value) && bsonTypeName(value) === wanted;
}

function codePoints(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

export function compileJsonSchema(schema: unknown): Check {
  if (!isPlainObject(schema)) fail('$jsonSchema must be an object');
  const checks: Check[] = [];
  for (const [keyword, arg] of Object.entries(schema)) {
    if (!KEYWORDS.has(keyword)) {
      if (keyword === '$ref' || keyword === 'format' || keyword === 'id' || keyword === '$schema' || keyword === 'default' || keyword === 'definitions') {
        fail(`$jsonSchema keyword '${keyword}' is not currently supported`);
      }
      fail(`Unknown $jsonSchema keyword: ${keyword}`);
    }
    const check = keywordCheck(keyword, arg, schema);
    if (check) checks.push(check);
  }
  return (value) => checks.every((c) => c(value));
}

function keywordCheck(keyword: string, arg: unknown, schema: Document): Check | undefined {
  switch (keyword) {
    case 'title':
    case 'description':
      return undefined;
    case 'bsonType': {
      const wanted = names(arg, keyword);
      return (v) => wanted.some((t) => bsonTypeMatches(v, t));
    }
    case 'type': {
      const wanted = names(arg, keyword);
      for (const t of wanted) if (!JSON_TYPES[t]) fail(t === 'integer' ? "$jsonSchema type 'integer' is not currently supported." : `Unknown type name alias: ${t}`);
      return (v) => wanted.some((t) => JSON_TYPES[t](v));
    }
    case 'required': {
      const fields = names(arg, keyword);
      return (v) => !isPlainObject(v) || fields.every((f) => Object.hasOwn(v, f));
    }
    case 'properties': {
      if (!isPlainObject(arg)) fail('$jsonSchema keyword properties must be an object');
      const props = Object.entries(arg).map(([k, s]) => [k, compileJsonSchema(s)] as const);
      return (v) => !isPlainObject(v) || props.every(([k, check]) => !Object.hasOwn(v, k) || check(v[k]));
    }
    case 'patternProperties': {
      if (!isPlainObject(arg)) fail('$jsonSchema keyword patternProperties must be an object');
      const patterns = Object.entries(arg).map(([p, s]) => [new RegExp(p, 'u'), compileJsonSchema(s)] as const);
      return (v) => !isPlainObject(v) || Object.entries(v).every(([k, x]) => patterns.every(([re, check]) => !re.test(k) || check(x)));
    }
    case 'additionalProperties': {
      const declared = new Set(isPlainObject(schema.properties) ? Object.keys(schema.properties) : []);
      const patterns = isPlainObject(schema.patternProperties) ? Object.keys(schema.patternProperties).map((p) => new RegExp(p, 'u')) : [];
      const extra = (k: string) => !declared.has(k) && !patterns.some((re) => re.test(k));
      if (arg === true) return undefined;
      if (arg === false) return (v) => !isPlainObject(v) || !Object.keys(v).some(extra);
      const check = compileJsonSchema(arg);
      return (v) => !isPlainObject(v) || Object.entries(v).every(([k, x]) => !extra(k) || check(x));
    }
    case 'enum': {
      if (!Array.isArray(arg) || arg.length === 0) fail('$jsonSchema keyword enum must be a non-empty array');
      return (v) => arg.some((e) => bsonKind(e) === bsonKind(v) && compareValues(e, v) === 0);
    }
    case 'minimum':
    case 'maximum': {
      if (!isNumeric(arg)) fail(`$jsonSchema keyword ${keyword} must be a number`);
      const exclusive = schema[keyword === 'minimum' ? 'exclusiveMinimum' : 'exclusiveMaximum'] === true;
      const sign = keyword === 'minimum' ? 1 : -1;
      return (v) => !isNumeric(v) || (exclusive ? compareValues(v, arg) * sign > 0 : compareValues(v, arg) * sign >= 0);
    }
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return undefined; // read together with minimum / maximum
    case 'multipleOf': {
      if (!isNumeric(arg) || toNumber(arg) <= 0) fail('$jsonSchema keyword multipleOf must be a positive number');
      const m = toNumber(arg);
      return (v) => !isNumeric(v) || Number.isInteger(toNumber(v) / m);
    }
    case 'minLength':
    case 'maxLength': {
      const n = toNumber(arg);
      return (v) => typeof v !== 'string' || (keyword === 'minLength' ? codePoints(v) >= n : codePoints(v) <= n);
    }
    case 'pattern': {
      if (typeof arg !== 'string') fail('$jsonSchema keyword pattern must be a string');
      const re = new RegExp(arg, 'u');
      return (v) => typeof v !== 'string' || re.test(v);
    }
    case 'items': {
      if (Array.isArray(arg)) {
        const checks = arg.map(compileJsonSchema);
        const additional = schema.additionalItems;
        const rest = additional === false ? () => false : isPlainObject(additional) ? compileJsonSchema(additional) : () => true;
        return (v) => !Array.isArray(v) || v.every((x, i) => (i < checks.length ? checks[i](x) : rest(x)));
      }
      const check = compileJsonSchema(arg);
      return (v) => !Array.isArray(v) || v.every(check);
    }
    case 'additionalItems':
      return undefined; // read together with items
    case 'minItems':
    case 'maxItems': {
      const n = toNumber(arg);
      return (v) => !Array.isArray(v) || (keyword === 'minItems' ? v.length >= n : v.length <= n);
    }
    case 'uniqueItems':
      return arg === true ? (v) => !Array.isArray(v) || v.every((x, i) => v.findIndex((y) => bsonKind(x) === bsonKind(y) && compareValues(x, y) === 0) === i) : undefined;
    case 'minProperties':
    case 'maxProperties': {
      const n = toNumber(arg);
      return (v) => !isPlainObject(v) || (keyword === 'minProperties' ? Object.keys(v).length >= n : Object.keys(v).length <= n);
    }
    case 'dependencies': {
      if (!isPlainObject(arg)) fail('$jsonSchema keyword dependencies must be an object');
      const deps = Object.entries(arg).map(([k, d]) => [k, Array.isArray(d) ? (v: Document) => d.every((f) => Object.hasOwn(v, String(f))) : compileJsonSchema(d)] as const);
      return (v) => !isPlainObject(v) || deps.every(([k, check]) => !Object.hasOwn(v, k) || check(v));
    }
    case 'allOf':
    case 'anyOf':
    case 'oneOf': {
      if (!Array.isArray(arg) || arg.length === 0) fail(`$jsonSchema keyword ${keyword} must be a non-empty array`);
      const checks = arg.map(compileJsonSchema);
      if (keyword === 'allOf') return (v) => checks.every((c) => c(v));
      if (keyword === 'anyOf') return (v) => checks.some((c) => c(v));
      return (v) => checks.filter((c) => c(v)).length === 1;
    }
    case 'not': {
      const check = compileJsonSchema(arg);
      return (v) => !check(v);
    }
    default:
      return undefined;
  }
}
