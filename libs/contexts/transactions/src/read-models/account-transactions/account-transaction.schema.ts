import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { TransactionDirection, TransactionType } from '@openbank/accounts';

export const accountTransactionsCollection = 'account_transactions';

/** One document per transaction on an account, for paging through an account's transactions. */
@Schema({ collection: accountTransactionsCollection, versionKey: false })
export class AccountTransactionEntry {
  /** The transaction id: an event replayed inserts nothing new. */
  @Prop({ type: String }) _id!: string;
  @Prop({ type: String, required: true }) account_id!: string;
  @Prop({ type: String, required: true }) type!: TransactionType;
  @Prop({ type: String, required: true }) direction!: TransactionDirection;
  @Prop({ type: Number, required: true }) amount_minor!: number;
  @Prop({ type: String, required: true }) currency!: string;
  @Prop({ type: String, required: true }) description!: string;
  @Prop({ type: Number, required: true }) balance_after_minor!: number;
  @Prop({ type: String }) transfer_id?: string;
  @Prop({ type: String }) counterparty_account_id?: string;
  @Prop({ type: String }) reverses?: string;
  @Prop({ type: String }) interest_from?: string;
  @Prop({ type: String }) interest_to?: string;
  @Prop({ type: Date, required: true }) occurred_at!: Date;
  @Prop({ type: Number, required: true }) account_revision!: number;
}

export const AccountTransactionEntrySchema = SchemaFactory.createForClass(AccountTransactionEntry);
// Newest first per account, with or without a type filter; a date range narrows either.
AccountTransactionEntrySchema.index({ account_id: 1, occurred_at: -1, account_revision: -1 });
AccountTransactionEntrySchema.index({ account_id: 1, type: 1, occurred_at: -1, account_revision: -1 });
// Newest first across accounts (for staff), with or without a type filter; a date range narrows either.
AccountTransactionEntrySchema.index({ occurred_at: -1, _id: -1 });
AccountTransactionEntrySchema.index({ type: 1, occurred_at: -1, _id: -1 });
// Analytics are computed over a period of every account.
AccountTransactionEntrySchema.index({ occurred_at: 1, currency: 1 });
