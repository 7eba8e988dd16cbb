import type { Document } from 'bson';
import { Aggregator } from 'mingo/aggregator';
import { OpType, ProcessingMode } from 'mingo/core';
import { cloneDocument } from '../bson/bson-clone.js';
import { numericView } from '../bson/doubles.js';
import { isPlainObject } from '../bson/bson-kind.js';
import { CommandError, ErrorCode, noJavaScriptEngine } from '../errors.js';
import { MINGO_CONTEXT, mingoOptions } from './mingo-context.js';
import { idFirst } from './projection.js';

/** Stages that only read their input documents; any other stage gets cloned inputs (mingo may write into nested objects). */
const READ_ONLY_STAGES = new Set(['$match', '$sort', '$skip', '$limit', '$group', '$count', '$project', '$sortByCount', '$sample']);

export function stageName(stage: unknown): string {
  if (!isPlainObject(stage) || Object.keys(stage).length !== 1) {
    throw new CommandError(40323, 'A pipeline stage specification object must contain exactly one field.');
  }
  return Object.keys(stage)[0];
}

/** Rejects stages the engine does not know, with MongoDB's codes. */
export function validatePipeline(pipeline: unknown[]): void {
  for (const stage of pipeline) {
    const name = stageName(stage);
    if (name === '$changeStream') {
      throw new CommandError(40573, 'The $changeStream stage is only supported on replica sets');
    }
    if (name === '$out' || name === '$merge') continue;
    if (name === '$geoNear') {
      if (stage !== pipeline[0]) throw new CommandError(40603, '$geoNear was not the first stage in the pipeline.');
      continue;
    }
    if (!MINGO_CONTEXT.getOperator(OpType.PIPELINE, name)) {
      throw new CommandError(40324, `Unrecognized pipeline stage name: '${name}'`);
    }
  }
}

/**
 * Runs stages with mingo. `resolve` supplies other collections of the same database to
 * $lookup / $graphLookup / $unionWith; they are cloned because their documents are stored ones.
 */
export function runPipeline(docs: Document[], stages: Document[], resolve: (name: string) => Document[]): Document[] {
  if (stages.length === 0) return docs;
  const readOnly = stages.every((s) => READ_ONLY_STAGES.has(stageName(s)));
  // mingo computes on JS numbers: whole doubles enter the pipeline as numbers.
  const aggregator = new Aggregator(
    numericView(stages),
    mingoOptions({
      processingMode: readOnly ? ProcessingMode.CLONE_OFF : ProcessingMode.CLONE_INPUT,
      collectionResolver: (name: string) => resolve(name).map((doc) => cloneDocument(numericView(doc))),
    }),
  );
  try {
    return (aggregator.run(docs.map(numericView)) as Document[]).map(idFirst);
  } catch (err) {
    throw pipelineError(err);
  }
}

function pipelineError(err: unknown): CommandError {
  if (err instanceof CommandError) return err;
  const message = err instanceof Error ? err.message : String(err);
  if (/^\$(function|accumulator) requires 'scriptEnabled'/.test(message)) return noJavaScriptEngine();
  const accumulator = /accumulator '(\$\w+)' is not registered/.exec(message);
  if (accumulator) return new CommandError(ErrorCode.InvalidPipelineOperator, `Invalid $project :: caused by :: Unrecognized expression '${accumulator[1]}'`);
  const stage = /unregistered pipeline operator (\$\w+)/.exec(message);
  if (stage) return new CommandError(40324, `Unrecognized pipeline stage name: '${stage[1]}'`);
  const query = /unknown query operator (\$\w+)/.exec(message);
  if (query) return new CommandError(ErrorCode.BadValue, `unknown operator: ${query[1]}`);
  return new CommandError(ErrorCode.BadValue, message);
}
