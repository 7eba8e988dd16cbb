import type { DocumentWrite, ReadModelCollection, ReadModelDocument, ReadModelStore } from '@openbank/projections';

/**
 * The read-model store in memory, for specs that need no server. Documents are copied in and out,
 * as they would be over the wire. It passes the same contract spec as the MongoDB store.
 */
export class InMemoryReadModelStore implements ReadModelStore {
  private readonly collections = new Map<string, Map<string, ReadModelDocument>>();

  collection<D extends ReadModelDocument>(name: string): ReadModelCollection<D> {
    const documents = this.documentsOf(name) as Map<string, D>;
    return {
      findByIds: async (ids) => ids.flatMap((id) => (documents.has(id) ? [structuredClone(documents.get(id)!)] : [])),
      write: async (writes) => writes.forEach((write) => apply(documents, write)),
      deleteAll: async () => documents.clear(),
    };
  }

  /** Every document of a collection, for a spec's then-clause. */
  all<D extends ReadModelDocument>(name: string): D[] {
    return [...this.documentsOf(name).values()].map((document) => structuredClone(document) as D);
  }

  private documentsOf(name: string): Map<string, ReadModelDocument> {
    let documents = this.collections.get(name);
    if (!documents) this.collections.set(name, (documents = new Map()));
    return documents;
  }
}

function apply<D extends ReadModelDocument>(documents: Map<string, D>, write: DocumentWrite<D>): void {
  switch (write.kind) {
    case 'replace': {
      const stored = documents.get(write.document._id) as Record<string, unknown> | undefined;
      const newerStored = write.guard && stored && !((stored[write.guard.field] as number) < write.guard.below);
      if (!newerStored) documents.set(write.document._id, structuredClone(write.document));
      return;
    }
    case 'update': {
      const stored = documents.get(write.id) as Record<string, unknown> | undefined;
      if (stored && !((stored[write.guard.field] as number) < write.guard.below)) return;
      const created = stored ?? { _id: write.id, ...structuredClone(write.setOnInsert) };
      documents.set(write.id, { ...created, ...structuredClone(write.set) } as unknown as D);
      return;
    }
    case 'insert-once':
      if (!documents.has(write.document._id)) documents.set(write.document._id, structuredClone(write.document));
      return;
    case 'set-where':
      for (const [id, document] of documents) {
        if ((document as Record<string, unknown>)[write.field] === write.value) documents.set(id, { ...document, ...structuredClone(write.set) });
      }
      return;
    case 'delete':
      documents.delete(write.id);
  }
}
