import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import type { RecordedDomainEvent } from '@openbank/event-sourcing';
import { ParkedEvent } from './parked-event.schema.js';

@Injectable()
export class ParkedEventStore {
  constructor(@InjectModel(ParkedEvent.name) private readonly parked: Model<ParkedEvent>) {}

  async park(subscription: string, recorded: RecordedDomainEvent, error: unknown, attempts: number): Promise<void> {
    const entry: ParkedEvent = {
      _id: `${subscription}:${recorded.eventId}`,
      subscription,
      event_id: recorded.eventId,
      event_type: recorded.storedType,
      stream_id: recorded.streamId,
      revision: recorded.revision.toString(),
      commit_position: (recorded.position?.commit ?? 0n).toString(),
      error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
      attempts,
      parked_at: new Date(),
    };
    await this.parked.replaceOne({ _id: entry._id }, entry, { upsert: true }).exec();
  }

  list(subscription?: string): Promise<ParkedEvent[]> {
    return this.parked
      .find(subscription ? { subscription } : {})
      .sort({ parked_at: 1 })
      .lean()
      .exec();
  }

  find(id: string): Promise<ParkedEvent | null> {
    return this.parked.findById(id).lean().exec();
  }

  count(subscription: string): Promise<number> {
    return this.parked.countDocuments({ subscription }).exec();
  }

  async remove(id: string): Promise<void> {
    await this.parked.deleteOne({ _id: id }).exec();
  }

  async removeAll(subscription: string): Promise<void> {
    await this.parked.deleteMany({ subscription }).exec();
  }
}
