import type { DomainEvent } from '@openbank/shared-kernel';
import { LRUCache } from 'lru-cache';
import { recordOf, type RecordedDomainEvent } from '@openbank/event-sourcing';
import { trusted, type Model } from 'mongoose';
import type { EventSubscriber } from '../subscriptions/event-subscriber.js';

/** Every document of an aggregate read model remembers which stream revision it reflects. */
export interface AggregateDocument {
  _id: string;
  last_revision: number;
  /** Set when an event for this document had to be parked: the document may be behind. */
  stale?: boolean;
}

const duplicateKey = 11000;

/**
 * A read model with one document per aggregate, kept by applying `evolve(document, event)`.
 * Writes are guarded by the document's `last_revision`, so a replayed or older event changes
 * nothing; a document that is missing (or marked stale) is rebuilt from the write model.
 */
export abstract class AggregateDocumentProjection<TDocument extends AggregateDocument, TEvent extends DomainEvent = DomainEvent>
  implements EventSubscriber<TEvent>
{
  protected abstract readonly documents: Model<TDocument>;

  /**
   * The documents this projection wrote last. It is their only writer (one subscription, one
   * event at a time), so what it wrote is what is stored, and reading it back is not needed.
   */
  private readonly written = new LRUCache<string, TDocument>({ max: 10_000 });

  /** The document after `event`. `current` is null only when `event` starts the aggregate. */
  protected abstract evolve(current: TDocument | null, event: TEvent, record: RecordedDomainEvent<TEvent>): Promise<TDocument> | TDocument;

  /**
   * The document as the write model has it at `revision` (its latest revision when omitted), with
   * `last_revision` set to the revision it was built at; null when the aggregate does not exist there.
   */
  protected abstract fromWriteModel(aggregateId: string, revision?: bigint): Promise<TDocument | null>;

  async handle(event: TEvent): Promise<void> {
    const record = recordOf(event);
    const id = record.metadata.aggregateId;
    const revision = Number(record.revision);
    const current = this.written.get(id) ?? ((await this.documents.findById(id).lean().exec()) as TDocument | null);
    if (current && current.last_revision >= revision) return;
    const base = current ?? (revision > 0 ? await this.fromWriteModel(id, record.revision - 1n) : null);
    const next = await this.evolve(base, event, record);
    await this.write({ ...next, _id: id, last_revision: revision, ...(current?.stale ? { stale: true } : {}) });
  }

  async onParked(event: TEvent): Promise<void> {
    const id = recordOf(event).metadata.aggregateId;
    this.written.delete(id);
    await this.documents.updateOne({ _id: id } as never, { $set: { stale: true } } as never).exec();
  }

  /** A parked event is replayed by rebuilding its document from the write model as it is now. */
  async replay(event: TEvent): Promise<void> {
    const id = recordOf(event).metadata.aggregateId;
    const rebuilt = await this.fromWriteModel(id);
    this.written.delete(id);
    if (!rebuilt) return;
    await this.documents.replaceOne({ _id: id } as never, { ...rebuilt, _id: id, stale: false }, { upsert: true }).exec();
  }

  async reset(): Promise<void> {
    this.written.clear();
    await this.documents.deleteMany({}).exec();
  }

  /** Replaces the document unless it already reflects this revision or a later one. */
  private async write(document: TDocument): Promise<void> {
    try {
      this.written.delete(document._id);
      await this.documents
        .replaceOne({ _id: document._id, last_revision: trusted({ $lt: document.last_revision }) } as never, document, { upsert: true })
        .exec();
      this.written.set(document._id, document);
    } catch (error) {
      // The filter missed because a newer revision is already there, and the upsert then collided with it.
      if ((error as { code?: number }).code !== duplicateKey) throw error;
    }
  }
}
