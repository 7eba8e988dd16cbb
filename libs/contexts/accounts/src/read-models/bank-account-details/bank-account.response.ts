import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Money } from '@openbank/shared-kernel';
import type { BankAccountStatus } from '../../domain/bank-account.js';
import { accountTypes, type AccountType } from '../../domain/bank-account.events.js';
import type { BankAccountDetails } from './bank-account-details.schema.js';

export class BankAccountResponse {
  @ApiProperty({ format: 'uuid', example: '4f0e5b8e-8b0a-4c1e-9d7f-2a1b3c4d5e6f' }) id!: string;
  @ApiProperty({ format: 'uuid', example: 'b6b4a0a4-0c1f-4f53-9b7e-3d3f0d1c2a10' }) owner_id!: string;
  @ApiProperty({ example: 'Alice Smith', description: "The owner's full name." }) owner!: string;
  @ApiProperty({ example: '1000.00', description: 'Decimal amount in the account currency.' }) balance!: string;
  @ApiProperty({ example: '500.00' }) overdraft_limit!: string;
  @ApiProperty({ example: '1500.00', description: 'Balance plus overdraft limit: what may still be withdrawn.' }) available_balance!: string;
  @ApiProperty({ example: 'EUR' }) currency!: string;
  @ApiProperty({ enum: accountTypes, example: 'CHECKING', description: 'Accounts opened before there were types are CHECKING.' }) account_type!: AccountType;
  @ApiProperty({ enum: ['ACTIVE', 'CLOSED'], example: 'ACTIVE' }) status!: BankAccountStatus;
  @ApiProperty({ example: '2026-11-22T10:00:00.000Z', format: 'date-time' }) created_at!: string;
  @ApiProperty({ example: '2026-11-22T10:05:00.000Z', format: 'date-time' }) last_modified!: string;
  @ApiPropertyOptional({ example: '2026-12-01T09:00:00.000Z', format: 'date-time' }) closed_at?: string;
  @ApiPropertyOptional({ example: 'moving abroad' }) close_reason?: string;
  @ApiProperty({ example: 3, description: 'Deposits, withdrawals, transfer legs and interest recorded on the account.' }) transactions_count!: number;
  @ApiProperty({ example: '1250.00', description: 'Money in since the opening: deposits, interest, incoming transfers, debits given back.' }) total_credits!: string;
  @ApiProperty({ example: '250.00', description: 'Money out since the opening: withdrawals and outgoing transfers. The balance is total_credits − total_debits.' })
  total_debits!: string;
  @ApiProperty({ example: '1000.00', description: 'The largest single transaction, in or out; "0.00" before the first.' }) largest_transaction!: string;
  @ApiPropertyOptional({ example: '2026-11-22T10:05:00.000Z', format: 'date-time', description: 'When the last transaction happened; absent before the first.' })
  last_transaction_at?: string;
  @ApiProperty({ example: 3, description: 'Revision of the account stream this representation reflects.' }) revision!: number;

  static fromDocument(document: BankAccountDetails): BankAccountResponse {
    const balance = Money.ofMinor(document.balance_minor, document.currency);
    const overdraftLimit = Money.ofMinor(document.overdraft_limit_minor, document.currency);
    return {
      id: document._id,
      owner_id: document.owner_id,
      owner: document.owner,
      balance: balance.toDecimalString(),
      overdraft_limit: overdraftLimit.toDecimalString(),
      available_balance: balance.plus(overdraftLimit).toDecimalString(),
      currency: document.currency,
      account_type: document.account_type ?? 'CHECKING',
      status: document.status,
      created_at: document.created_at.toISOString(),
      last_modified: document.last_modified.toISOString(),
      ...(document.closed_at ? { closed_at: document.closed_at.toISOString(), close_reason: document.close_reason } : {}),
      transactions_count: document.transactions_count ?? 0,
      total_credits: Money.ofMinor(document.total_credits_minor ?? 0, document.currency).toDecimalString(),
      total_debits: Money.ofMinor(document.total_debits_minor ?? 0, document.currency).toDecimalString(),
      largest_transaction: Money.ofMinor(document.largest_transaction_minor ?? 0, document.currency).toDecimalString(),
      ...(document.last_transaction_at ? { last_transaction_at: document.last_transaction_at.toISOString() } : {}),
      revision: document.last_revision,
    };
  }
}
