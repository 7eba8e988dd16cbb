import { Query } from '@nestjs/cqrs';
import type { Page, PageQuery } from '@openbank/http-api';
import type { AccountTransactionEntry } from './account-transaction.schema.js';
import type { TransactionFilter } from './list-account-transactions.query.js';

/** Transactions across accounts, newest first (for staff); only one account's when `accountId` is given. */
export class ListTransactionsQuery extends Query<Page<AccountTransactionEntry>> {
  constructor(
    readonly page: PageQuery,
    readonly filter: TransactionFilter & { readonly accountId?: string },
  ) {
    super();
  }
}
