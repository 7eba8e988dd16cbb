import { Inject } from '@nestjs/common';
import type { RecordedDomainEvent } from '@openbank/event-sourcing';
import { ALL_DOMAIN_EVENTS, Projection, READ_MODEL_STORE, type DocumentWrite, type ProjectionHandler, type ReadModelStore } from '@openbank/projections';
import { streamActivityCollection, type StreamActivity } from './stream-activity.schema.js';

/**
 * One document per stream, moved on by the newest event of each stream in a batch and guarded by
 * revision, so a replayed event changes nothing. A stream's event count is its last revision + 1:
 * nothing is counted, so nothing can be counted twice. The first event's time is written by the
 * first event itself, whenever it comes: after a projector dies, a later event of its stream may
 * be applied first (its document then shows that event's time until the first one arrives).
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
    const movedOn = [...newest.values()].map((record): DocumentWrite<StreamActivity> => {
      const at = new Date(record.metadata.occurredAt);
      const revision = Number(record.revision);
      return {
        kind: 'update',
        id: record.streamId,
        set: { category: record.streamId.split('-')[0], aggregate_type: record.metadata.aggregateType, events: revision + 1, last_event_at: at, last_revision: revision },
        setOnInsert: { first_event_at: first.get(record.streamId) ?? at },
        guard: { field: 'last_revision', below: revision },
      };
    });
    const started = [...first].map(([stream, at]): DocumentWrite<StreamActivity> => ({ kind: 'set-where', field: '_id', value: stream, set: { first_event_at: at } }));
    await this.activity.write([...movedOn, ...started]);
  }

  async reset(): Promise<void> {
    await this.activity.deleteAll();
  }
}
