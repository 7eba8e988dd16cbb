import { Query } from '@nestjs/cqrs';
import type { Page, PageQuery } from '@openbank/http-api';
import type { BankAccountDetails } from './bank-account-details.schema.js';

/** A page of accounts, oldest first; only one owner's accounts when `ownerId` is given. */
export class ListBankAccountsQuery extends Query<Page<BankAccountDetails>> {
  constructor(
    readonly page: PageQuery,
    readonly ownerId?: string,
  ) {
    super();
  }
}
