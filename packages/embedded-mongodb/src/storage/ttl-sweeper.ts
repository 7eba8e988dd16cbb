import { bsonKind } from '../bson/bson-kind.js';
import { toNumber } from '../bson/bson-numbers.js';
import { planQuery } from '../query/planner.js';
import type { Catalog } from './catalog.js';
import type { DocRecord } from './doc-record.js';
import { measurementExpired } from './timeseries.js';

/**
 * Removes documents whose TTL-indexed Date (the earliest, for arrays) is older than the index's
 * expireAfterSeconds, as MongoDB's background monitor does. Candidates come from the index itself.
 */
export function removeExpired(catalog: Catalog, now: number): number {
  let removed = 0;
  for (const collection of [...catalog.all()]) {
    if (collection.options.timeseries && collection.options.expireAfterSeconds !== undefined) {
      for (const record of [...collection.records.values()]) {
        if (measurementExpired(collection.options, record.doc, now)) {
          collection.remove(record);
          removed++;
        }
      }
    }
    for (const index of [...collection.indexes.values()]) {
      const seconds = index.spec.expireAfterSeconds;
      if (seconds === undefined || !index.ordered || index.fields.length !== 1) continue;
      const cutoff = now - toNumber(seconds) * 1000;
      const field = index.fields[0].path;
      const plan = planQuery(collection, { [field]: { $lt: new Date(cutoff) } }, [], index.name);
      const expired: DocRecord[] = [];
      for (const record of plan.records) {
        const keys = index.keysOf(record.doc);
        if (keys?.some(([v]) => bsonKind(v) === 'date' && (v as Date).getTime() < cutoff)) expired.push(record);
      }
      for (const record of expired) {
        if (collection.getById(record.doc._id) !== record) continue;
        collection.remove(record);
        removed++;
      }
    }
  }
  return removed;
}
