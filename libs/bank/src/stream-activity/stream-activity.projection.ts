import { Inject } from '@nestjs/common';
import type { RecordedDomainEvent } from '@openbank/event-sourcing';
import { ALL_DOMAIN_EVENTS, Projection, READ_MODEL_STORE, type ProjectionHandler, type ReadModelStore } from '@openbank/projections';
import { streamActivityCollection, type StreamActivity } from './stream-activity.schema.js';

/**
 * One document per stream, moved on by the newest event of each stream in a batch and guarded by
 * revision, so a replayed event changes nothing. A stream's event count is its last revision + 1:
 * nothing is counted, so nothing can be counted twice.
 */
@Projection('stream-activity', ALL_DOMAIN_EVENTS)
export class StreamActivityProjection implements ProjectionHandler {
  constructor(@Inject(READ_MODEL_STORE) private readonly store: ReadModelStore) {}

  private get activity() {
    return this.store.collection<StreamActivity>(streamActivityCollection);
  }

  async project(batch: readonly RecordedDomainEvent[]): Promise<void> {
    const newest = new Map<string, RecordedDomainEvent>();
    const first = new Map<string, Date>();
    for (const record of batch) {
      newest.set(record.streamId, record);
      if (record.revision === 0n) first.set(record.streamId, new Date(record.metadata.occurredAt));
    }
    const known = new Map((await this.activity.findByIds([...newest.keys()])).map((document) => [document._id, document]));
    await this.activity.write(
      [...newest.values()].map((record) => {
        const at = new Date(record.metadata.occurredAt);
        const document: StreamActivity = {
          _id: record.streamId,
          category: record.streamId.split('-')[0],
          aggregate_type: record.metadata.aggregateType,
          events: Number(record.revision) + 1,
          first_event_at: known.get(record.streamId)?.first_event_at ?? first.get(record.streamId) ?? at,
          last_event_at: at,
          last_revision: Number(record.revision),
        };
        return { kind: 'replace' as const, document, guard: { field: 'last_revision' as const, below: document.last_revision } };
      }),
    );
  }

  async reset(): Promise<void> {
    await this.activity.deleteAll();
  }
}
