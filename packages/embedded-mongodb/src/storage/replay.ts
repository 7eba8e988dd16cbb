import type { Binary, Document } from 'bson';
import type { Catalog } from './catalog.js';
import type { ChangeOp } from './change-log.js';
import { CorruptDataError } from './record-file.js';

/** Journal records are change ops; replay applies them without re-validating (they were validated when written). */
export function applyChange(catalog: Catalog, change: Document, source: string): void {
  const op = change as ChangeOp;
  const missing = (): CorruptDataError => new CorruptDataError(`${source}: ${op.op} refers to a collection that does not exist`);
  switch (op.op) {
    case 'createCollection':
      catalog.create(op.db, op.coll, op.options, op.uuid as Binary);
      return;
    case 'dropCollection':
      catalog.drop(op.db, op.coll);
      return;
    case 'dropDatabase':
      catalog.dropDatabase(op.db);
      return;
    case 'createIndex': {
      const collection = catalog.get(op.db, op.coll) ?? fail(missing());
      collection.addIndex(op.spec);
      return;
    }
    case 'dropIndex':
      (catalog.get(op.db, op.coll) ?? fail(missing())).dropIndex(op.name);
      return;
    case 'replaceIndex':
      (catalog.get(op.db, op.coll) ?? fail(missing())).replaceIndex(op.spec);
      return;
    case 'setOptions':
      (catalog.get(op.db, op.coll) ?? fail(missing())).setOptions(op.options);
      return;
    case 'insert':
      (catalog.get(op.db, op.coll) ?? fail(missing())).insert(op.doc);
      return;
    case 'replace': {
      const collection = catalog.get(op.db, op.coll) ?? fail(missing());
      const record = collection.getById(op.doc._id) ?? fail(new CorruptDataError(`${source}: replace of a document that does not exist`));
      collection.replace(record, op.doc);
      return;
    }
    case 'delete': {
      const collection = catalog.get(op.db, op.coll) ?? fail(missing());
      const record = collection.getById(op.id) ?? fail(new CorruptDataError(`${source}: delete of a document that does not exist`));
      collection.remove(record);
      return;
    }
    default:
      throw new CorruptDataError(`${source}: unknown journal operation ${String((change as { op?: unknown }).op)}`);
  }
}

function fail(err: Error): never {
  throw err;
}
