import { InjectModel } from '@nestjs/mongoose';
import { recordOf } from '@openbank/event-sourcing';
import { ALL_DOMAIN_EVENTS, Projection, type EventSubscriber } from '@openbank/projections';
import type { DomainEvent } from '@openbank/shared-kernel';
import { trusted, type Model } from 'mongoose';
import { StoreStatistics, totalsId } from './store-statistics.schema.js';

const duplicateKey = 11000;

/** Counts events and aggregates; guarded by position so a replayed event is not counted twice. */
@Projection('store-statistics', ALL_DOMAIN_EVENTS)
export class StoreStatisticsProjection implements EventSubscriber {
  constructor(@InjectModel(StoreStatistics.name) private readonly statistics: Model<StoreStatistics>) {}

  async handle(event: DomainEvent): Promise<void> {
    const record = recordOf(event);
    const commit = Number(record.position?.commit ?? 0n);
    const increments: Record<string, number> = { total_events: 1 };
    if (record.revision === 0n) increments[`aggregates.${record.metadata.aggregateType}`] = 1;
    try {
      await this.statistics
        .updateOne({ _id: totalsId, last_commit: trusted({ $lt: commit }) }, { $inc: increments, $set: { last_commit: commit } }, { upsert: true })
        .exec();
    } catch (error) {
      // The guard missed because this event was counted already; the upsert then hit the existing document.
      if ((error as { code?: number }).code !== duplicateKey) throw error;
    }
  }

  async reset(): Promise<void> {
    await this.statistics.deleteMany({}).exec();
  }
}
