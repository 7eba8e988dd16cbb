import { InjectModel } from '@nestjs/mongoose';
import { QueryBus, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { GetBankAccountQuery } from '@openbank/accounts';
import { pageOf, type Page } from '@openbank/http-api';
import { trusted, type Model, type QueryFilter } from 'mongoose';
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
    const occurred = { ...(filter.from ? { $gte: filter.from } : {}), ...(filter.to ? { $lt: filter.to } : {}) };
    const query: QueryFilter<AccountTransactionEntry> = {
      account_id: accountId,
      ...(filter.type ? { type: filter.type } : {}),
      ...(filter.from || filter.to ? { occurred_at: trusted(occurred) } : {}),
    };
    const [items, total] = await Promise.all([
      this.entries.find(query).sort({ occurred_at: -1, account_revision: -1 }).skip(page.skip).limit(page.page_size).lean().exec(),
      this.entries.countDocuments(query).exec(),
    ]);
    return pageOf(items, page, total);
  }
}
