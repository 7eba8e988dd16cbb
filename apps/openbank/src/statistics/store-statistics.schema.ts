import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/** Running totals over every domain event, in one document. */
@Schema({ collection: 'store_statistics', versionKey: false, minimize: false })
export class StoreStatistics {
  @Prop({ type: String }) _id!: string;
  @Prop({ type: Number, required: true }) total_events!: number;
  /** Aggregates started, by aggregate type (an aggregate starts with its revision-0 event). */
  @Prop({ type: Object, required: true }) aggregates!: Record<string, number>;
  /** Commit position of the last event counted: an event at or before it is never counted twice. */
  @Prop({ type: Number, required: true }) last_commit!: number;
}

export const StoreStatisticsSchema = SchemaFactory.createForClass(StoreStatistics);
export const totalsId = 'totals';
