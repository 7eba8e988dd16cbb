import { InjectModel } from '@nestjs/mongoose';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { Model } from 'mongoose';
import { BankAccountNotFound } from '../../domain/bank-account.errors.js';
import { BankAccountDetails } from './bank-account-details.schema.js';
import { GetBankAccountQuery } from './get-bank-account.query.js';

@QueryHandler(GetBankAccountQuery)
export class GetBankAccountHandler implements IQueryHandler<GetBankAccountQuery, BankAccountDetails> {
  constructor(@InjectModel(BankAccountDetails.name) private readonly accounts: Model<BankAccountDetails>) {}

  async execute({ accountId }: GetBankAccountQuery): Promise<BankAccountDetails> {
    const account = await this.accounts.findById(accountId).lean().exec();
    if (!account) throw new BankAccountNotFound(`bank account ${accountId} does not exist`, { accountId });
    return account;
  }
}
