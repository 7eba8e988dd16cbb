import { Query } from '@nestjs/cqrs';
import type { BankAccountStatus } from '../domain/bank-account.js';

/** What other contexts may know of an account, read from the write model (not from a read model that may lag). */
export interface BankAccountSummary {
  readonly id: string;
  readonly ownerId: string;
  readonly currency: string;
  readonly status: BankAccountStatus;
  /** Decimal amounts in the account's currency. */
  readonly balance: string;
  readonly overdraftLimit: string;
  readonly availableBalance: string;
  /** Money out in the last 24 hours (decimal) and how many times in the last hour, for the velocity limits. */
  readonly outgoing: { readonly lastDay: string; readonly lastHour: number };
}

/** Answers null for an unknown account. */
export class LookUpBankAccountQuery extends Query<BankAccountSummary | null> {
  constructor(readonly accountId: string) {
    super();
  }
}
