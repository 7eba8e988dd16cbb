import { calculateObjectSize } from 'bson';
import { isNumeric } from '../bson/bson-kind.js';
import { toNumber } from '../bson/bson-numbers.js';
import type { Collection } from './collection.js';

/**
 * Capped collections keep at most `max` documents and `size` bytes (a size up to 4096 is 4096,
 * larger ones are rounded up to a multiple of 256, as MongoDB does): after an insert the oldest
 * documents are removed until both limits hold. The byte total is measured afresh each time,
 * which is linear in the collection: fine for the small capped collections tests use.
 */
export function enforceCap(collection: Collection): void {
  const { capped, size, max } = collection.options;
  if (!(capped === true || (typeof capped === 'number' && capped !== 0)) || !isNumeric(size)) return;
  const requested = toNumber(size);
  const maxBytes = requested <= 4096 ? 4096 : Math.ceil(requested / 256) * 256;
  const maxDocs = isNumeric(max) && toNumber(max) > 0 ? toNumber(max) : Infinity;
  let bytes = 0;
  for (const record of collection.records.values()) bytes += calculateObjectSize(record.doc);
  for (const oldest of [...collection.records.values()]) {
    if (collection.size <= maxDocs && bytes <= maxBytes) break;
    if (collection.size <= 1) break; // the newest document always stays
    bytes -= calculateObjectSize(oldest.doc);
    collection.remove(oldest);
  }
}
