import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Position } from '@kurrent/kurrentdb-client';
import type { Model } from 'mongoose';
import { SubscriptionCheckpoint } from './checkpoint.schema.js';

@Injectable()
export class CheckpointStore {
  constructor(@InjectModel(SubscriptionCheckpoint.name) private readonly checkpoints: Model<SubscriptionCheckpoint>) {}

  async load(subscription: string): Promise<Position | undefined> {
    const found = await this.checkpoints.findById(subscription).lean();
    return found ? { commit: BigInt(found.commit), prepare: BigInt(found.prepare) } : undefined;
  }

  /** Each subscription has a single writer (its runner), which only ever moves forward. */
  async save(subscription: string, position: Position): Promise<void> {
    await this.checkpoints
      .updateOne(
        { _id: subscription },
        { $set: { commit: position.commit.toString(), prepare: position.prepare.toString(), updated_at: new Date() } },
        { upsert: true },
      )
      .exec();
  }

  async clear(subscription: string): Promise<void> {
    await this.checkpoints.deleteOne({ _id: subscription }).exec();
  }
}
