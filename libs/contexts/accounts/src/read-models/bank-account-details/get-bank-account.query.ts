import { Query } from '@nestjs/cqrs';
import type { BankAccountDetails } from './bank-account-details.schema.js';

export class GetBankAccountQuery extends Query<BankAccountDetails> {
  constructor(readonly accountId: string) {
    super();
  }
}
