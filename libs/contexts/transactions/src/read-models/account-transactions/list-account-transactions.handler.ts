import { InjectModel } from '@nestjs/mongoose';
import { QueryBus, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { GetBankAccountQuery } from '@openbank/accounts';
import type { Page } from '@openbank/http-api';
import type { Model } from 'mongoose';
import { transactionsPage } from './account-transaction-pages.js';
import { AccountTransactionEntry } from './account-transaction.schema.js';
import { ListAccountTransactionsQuery } from './list-account-transactions.query.js';

@QueryHandler(ListAccountTransactionsQuery)
export class ListAccountTransactionsHandler implements IQueryHandler<ListAccountTransactionsQuery, Page<AccountTransactionEntry>> {
  constructor(
    @InjectModel(AccountTransactionEntry.name) private readonly entries: Model<AccountTransactionEntry>,
    private readonly queries: QueryBus,
  ) {}

  async execute({ accountId, page, filter }: ListAccountTransactionsQuery): Promise<Page<AccountTransactionEntry>> {
    // An unknown account answers 404 rather than an empty page.
    await this.queries.execute(new GetBankAccountQuery(accountId));
    return transactionsPage(this.entries, { ...filter, accountId }, page);
  }
}
