import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * An event a subscription could not process after its retries: set aside with the error so the
 * subscription goes on, visible and replayable by an operator once the cause is fixed.
 */
@Schema({ collection: 'parked_events', versionKey: false })
export class ParkedEvent {
  /** `<subscription>:<event id>`, so parking the same event twice keeps one entry. */
  @Prop({ type: String })
  _id!: string;

  @Prop({ type: String, required: true, index: true })
  subscription!: string;

  @Prop({ type: String, required: true })
  event_id!: string;

  @Prop({ type: String, required: true })
  event_type!: string;

  @Prop({ type: String, required: true })
  stream_id!: string;

  @Prop({ type: String, required: true })
  revision!: string;

  @Prop({ type: String, required: true })
  commit_position!: string;

  @Prop({ type: String, required: true })
  error!: string;

  @Prop({ type: Number, required: true })
  attempts!: number;

  @Prop({ type: Date, required: true })
  parked_at!: Date;
}

export const ParkedEventSchema = SchemaFactory.createForClass(ParkedEvent);
