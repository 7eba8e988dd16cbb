import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { TransactionDirection, TransactionType } from '../domain/bank-account.events.js';
import type { RecordedAccountTransaction } from './recorded-transaction.js';
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
  @ApiPropertyOptional({ example: '1000.00', description: "The account balance right after this transaction; only for the account's owner and staff." })
  balance_after?: string;
  @ApiPropertyOptional({ type: InterestPeriodResponse }) interest_period?: InterestPeriodResponse;
  @ApiProperty({ example: '2026-11-22T10:05:00.000Z', format: 'date-time' }) occurred_at!: string;
  @ApiPropertyOptional({ example: 1, description: "Revision of the account stream after this transaction; only for the account's owner and staff." })
  account_revision?: number;

  /**
   * The answer to someone who may see the account (its owner, staff) tells its balance; a payer
   * into someone else's account learns only about their own act.
   */
  static of(recorded: RecordedAccountTransaction, seesAccount = true): TransactionResponse {
    const { transaction } = recorded;
    return {
      transaction_id: transaction.transactionId,
      account_id: recorded.accountId,
      type: transaction.type,
      direction: transaction.direction,
      amount: Money.fromJSON(transaction.amount).toDecimalString(),
      currency: transaction.amount.currency,
      description: transaction.description,
      ...(seesAccount ? { balance_after: Money.fromJSON(transaction.balanceAfter).toDecimalString() } : {}),
      ...(transaction.interestPeriod ? { interest_period: { ...transaction.interestPeriod } } : {}),
      occurred_at: recorded.occurredAt,
      ...(seesAccount ? { account_revision: Number(recorded.revision) } : {}),
    };
  }
}
