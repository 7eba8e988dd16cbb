import { InjectModel } from '@nestjs/mongoose';
import { recordOf } from '@openbank/event-sourcing';
import { ALL_DOMAIN_EVENTS, Projection, type EventSubscriber } from '@openbank/projections';
import type { DomainEvent } from '@openbank/shared-kernel';
import { trusted, type Model } from 'mongoose';
import { StreamActivity } from './stream-activity.schema.js';

const duplicateKey = 11000;

/** One document per stream; guarded by revision, so a replayed event is not counted again. */
@Projection('stream-activity', ALL_DOMAIN_EVENTS)
export class StreamActivityProjection implements EventSubscriber {
  constructor(@InjectModel(StreamActivity.name) private readonly activity: Model<StreamActivity>) {}

  async handle(event: DomainEvent): Promise<void> {
    const record = recordOf(event);
    const revision = Number(record.revision);
    const at = new Date(record.metadata.occurredAt);
    try {
      await this.activity
        .updateOne(
          { _id: record.streamId, last_revision: trusted({ $lt: revision }) },
          {
            $inc: { events: 1 },
            $set: { last_event_at: at, last_revision: revision },
            $setOnInsert: { category: record.streamId.split('-')[0], first_event_at: at },
          },
          { upsert: true },
        )
        .exec();
    } catch (error) {
      if ((error as { code?: number }).code !== duplicateKey) throw error;
    }
  }

  async reset(): Promise<void> {
    await this.activity.deleteMany({}).exec();
  }
}
