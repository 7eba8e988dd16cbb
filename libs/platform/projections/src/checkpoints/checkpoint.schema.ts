import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/** Where a subscription resumes: the $all position of the last event it finished processing. */
@Schema({ collection: 'subscription_checkpoints', versionKey: false })
export class SubscriptionCheckpoint {
  /** The subscription (consumer) name. */
  @Prop({ type: String })
  _id!: string;

  /** Commit and prepare positions as decimal strings: they are 64-bit and JSON numbers are not. */
  @Prop({ type: String, required: true })
  commit!: string;

  @Prop({ type: String, required: true })
  prepare!: string;

  @Prop({ type: Date, required: true })
  updated_at!: Date;
}

export const SubscriptionCheckpointSchema = SchemaFactory.createForClass(SubscriptionCheckpoint);
