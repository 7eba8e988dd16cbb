import { InjectModel } from '@nestjs/mongoose';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { pageOf, type Page } from '@openbank/http-api';
import type { Model } from 'mongoose';
import { BankAccountDetails } from './bank-account-details.schema.js';
import { ListBankAccountsQuery } from './list-bank-accounts.query.js';

@QueryHandler(ListBankAccountsQuery)
export class ListBankAccountsHandler implements IQueryHandler<ListBankAccountsQuery, Page<BankAccountDetails>> {
  constructor(@InjectModel(BankAccountDetails.name) private readonly accounts: Model<BankAccountDetails>) {}

  async execute({ page, ownerId }: ListBankAccountsQuery): Promise<Page<BankAccountDetails>> {
    const filter = ownerId ? { owner_id: ownerId } : {};
    const [items, total] = await Promise.all([
      this.accounts.find(filter).sort({ created_at: 1, _id: 1 }).skip(page.skip).limit(page.page_size).lean().exec(),
      this.accounts.countDocuments(filter).exec(),
    ]);
    return pageOf(items, page, total);
  }
}
