import { Inject } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { PersonNotFound } from '@openbank/persons';
import { READ_MODEL_STORE, type ReadModelStore } from '@openbank/projections';
import type { Model } from 'mongoose';
import { AccountOwnerNames } from '../bank-account-details/account-owner-names.js';
import { BankAccountDetails } from '../bank-account-details/bank-account-details.schema.js';
import { accountSummaryOf, type AccountSummary, type SummarizedAccount } from './account-summary.js';
import { GetAccountSummaryQuery } from './get-account-summary.query.js';

/**
 * Answered from the bank-account-details read model, which the accounts' events and the persons'
 * registrations keep: the owner's name (known for every registered person, with accounts or not)
 * and one indexed read of the owner's accounts, added up here. No document of its own: a summary
 * document would be written by the events of all of an owner's accounts, which projectors apply
 * side by side in per-stream order only, so it could not be kept exact; and a rebuild of the
 * accounts' read model rebuilds the summary with it.
 */
@QueryHandler(GetAccountSummaryQuery)
export class GetAccountSummaryHandler implements IQueryHandler<GetAccountSummaryQuery, AccountSummary> {
  private readonly owners: AccountOwnerNames;

  constructor(
    @InjectModel(BankAccountDetails.name) private readonly accounts: Model<BankAccountDetails>,
    @Inject(READ_MODEL_STORE) store: ReadModelStore,
  ) {
    this.owners = new AccountOwnerNames(store);
  }

  async execute({ personId }: GetAccountSummaryQuery): Promise<AccountSummary> {
    const [owner, accounts] = await Promise.all([
      this.owners.lookUp(personId),
      this.accounts.find({ owner_id: personId }, { currency: 1, balance_minor: 1, status: 1, last_modified: 1 }).lean<SummarizedAccount[]>().exec(),
    ]);
    if (owner === undefined) throw new PersonNotFound(`person ${personId} does not exist`, { personId });
    return accountSummaryOf(personId, owner, accounts);
  }
}
