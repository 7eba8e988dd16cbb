import type { Document } from 'bson';
import { isPlainObject } from '../bson/bson-kind.js';
import { CommandError, ErrorCode } from '../errors.js';
import { compileFilter } from '../query/filter.js';
import { planQuery, type Plan } from '../query/planner.js';
import { parseSort } from '../query/sort.js';
import type { CommandDefinition, CommandRequest, ServerState } from './command-context.js';

/** Where each explainable command keeps its filter, sort and hint. */
const SHAPES: Record<string, (cmd: Document) => { filter?: unknown; sort?: unknown; hint?: unknown }> = {
  find: (c) => ({ filter: c.filter, sort: c.sort, hint: c.hint }),
  count: (c) => ({ filter: c.query, hint: c.hint }),
  distinct: (c) => ({ filter: c.query }),
  findAndModify: (c) => ({ filter: c.query, sort: c.sort, hint: c.hint }),
  update: (c) => ({ filter: (c.updates as Document[] | undefined)?.[0]?.q, hint: (c.updates as Document[] | undefined)?.[0]?.hint }),
  delete: (c) => ({ filter: (c.deletes as Document[] | undefined)?.[0]?.q, hint: (c.deletes as Document[] | undefined)?.[0]?.hint }),
  aggregate: (c) => {
    const first = (c.pipeline as Document[] | undefined)?.[0];
    return { filter: isPlainObject(first) ? first.$match : undefined, hint: c.hint };
  },
};

/**
 * `explain` reports the access path the planner picks (queryPlanner only, no execution stats),
 * shaped like MongoDB's: IDHACK, FETCH over IXSCAN with the index name, or COLLSCAN.
 */
function explain(request: CommandRequest): Document {
  const inner = request.body.explain;
  if (!isPlainObject(inner)) throw new CommandError(ErrorCode.FailedToParse, 'explain command requires a nested object');
  return explainCommand(request.state, request.db, inner);
}

/** The explain reply for one command (also used by `aggregate` with `explain: true`). */
export function explainCommand(state: ServerState, db: string, inner: Document): Document {
  const name = Object.keys(inner)[0];
  const shape = SHAPES[name === 'findandmodify' ? 'findAndModify' : name];
  if (!shape) throw new CommandError(ErrorCode.CommandNotSupported, `explain is not supported for ${name}`);
  const coll = String(inner[name]);
  const { filter, sort, hint } = shape(inner);
  const compiled = compileFilter(filter);
  const collection = state.catalog.get(db, coll);
  const natural = isPlainObject(sort) && '$natural' in sort;
  const plan = collection ? planQuery(collection, compiled.filter, natural ? [] : parseSort(sort), hint) : undefined;
  return {
    queryPlanner: { namespace: `${db}.${coll}`, parsedQuery: compiled.filter, winningPlan: describePlan(plan, collection?.indexes.get(plan?.strategy ?? '')?.spec.key), rejectedPlans: [] },
    command: inner,
    ok: 1,
  };
}

function describePlan(plan: Plan | undefined, keyPattern: unknown): Document {
  if (!plan || plan.strategy === 'COLLSCAN') return { stage: 'COLLSCAN' };
  if (plan.strategy === 'IDHACK') return { stage: 'IDHACK' };
  return { stage: 'FETCH', inputStage: { stage: 'IXSCAN', keyPattern, indexName: plan.strategy } };
}

export const explainCommands: Record<string, CommandDefinition> = {
  explain: { handler: explain },
};
