import { Context, ProcessingMode } from 'mingo';
import * as accumulatorOperators from 'mingo/operators/accumulator';
import * as expressionOperators from 'mingo/operators/expression';
import * as pipelineOperators from 'mingo/operators/pipeline';
import * as projectionOperators from 'mingo/operators/projection';
import * as queryOperators from 'mingo/operators/query';
import * as windowOperators from 'mingo/operators/window';
import { Lazy, type Iterator } from 'mingo/lazy';
import type { AnyObject, Options } from 'mingo/types';
import { geoOperators } from '../geo/geo-operators.js';
import { bitwiseOperators } from './bitwise-operators.js';
import { compileJsonSchema } from '../validation/json-schema.js';
import { $where } from './where-operator.js';
import { comparisonOperators } from './comparison-operators.js';
import { bsonAccumulators } from './bson-accumulators.js';
import { bsonExpressions } from './bson-expressions.js';
import { parseSort, sortDocuments } from './sort.js';
import { zoneAwareDateOperators } from './time-zones.js';

/** `$sort` with MongoDB's BSON order (mingo's puts foreign types in constructor-name order). */
function $sort(coll: Iterator, spec: AnyObject, _options: Options): Iterator {
  const fields = parseSort(spec);
  return coll.transform((docs: AnyObject[]) => Lazy(sortDocuments(docs, fields, (d) => d)));
}

type Operators = Parameters<typeof Context.init>[0];

const QUERY_OPERATORS = { ...queryOperators, ...comparisonOperators, ...bitwiseOperators, ...geoOperators, $where };

/**
 * Operator contexts for mingo, built from its operator modules directly: the default entry point
 * registers its own operators first and would silently ignore these overrides.
 * mingo copies the whole context for every query and update it compiles, so filters that use no
 * expressions get a context with the query operators only (an order of magnitude cheaper).
 */
export const MINGO_CONTEXT = Context.init({
  accumulator: { ...accumulatorOperators, ...bsonAccumulators },
  expression: { ...expressionOperators, ...zoneAwareDateOperators, ...bsonExpressions },
  pipeline: { ...pipelineOperators, $sort },
  projection: { ...projectionOperators },
  query: QUERY_OPERATORS,
  window: { ...windowOperators },
} as Operators);

const QUERY_ONLY_CONTEXT = Context.init({ query: QUERY_OPERATORS } as Operators);

export function mingoOptions(extra: Partial<Options> = {}): Partial<Options> {
  return { context: MINGO_CONTEXT, scriptEnabled: false, processingMode: ProcessingMode.CLONE_OFF, jsonSchemaValidator: compileJsonSchema, ...extra };
}

/** Options for compiling a filter or operator update; expressions ($expr) need the full context. */
export function queryOptions(spec: unknown): Partial<Options> {
  // mingo refuses $where unless scripts are enabled; this server's own $where decides (see where-operator).
  const where = spec !== null && typeof spec === 'object' && '$where' in spec;
  return mingoOptions(usesExpressions(spec) ? { scriptEnabled: where } : { context: QUERY_ONLY_CONTEXT });
}

const EXPRESSION_KEYS = new Set(['$expr', '$where', '$function', '$accumulator']);

/** Whether a spec holds aggregation expressions ($expr, $where, …), which mingo evaluates on JS numbers only. */
export function usesExpressions(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(usesExpressions);
  if (value === null || typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype) return false;
  for (const [k, v] of Object.entries(value)) {
    if (EXPRESSION_KEYS.has(k) || usesExpressions(v)) return true;
  }
  return false;
}
