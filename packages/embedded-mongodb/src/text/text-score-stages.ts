import type { Document } from 'bson';
import { isPlainObject } from '../bson/bson-kind.js';

/**
 * `{$meta: 'textScore'}` in the aggregation stages after a `$text` match: the scores are put in a
 * field of each matched document under a name no client uses, every `{$meta: 'textScore'}`
 * expression (and `$sort` key) in the later stages becomes a reference to that field, and the
 * field is removed from the results. Stages that drop unreferenced fields drop it too, as the
 * score is unavailable after them in MongoDB as well.
 */
const SCORE_FIELD = '__embedded_mongodb_text_score';

export function withScoreField(docs: Document[], scores: (doc: Document, i: number) => number): Document[] {
  return docs.map((doc, i) => ({ ...doc, [SCORE_FIELD]: scores(doc, i) }));
}

export function rewriteTextScoreStages(stages: Document[]): Document[] {
  return stages.map((stage) => {
    const [name, spec] = Object.entries(stage)[0];
    if (name === '$sort' && isPlainObject(spec)) {
      const sort: Document = {};
      for (const [field, dir] of Object.entries(spec)) sort[isTextScore(dir) ? SCORE_FIELD : field] = isTextScore(dir) ? -1 : dir;
      return { $sort: sort };
    }
    return { [name]: rewrite(spec) };
  });
}

function isTextScore(value: unknown): boolean {
  return isPlainObject(value) && Object.keys(value).length === 1 && value.$meta === 'textScore';
}

function rewrite(value: unknown): unknown {
  if (isTextScore(value)) return `$${SCORE_FIELD}`;
  if (Array.isArray(value)) return value.map(rewrite);
  if (!isPlainObject(value)) return value;
  const out: Document = {};
  for (const [k, v] of Object.entries(value)) out[k] = rewrite(v);
  return out;
}

export function withoutScoreField(docs: Document[]): Document[] {
  return docs.map((doc) => {
    if (!(SCORE_FIELD in doc)) return doc;
    const { [SCORE_FIELD]: _score, ...rest } = doc;
    return rest;
  });
}
