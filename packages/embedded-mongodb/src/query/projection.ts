import type { Document } from 'bson';
import { Query } from 'mingo/query';
import { isPlainObject, bsonKind } from '../bson/bson-kind.js';
import { CommandError, ErrorCode } from '../errors.js';
import { compileFilter } from './filter.js';
import { mingoOptions } from './mingo-context.js';
import { applyArrayProjections, splitArrayProjections } from './array-projections.js';
import { setOwn } from '../bson/own-property.js';
import { numericView } from '../bson/doubles.js';

export type Projector = (docs: Document[]) => Document[];

const IDENTITY: Projector = (docs) => docs;

/**
 * Compiles a find projection. Inclusion, exclusion, positional `.$` and expressions go to mingo;
 * `$slice` and `$elemMatch` are applied here afterwards, because they do not decide whether the
 * projection includes or excludes (`{arr: {$slice: 1}}` alone returns every field, `$elemMatch`
 * on an array of scalars takes value operators) and mingo gets both wrong.
 */
export function compileProjection(projection: unknown, filter: Document): Projector {
  if (projection === undefined || projection === null) return IDENTITY;
  if (!isPlainObject(projection)) {
    throw new CommandError(ErrorCode.TypeMismatch, `Expected field projection to be of type object, found ${bsonKind(projection)}`);
  }
  if (Object.keys(projection).length === 0) return IDENTITY;
  const { base, slices, elemMatches } = splitArrayProjections(numericView(projection));
  const matchers = new Map([...elemMatches].map(([path, cond]) => [path, compileFilter({ v: { $elemMatch: cond } }, 'projection')]));
  const baseProjector = compileBase(base, filter);
  return (docs) => applyArrayProjections(baseProjector(docs), slices, matchers);
}

function compileBase(projection: Document, filter: Document): Projector {
  if (Object.keys(projection).length === 0) return IDENTITY;
  const positional = Object.keys(projection).some((k) => k.endsWith('.$'));
  // Computed fields are mingo expressions, evaluated on JS numbers only.
  const computed = Object.values(projection).some((v) => typeof v !== 'number' && typeof v !== 'boolean');
  return (docs) => {
    try {
      const query = new Query(positional ? filter : {}, mingoOptions());
      return (query.find(computed ? docs.map(numericView) : docs, projection).all() as Document[]).map(idFirst);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      if (/exclusion and inclusion/i.test(message)) {
        const exclusion = Object.values(projection).some((v) => v === 0 || v === false);
        throw new CommandError(
          exclusion ? 31253 : 31254,
          exclusion ? 'Cannot do inclusion on field in exclusion projection' : 'Cannot do exclusion on field in inclusion projection',
        );
      }
      throw new CommandError(ErrorCode.BadValue, message);
    }
  };
}

/** MongoDB keeps `_id` first in projected documents; mingo appends it. */
export function idFirst(doc: Document): Document {
  if (!('_id' in doc) || Object.keys(doc)[0] === '_id') return doc;
  const out: Document = { _id: doc._id };
  for (const k of Object.keys(doc)) if (k !== '_id') setOwn(out, k, doc[k]);
  return out;
}
