import { InjectModel } from '@nestjs/mongoose';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { Page } from '@openbank/http-api';
import type { Model } from 'mongoose';
import { transactionsPage } from './account-transaction-pages.js';
import { AccountTransactionEntry } from './account-transaction.schema.js';
import { ListTransactionsQuery } from './list-transactions.query.js';

/** A filter, not a resource: an account that does not exist (or has no transaction) gives an empty page, not a 404. */
@QueryHandler(ListTransactionsQuery)
export class ListTransactionsHandler implements IQueryHandler<ListTransactionsQuery, Page<AccountTransactionEntry>> {
  constructor(@InjectModel(AccountTransactionEntry.name) private readonly entries: Model<AccountTransactionEntry>) {}

  execute({ page, filter }: ListTransactionsQuery): Promise<Page<AccountTransactionEntry>> {
    return transactionsPage(this.entries, filter, page);
  }
}
