import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { AggregateDocument } from '@openbank/projections';
import type { BankAccountStatus } from '../../domain/bank-account.js';
import type { AccountType } from '../../domain/bank-account.events.js';

export const bankAccountsCollection = 'bank_accounts';

/** One document per account. Money is kept as integer minor units next to the currency code. */
@Schema({ collection: bankAccountsCollection, versionKey: false })
export class BankAccountDetails implements AggregateDocument {
  @Prop({ type: String }) _id!: string;
  @Prop({ type: String, required: true, index: true }) owner_id!: string;
  /** The owner's full name, copied here so account queries need no second lookup (the owner's id until the name is known). */
  @Prop({ type: String, required: true }) owner!: string;
  @Prop({ type: String, required: true }) account_type!: AccountType;
  @Prop({ type: String, required: true }) currency!: string;
  @Prop({ type: Number, required: true }) balance_minor!: number;
  @Prop({ type: Number, required: true }) overdraft_limit_minor!: number;
  @Prop({ type: String, required: true }) status!: BankAccountStatus;
  @Prop({ type: Date, required: true }) created_at!: Date;
  @Prop({ type: Date, required: true }) last_modified!: Date;
  @Prop({ type: Date }) closed_at?: Date;
  @Prop({ type: String }) close_reason?: string;
  @Prop({ type: Number, required: true, default: 0 }) transactions_count!: number;
  /** Money in and money out since the opening (balance = credits − debits), the largest single transaction, the last one's time. */
  @Prop({ type: Number, required: true }) total_credits_minor!: number;
  @Prop({ type: Number, required: true }) total_debits_minor!: number;
  @Prop({ type: Number, required: true }) largest_transaction_minor!: number;
  @Prop({ type: Date }) last_transaction_at?: Date;
  @Prop({ type: String }) interest_paid_until?: string;
  @Prop({ type: Number, required: true }) last_revision!: number;
  @Prop({ type: Boolean }) stale?: boolean;
}

export const BankAccountDetailsSchema = SchemaFactory.createForClass(BankAccountDetails);
BankAccountDetailsSchema.index({ created_at: 1, _id: 1 });
