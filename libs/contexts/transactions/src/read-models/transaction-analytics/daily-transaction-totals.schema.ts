import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * Totals of one currency on one UTC day. Credits are money in (deposits, interest, incoming
 * transfers and reversals), debits money out (withdrawals, outgoing transfers).
 */
@Schema({ collection: 'daily_transaction_totals', versionKey: false })
export class DailyTransactionTotals {
  /** `<currency>:<YYYY-MM-DD>`. */
  @Prop({ type: String }) _id!: string;
  @Prop({ type: String, required: true }) currency!: string;
  @Prop({ type: String, required: true }) day!: string;
  @Prop({ type: Number, required: true, default: 0 }) credits_count!: number;
  @Prop({ type: Number, required: true, default: 0 }) credits_total_minor!: number;
  @Prop({ type: Number, required: true, default: 0 }) largest_credit_minor!: number;
  @Prop({ type: Number, required: true, default: 0 }) debits_count!: number;
  @Prop({ type: Number, required: true, default: 0 }) debits_total_minor!: number;
  @Prop({ type: Number, required: true, default: 0 }) largest_debit_minor!: number;
  /** Commit position of the last event counted here: an event at or before it is never counted again. */
  @Prop({ type: Number, required: true }) last_commit!: number;
}

export const DailyTransactionTotalsSchema = SchemaFactory.createForClass(DailyTransactionTotals);
DailyTransactionTotalsSchema.index({ day: 1, currency: 1 });
