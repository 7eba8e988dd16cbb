import type { AnyBulkWriteOperation, Collection, Document } from 'mongodb';
import type { Connection } from 'mongoose';
import { isReadStoreOutage } from '../read-store-errors.js';
import type { DocumentWrite, ReadModelCollection, ReadModelDocument, ReadModelStore } from './read-model-store.port.js';

const duplicateKey = 11000;

/**
 * The read-model store on MongoDB, through the driver under mongoose's connection: one unordered
 * bulkWrite per batch and collection, no document casting on the way (projections build plain
 * documents already), which is most of what projecting costs.
 */
export class MongoReadModelStore implements ReadModelStore {
  constructor(private readonly connection: Connection) {}

  collection<D extends ReadModelDocument>(name: string): ReadModelCollection<D> {
    return new MongoReadModelCollection<D>(this.connection.collection(name) as unknown as Collection<Document>);
  }
}

class MongoReadModelCollection<D extends ReadModelDocument> implements ReadModelCollection<D> {
  constructor(private readonly collection: Collection<Document>) {}

  async findByIds(ids: readonly string[]): Promise<D[]> {
    if (ids.length === 0) return [];
    return (await this.collection.find({ _id: { $in: [...ids] } } as Document).toArray()) as unknown as D[];
  }

  async write(writes: readonly DocumentWrite<D>[]): Promise<void> {
    if (writes.length === 0) return;
    try {
      await this.collection.bulkWrite(writes.map(operationOf), { ordered: false });
    } catch (error) {
      if (isReadStoreOutage(error) || !onlyGuardMisses(error)) throw error;
    }
  }

  async deleteAll(): Promise<void> {
    await this.collection.deleteMany({});
  }
}

/**
 * A guarded replace or update that finds a newer document misses its filter, and its upsert then
 * collides with that document: that is the guard doing its work. An insert-once that meets its
 * document collides the same way, and leaves the first one, as meant. Anything else (a lost
 * connection reports itself as a bulk write error too, with no write error in it) is a failure.
 */
function onlyGuardMisses(error: unknown): boolean {
  type WriteError = { code?: number; errmsg?: string };
  const reported = (error as { writeErrors?: WriteError[] | WriteError }).writeErrors;
  const writeErrors = Array.isArray(reported) ? reported : reported ? [reported] : [];
  // Only a collision on the id: a duplicate on another unique index is a real refusal.
  return writeErrors.length > 0 && writeErrors.every((writeError) => writeError.code === duplicateKey && / index: _id_ /.test(writeError.errmsg ?? ''));
}

function operationOf<D extends ReadModelDocument>(write: DocumentWrite<D>): AnyBulkWriteOperation<Document> {
  switch (write.kind) {
    case 'replace': {
      const filter = write.guard ? { _id: write.document._id, [write.guard.field]: { $lt: write.guard.below } } : { _id: write.document._id };
      return { replaceOne: { filter: filter as Document, replacement: write.document as Document, upsert: true } };
    }
    case 'update': {
      const update = { $set: write.set as Document, ...(write.setOnInsert ? { $setOnInsert: write.setOnInsert as Document } : {}) };
      return { updateOne: { filter: { _id: write.id, [write.guard.field]: { $lt: write.guard.below } } as Document, update, upsert: true } };
    }
    case 'insert-once':
      // An insert that finds the document there collides on the id: the first one stays, as meant.
      return { insertOne: { document: write.document as Document } };
    case 'set-where':
      return { updateMany: { filter: { [write.field]: write.value } as Document, update: { $set: write.set as Document } } };
    case 'delete':
      return { deleteOne: { filter: { _id: write.id } as Document } };
  }
}
