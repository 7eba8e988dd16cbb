import { InjectModel } from '@nestjs/mongoose';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { Model } from 'mongoose';
import { CountTransactionsQuery } from '../../contracts/count-transactions.query.js';
import { AccountTransactionEntry } from './account-transaction.schema.js';

/** The collection's own count of its documents (one per transaction): no document read, however many there are. */
@QueryHandler(CountTransactionsQuery)
export class CountTransactionsHandler implements IQueryHandler<CountTransactionsQuery, number> {
  constructor(@InjectModel(AccountTransactionEntry.name) private readonly entries: Model<AccountTransactionEntry>) {}

  execute(): Promise<number> {
    return this.entries.estimatedDocumentCount().exec();
  }
}
