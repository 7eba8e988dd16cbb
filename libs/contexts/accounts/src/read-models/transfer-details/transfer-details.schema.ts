import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { AggregateDocument } from '@openbank/projections';
import type { TransferStatus } from '../../domain/transfer.js';

export type TransferStepName = 'INITIATED' | 'SOURCE_DEBITED' | 'TARGET_CREDITED' | 'CREDIT_REFUSED' | 'DEBIT_REVERSED' | 'COMPLETED' | 'FAILED';

@Schema({ _id: false, versionKey: false })
export class TransferStepDocument {
  @Prop({ type: String, required: true }) step!: TransferStepName;
  @Prop({ type: Date, required: true }) at!: Date;
  @Prop({ type: String }) transaction_id?: string;
  @Prop({ type: String }) code?: string;
  @Prop({ type: String }) reason?: string;
}

export const transfersCollection = 'transfers';

/** One document per transfer: where it stands, and each step it took with its time. */
@Schema({ collection: transfersCollection, versionKey: false })
export class TransferDetails implements AggregateDocument {
  @Prop({ type: String }) _id!: string;
  @Prop({ type: String, required: true }) from_account_id!: string;
  @Prop({ type: String, required: true }) to_account_id!: string;
  @Prop({ type: Number, required: true }) amount_minor!: number;
  @Prop({ type: String, required: true }) currency!: string;
  @Prop({ type: String, required: true }) description!: string;
  @Prop({ type: String, required: true }) status!: TransferStatus;
  @Prop({ type: [TransferStepDocument], required: true }) steps!: TransferStepDocument[];
  @Prop({ type: String }) failure_code?: string;
  @Prop({ type: String }) failure_reason?: string;
  @Prop({ type: Boolean }) compensated?: boolean;
  @Prop({ type: Date, required: true }) initiated_at!: Date;
  @Prop({ type: Date }) settled_at?: Date;
  @Prop({ type: Number, required: true }) last_revision!: number;
  @Prop({ type: Boolean }) stale?: boolean;
}

export const TransferDetailsSchema = SchemaFactory.createForClass(TransferDetails);
// Newest first (`_id` settles ties, so pages never overlap): every transfer, those of one status,
// and those from or to one account (one index per side, merged in order by the server); a period
// narrows any of them, and the status of an account's transfers is checked on its few documents.
TransferDetailsSchema.index({ initiated_at: -1, _id: -1 });
TransferDetailsSchema.index({ status: 1, initiated_at: -1, _id: -1 });
TransferDetailsSchema.index({ from_account_id: 1, initiated_at: -1, _id: -1 });
TransferDetailsSchema.index({ to_account_id: 1, initiated_at: -1, _id: -1 });
