import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { RecordedAccountTransaction, TransactionDirection, TransactionType } from '@openbank/accounts';
import { Money } from '@openbank/shared-kernel';

export class InterestPeriodResponse {
  @ApiProperty({ example: '2026-10-01', format: 'date' }) from!: string;
  @ApiProperty({ example: '2026-11-01', format: 'date', description: 'Excluded.' }) to!: string;
}

/** A transaction just recorded on an account. */
export class TransactionResponse {
  @ApiProperty({ format: 'uuid' }) transaction_id!: string;
  @ApiProperty({ format: 'uuid' }) account_id!: string;
  @ApiProperty({ enum: ['DEPOSIT', 'WITHDRAWAL', 'TRANSFER', 'INTEREST'], example: 'DEPOSIT' }) type!: TransactionType;
  @ApiProperty({ enum: ['IN', 'OUT'], example: 'IN' }) direction!: TransactionDirection;
  @ApiProperty({ example: '1000.00' }) amount!: string;
  @ApiProperty({ example: 'EUR' }) currency!: string;
  @ApiProperty({ example: 'Initial deposit' }) description!: string;
  @ApiProperty({ example: '1000.00', description: 'The account balance right after this transaction.' }) balance_after!: string;
  @ApiPropertyOptional({ type: InterestPeriodResponse }) interest_period?: InterestPeriodResponse;
  @ApiProperty({ example: '2026-11-22T10:05:00.000Z', format: 'date-time' }) occurred_at!: string;
  @ApiProperty({ example: 1, description: 'Revision of the account stream after this transaction.' }) account_revision!: number;

  static of(recorded: RecordedAccountTransaction): TransactionResponse {
    const { transaction } = recorded;
    return {
      transaction_id: transaction.transactionId,
      account_id: recorded.accountId,
      type: transaction.type,
      direction: transaction.direction,
      amount: Money.fromJSON(transaction.amount).toDecimalString(),
      currency: transaction.amount.currency,
      description: transaction.description,
      balance_after: Money.fromJSON(transaction.balanceAfter).toDecimalString(),
      ...(transaction.interestPeriod ? { interest_period: { ...transaction.interestPeriod } } : {}),
      occurred_at: recorded.occurredAt,
      account_revision: Number(recorded.revision),
    };
  }
}
