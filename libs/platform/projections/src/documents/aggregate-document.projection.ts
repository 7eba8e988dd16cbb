import type { RecordedDomainEvent } from '@openbank/event-sourcing';
import type { DomainEvent } from '@openbank/shared-kernel';
import { LRUCache } from 'lru-cache';
import type { ProjectionHandler } from '../subscribers/event-subscriber.js';
import type { DocumentWrite, ReadModelCollection, ReadModelDocument, ReadModelStore } from './read-model-store.port.js';

/** Every document of an aggregate read model remembers which stream revision it reflects. */
export interface AggregateDocument extends ReadModelDocument {
  readonly last_revision: number;
  /** Set when an event for this document had to be parked: the document may be behind. */
  readonly stale?: boolean;
}

/**
 * A read model with one document per aggregate, kept by applying `evolve(document, event)`. A
 * batch is folded in memory per document (several events of one aggregate make one write), then
 * written at once, each document guarded by its `last_revision`: a replayed event changes nothing.
 * A document that is missing, or behind by more than the next event (events delivered out of order,
 * a parked one), is rebuilt from the write model first, so a gap can never be folded over.
 */
export abstract class AggregateDocumentProjection<D extends AggregateDocument, E extends DomainEvent = DomainEvent> implements ProjectionHandler<E> {
  protected abstract readonly store: ReadModelStore;
  protected abstract readonly collectionName: string;

  /** The documents this projection wrote last: read back only when they are not here. */
  private readonly written = new LRUCache<string, D>({ max: 10_000 });

  /** The document after the event. `current` is null only when the event starts the aggregate. */
  protected abstract evolve(current: D | null, record: RecordedDomainEvent<E>): Promise<D> | D;

  /**
   * The document as the write model has it at `revision` (its latest revision when omitted), with
   * `last_revision` set to the revision it was built at; null when the aggregate does not exist there.
   */
  protected abstract fromWriteModel(aggregateId: string, revision?: bigint): Promise<D | null>;

  protected get documents(): ReadModelCollection<D> {
    return this.store.collection<D>(this.collectionName);
  }

  /** Applies the batch; resolves with the documents it wrote (those the revision guards let through or not). */
  async project(batch: readonly RecordedDomainEvent<E>[]): Promise<D[]> {
    const byAggregate = groupByAggregate(batch);
    const current = await this.currentDocuments([...byAggregate.keys()]);
    const changed: D[] = [];
    for (const [id, records] of byAggregate) {
      const before = current.get(id) ?? null;
      const after = await this.fold(id, before, records);
      if (after !== before && after) changed.push(after);
    }
    await this.writeAll(changed.map((document) => ({ kind: 'replace', document, guard: { field: 'last_revision', below: document.last_revision } })));
    return changed;
  }

  async onParked(record: RecordedDomainEvent<E>): Promise<void> {
    const id = record.metadata.aggregateId;
    this.written.delete(id);
    await this.documents.write([{ kind: 'set-where', field: '_id', value: id, set: { stale: true } as Partial<D> }]);
  }

  /** A parked event is replayed by rebuilding its document from the write model as it is now. */
  async replay(record: RecordedDomainEvent<E>): Promise<void> {
    const id = record.metadata.aggregateId;
    const rebuilt = await this.fromWriteModel(id);
    this.written.delete(id);
    if (rebuilt) await this.documents.write([{ kind: 'replace', document: { ...rebuilt, _id: id, stale: false } }]);
  }

  async reset(): Promise<void> {
    this.forgetCached();
    await this.documents.deleteAll();
  }

  forgetCached(): void {
    this.written.clear();
  }

  private async currentDocuments(ids: readonly string[]): Promise<Map<string, D>> {
    const known = new Map<string, D>();
    const unknown: string[] = [];
    for (const id of ids) {
      const cached = this.written.get(id);
      if (cached) known.set(id, cached);
      else unknown.push(id);
    }
    for (const document of await this.documents.findByIds(unknown)) known.set(document._id, document);
    return known;
  }

  private async fold(id: string, start: D | null, records: readonly RecordedDomainEvent<E>[]): Promise<D | null> {
    let current = start;
    for (const record of records) {
      const revision = Number(record.revision);
      if (current && current.last_revision >= revision) continue;
      const follows = current ? current.last_revision + 1 === revision : revision === 0;
      const base = follows ? current : revision > 0 ? await this.fromWriteModel(id, record.revision - 1n) : null;
      const next = await this.evolve(base, record);
      current = { ...next, _id: id, last_revision: revision, ...(start?.stale ? { stale: true } : {}) };
    }
    return current;
  }

  private async writeAll(writes: DocumentWrite<D>[]): Promise<void> {
    try {
      await this.documents.write(writes);
      for (const write of writes) if (write.kind === 'replace') this.written.set(write.document._id, write.document);
    } catch (error) {
      for (const write of writes) if (write.kind === 'replace') this.written.delete(write.document._id);
      throw error;
    }
  }
}

function groupByAggregate<E extends DomainEvent>(batch: readonly RecordedDomainEvent<E>[]): Map<string, RecordedDomainEvent<E>[]> {
  const groups = new Map<string, RecordedDomainEvent<E>[]>();
  for (const record of batch) {
    const id = record.metadata.aggregateId;
    const group = groups.get(id);
    if (group) group.push(record);
    else groups.set(id, [record]);
  }
  return groups;
}
