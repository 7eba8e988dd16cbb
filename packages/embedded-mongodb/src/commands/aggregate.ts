import type { Document } from 'bson';
import { isNumeric, isPlainObject } from '../bson/bson-kind.js';
import { toNumber } from '../bson/bson-numbers.js';
import { CommandError, ErrorCode } from '../errors.js';
import { matchRecords, type MatchOptions } from '../query/find-executor.js';
import { runPipeline, stageName, validatePipeline } from '../query/pipeline.js';
import { validateNamespace } from '../storage/catalog.js';
import { prepareForStorage } from '../storage/document-rules.js';
import { requiredArray } from './arguments.js';
import type { CommandDefinition, CommandRequest } from './command-context.js';
import { cursorBatchSize, cursorReply } from './cursor-reply.js';
import { explainCommand } from './explain.js';
import { geoNearStage } from './geo-near-stage.js';
import { compileFilter } from '../query/filter.js';
import { rewriteTextScoreStages, withoutScoreField, withScoreField } from '../text/text-score-stages.js';

/**
 * aggregate: a leading $match / $sort / $skip / $limit runs through the planner (so
 * countDocuments on an indexed field does not scan), the rest through mingo.
 */
function aggregate(request: CommandRequest): Document {
  const { body, db, state } = request;
  const pipeline = requiredArray(body, 'aggregate', 'pipeline') as Document[];
  validatePipeline(pipeline);
  if (body.explain === true) return explainCommand(state, db, body);
  const batchSize = cursorBatchSize(body, 'aggregate', true);
  const collectionLevel = typeof body.aggregate === 'string';
  if (!collectionLevel && !(isNumeric(body.aggregate) && toNumber(body.aggregate) === 1)) {
    throw new CommandError(ErrorCode.FailedToParse, "Invalid input namespace, the 'aggregate' field must be a string or the number 1");
  }
  const name = collectionLevel ? (body.aggregate as string) : '';
  const last = pipeline.length > 0 ? stageName(pipeline[pipeline.length - 1]) : '';
  if (last === '$merge') throw new CommandError(ErrorCode.CommandNotSupported, '$merge is not supported by the embedded server; use $out');
  const stages = last === '$out' ? pipeline.slice(0, -1) : pipeline;

  const resolve = (other: string): Document[] => [...(state.catalog.get(db, other)?.records.values() ?? [])].map((r) => r.doc);
  let results: Document[];
  if (stages.length > 0 && stageName(stages[0]) === '$geoNear') {
    results = runPipeline(geoNearStage(state.catalog.get(db, name), stages[0].$geoNear), stages.slice(1), resolve);
  } else {
    const { prefix, rest } = splitPrefix(stages);
    const compiled = compileFilter(prefix.filter);
    if (compiled.near) {
      throw new CommandError(
        5626500,
        '$geoNear, $near, and $nearSphere are not allowed in this context, as these operators require sorting geospatial data. If you do not need sort, consider using $geoWithin instead.',
      );
    }
    const match = collectionLevel ? matchRecords(state.catalog.get(db, name), { ...prefix, compiled, hint: body.hint }) : undefined;
    const matched = match?.records ?? [];
    const scores = match?.textScores;
    results =
      countingGroup(rest, matched.length) ??
      (scores
        ? withoutScoreField(runPipeline(withScoreField(matched.map((r) => r.doc), (_, i) => scores.get(matched[i]) ?? 0), rewriteTextScoreStages(rest), resolve))
        : runPipeline(matched.map((r) => r.doc), rest, resolve));
  }

  if (last === '$out') {
    writeOut(request, pipeline[pipeline.length - 1].$out, results);
    return cursorReply(state, `${db}.${name}`, []);
  }
  return cursorReply(state, collectionLevel ? `${db}.${name}` : `${db}.$cmd.aggregate`, results, { batchSize });
}

/** Leading stages the planner can execute: $match, then $sort, $skip, $limit in that order. */
function splitPrefix(stages: Document[]): { prefix: MatchOptions; rest: Document[] } {
  let i = 0;
  const prefix: { filter?: unknown; sort?: unknown; skip?: number; limit?: number } = {};
  if (stages[i] && stageName(stages[i]) === '$match') prefix.filter = stages[i++].$match;
  if (stages[i] && stageName(stages[i]) === '$sort') prefix.sort = stages[i++].$sort;
  if (stages[i] && stageName(stages[i]) === '$skip' && isNumeric(stages[i].$skip)) prefix.skip = toNumber(stages[i++].$skip);
  if (stages[i] && stageName(stages[i]) === '$limit' && isNumeric(stages[i].$limit) && toNumber(stages[i].$limit) > 0) {
    prefix.limit = toNumber(stages[i++].$limit);
  }
  return { prefix, rest: stages.slice(i) };
}

/**
 * countDocuments sends `[$match, $group: {_id: <constant>, n: {$sum: 1}}]`: answered from the
 * match count without materialising every document through mingo.
 */
function countingGroup(rest: Document[], count: number): Document[] | undefined {
  if (rest.length !== 1 || stageName(rest[0]) !== '$group' || !isPlainObject(rest[0].$group)) return undefined;
  const { _id: id, ...accumulators } = rest[0].$group as Document;
  if (typeof id === 'string' && id.startsWith('$')) return undefined;
  if (isPlainObject(id) || Array.isArray(id)) return undefined;
  const out: Document = { _id: id === undefined ? null : id };
  for (const [field, spec] of Object.entries(accumulators)) {
    if (!isPlainObject(spec) || Object.keys(spec).length !== 1 || typeof spec.$sum !== 'number') return undefined;
    out[field] = count * spec.$sum;
  }
  return count === 0 ? [] : [out];
}

function writeOut(request: CommandRequest, target: unknown, results: Document[]): void {
  const { db, state } = request;
  const targetDb = isPlainObject(target) && typeof target.db === 'string' ? target.db : db;
  const targetName = isPlainObject(target) ? target.coll : target;
  if (typeof targetName !== 'string') throw new CommandError(ErrorCode.FailedToParse, '$out must be a string or an object with db and coll');
  validateNamespace(targetDb, targetName);
  const prepared = results.map((doc) => prepareForStorage(doc));
  const existing = state.catalog.get(targetDb, targetName);
  const specs = existing ? [...existing.indexes.values()].filter((i) => !i.isIdIndex).map((i) => i.spec) : [];
  if (existing) state.catalog.drop(targetDb, targetName);
  state.cursors.killMatching(`${targetDb}.${targetName}`);
  const collection = state.catalog.create(targetDb, targetName, existing?.options ?? {});
  for (const spec of specs) collection.addIndex(spec);
  for (const doc of prepared) collection.insert(doc);
}

export const aggregateCommands: Record<string, CommandDefinition> = {
  aggregate: { handler: aggregate },
};
