import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { TransactionDirection, TransactionType } from '@openbank/accounts';
import { Money } from '@openbank/shared-kernel';
import type { AccountTransactionEntry } from './account-transaction.schema.js';

export class InterestPeriodResponse {
  @ApiProperty({ example: '2026-10-01', format: 'date' }) from!: string;
  @ApiProperty({ example: '2026-11-01', format: 'date', description: 'Excluded.' }) to!: string;
}

export class AccountTransactionResponse {
  @ApiProperty({ format: 'uuid' }) transaction_id!: string;
  @ApiProperty({ format: 'uuid' }) account_id!: string;
  @ApiProperty({ enum: ['DEPOSIT', 'WITHDRAWAL', 'TRANSFER', 'INTEREST'] }) type!: TransactionType;
  @ApiProperty({ enum: ['IN', 'OUT'] }) direction!: TransactionDirection;
  @ApiProperty({ example: '250.00' }) amount!: string;
  @ApiProperty({ example: 'EUR' }) currency!: string;
  @ApiProperty({ example: 'Rent share' }) description!: string;
  @ApiProperty({ example: '750.00' }) balance_after!: string;
  @ApiPropertyOptional({ format: 'uuid' }) transfer_id?: string;
  @ApiPropertyOptional({ format: 'uuid' }) counterparty_account_id?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'For a reversal: the transaction it gave back.' }) reverses?: string;
  @ApiPropertyOptional({ type: InterestPeriodResponse }) interest_period?: InterestPeriodResponse;
  @ApiProperty({ format: 'date-time' }) occurred_at!: string;

  static of(entry: AccountTransactionEntry): AccountTransactionResponse {
    return {
      transaction_id: entry._id,
      account_id: entry.account_id,
      type: entry.type,
      direction: entry.direction,
      amount: Money.ofMinor(entry.amount_minor, entry.currency).toDecimalString(),
      currency: entry.currency,
      description: entry.description,
      balance_after: Money.ofMinor(entry.balance_after_minor, entry.currency).toDecimalString(),
      ...(entry.transfer_id ? { transfer_id: entry.transfer_id } : {}),
      ...(entry.counterparty_account_id ? { counterparty_account_id: entry.counterparty_account_id } : {}),
      ...(entry.reverses ? { reverses: entry.reverses } : {}),
      ...(entry.interest_from ? { interest_period: { from: entry.interest_from, to: entry.interest_to! } } : {}),
      occurred_at: entry.occurred_at.toISOString(),
    };
  }
}
