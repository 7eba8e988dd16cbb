import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

export const streamActivityCollection = 'stream_activity';

/**
 * When each stream of the domain saw its first and last event, to find streams gone quiet; and,
 * summed over streams, the statistics of the store (one small document per stream, never one
 * document every event writes to).
 */
@Schema({ collection: streamActivityCollection, versionKey: false })
export class StreamActivity {
  @Prop({ type: String }) _id!: string;
  @Prop({ type: String, required: true, index: true }) category!: string;
  @Prop({ type: String, required: true, index: true }) aggregate_type!: string;
  @Prop({ type: Number, required: true }) events!: number;
  @Prop({ type: Date, required: true }) first_event_at!: Date;
  @Prop({ type: Date, required: true, index: true }) last_event_at!: Date;
  @Prop({ type: Number, required: true }) last_revision!: number;
}

export const StreamActivitySchema = SchemaFactory.createForClass(StreamActivity);
