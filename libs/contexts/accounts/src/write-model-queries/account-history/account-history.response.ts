import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Money } from '@openbank/shared-kernel';
import type { BankAccountEvent, TransactionDirection, TransactionType } from '../../domain/bank-account.events.js';
import type { HistoryEntry } from './account-history.query.js';

export class HistoryTransaction {
  @ApiProperty({ format: 'uuid' }) transaction_id!: string;
  @ApiProperty({ enum: ['DEPOSIT', 'WITHDRAWAL', 'TRANSFER', 'INTEREST'] }) type!: TransactionType;
  @ApiProperty({ enum: ['IN', 'OUT'] }) direction!: TransactionDirection;
  @ApiProperty({ example: '1000.00' }) amount!: string;
  @ApiPropertyOptional({ format: 'uuid' }) transfer_id?: string;
  @ApiPropertyOptional({ format: 'uuid' }) counterparty_account_id?: string;
}

export class HistoryEntryResponse {
  @ApiProperty({ example: 1 }) revision!: number;
  @ApiProperty({ example: 'BankAccountTransactionRecordedDomainEventV1', description: 'The type the event is stored under (an older version is shown as stored).' }) event_type!: string;
  @ApiProperty({ example: '2026-11-22T10:05:00.000Z', format: 'date-time' }) occurred_at!: string;
  @ApiProperty({
    example: 'customer:b6b4a0a4-0c1f-4f53-9b7e-3d3f0d1c2a10',
    description: 'Who did it: the acting principal recorded with the event (the subject of the caller’s token; for a step of the transfer process, the principal of the transfer).',
  })
  principal_id!: string;
  @ApiProperty({ example: 'Initial deposit' }) description!: string;
  @ApiPropertyOptional({ type: HistoryTransaction }) transaction?: HistoryTransaction;
  @ApiProperty({ example: '1000.00', description: 'The balance right after this event.' }) balance_after!: string;
  @ApiProperty({ example: 'EUR' }) currency!: string;
  @ApiPropertyOptional({
    example: true,
    description: 'Present (true) when the event was read from the account’s archive in cold storage: the oldest events of an account closed for ARCHIVE_AFTER_DAYS leave the event store (`openbank archive`).',
  })
  archived?: boolean;

  static of({ recorded, after, archived }: HistoryEntry): HistoryEntryResponse {
    const event = recorded.event;
    const transaction = event.type === 'BankAccountTransactionRecordedDomainEventV1' ? event.data.transaction : undefined;
    return {
      revision: Number(recorded.revision),
      event_type: recorded.storedType,
      occurred_at: recorded.metadata.occurredAt,
      principal_id: recorded.metadata.principal,
      description: describe(event),
      ...(transaction
        ? {
            transaction: {
              transaction_id: transaction.transactionId,
              type: transaction.type,
              direction: transaction.direction,
              amount: Money.fromJSON(transaction.amount).toDecimalString(),
              ...(transaction.transferId ? { transfer_id: transaction.transferId } : {}),
              ...(transaction.counterpartyAccountId ? { counterparty_account_id: transaction.counterpartyAccountId } : {}),
            },
          }
        : {}),
      balance_after: after.balance.toDecimalString(),
      currency: after.currency.code,
      ...(archived ? { archived: true } : {}),
    };
  }
}

export class AccountHistoryResponse {
  @ApiProperty({ type: [HistoryEntryResponse] }) items!: HistoryEntryResponse[];
  @ApiPropertyOptional({ example: 50, description: 'Pass as from_revision for the next page; absent on the last page.' })
  next_from_revision?: number;
}

function describe(event: BankAccountEvent): string {
  switch (event.type) {
    case 'BankAccountCreatedDomainEventV2':
      return `${event.data.accountType === 'SAVINGS' ? 'Savings' : 'Checking'} account opened with an overdraft limit of ${Money.fromJSON(event.data.overdraftLimit).toDecimalString()}`;
    case 'OverdraftLimitChangedDomainEventV1':
      return `Overdraft limit changed from ${Money.fromJSON(event.data.previousLimit).toDecimalString()} to ${Money.fromJSON(event.data.newLimit).toDecimalString()}`;
    case 'BankAccountClosedDomainEventV1':
      return `Account closed: ${event.data.reason}`;
    case 'BankAccountTransactionRecordedDomainEventV1':
      return event.data.transaction.description;
  }
}
