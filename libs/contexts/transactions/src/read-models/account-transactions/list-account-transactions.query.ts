import { Query } from '@nestjs/cqrs';
import type { TransactionType } from '@openbank/accounts';
import type { Page, PageQuery } from '@openbank/http-api';
import type { AccountTransactionEntry } from './account-transaction.schema.js';

export interface TransactionFilter {
  readonly type?: TransactionType;
  /** Occurred at or after this instant. */
  readonly from?: Date;
  /** Occurred before this instant. */
  readonly to?: Date;
}

/** An account's transactions, newest first. */
export class ListAccountTransactionsQuery extends Query<Page<AccountTransactionEntry>> {
  constructor(
    readonly accountId: string,
    readonly page: PageQuery,
    readonly filter: TransactionFilter,
  ) {
    super();
  }
}
