import { compareValues } from '../bson/bson-compare.js';
import { bsonKind, isPlainObject } from '../bson/bson-kind.js';
import { compileFilter } from '../query/filter.js';

/** Query operators that apply to a value (`{$gte: 6}`); a condition starting with one is matched against each element itself. */
const LOGICAL_OR_DOCUMENT_LEVEL = new Set(['$and', '$or', '$nor', '$expr', '$where', '$text', '$comment', '$jsonSchema', '$alwaysTrue', '$alwaysFalse']);

/**
 * The elements `$pull` keeps. As in MongoDB: a document condition whose first field is not a
 * value operator (`{n: 1}`, `{$or: [...]}`) is a query run against each element as a document;
 * one starting with a value operator (`{$gte: 6}`, `{$in: [...]}`) tests the element itself;
 * anything else removes equal elements.
 */
export function pullFrom(array: unknown[], condition: unknown): unknown[] {
  const removes = pullPredicate(condition);
  return array.filter((element) => !removes(element));
}

function pullPredicate(condition: unknown): (element: unknown) => boolean {
  if (bsonKind(condition) === 'regex') {
    const wrapped = compileFilter({ v: condition });
    return (element) => wrapped.test({ v: element });
  }
  if (!isPlainObject(condition)) return (element) => compareValues(element, condition) === 0;
  const first = Object.keys(condition)[0];
  if (first !== undefined && first.startsWith('$') && !LOGICAL_OR_DOCUMENT_LEVEL.has(first)) {
    const wrapped = compileFilter({ v: condition });
    return (element) => wrapped.test({ v: element });
  }
  const query = compileFilter(condition);
  return (element) => isPlainObject(element) && query.test(element);
}
