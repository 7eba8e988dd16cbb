import { Query } from '@nestjs/cqrs';
import type { LoadedAggregate } from '@openbank/event-sourcing';
import type { BankAccountState } from '../../domain/bank-account.js';

/** The account as it was at an instant: time travel on the write model. */
export class BalanceAtQuery extends Query<LoadedAggregate<BankAccountState>> {
  constructor(
    readonly accountId: string,
    readonly at: Date,
  ) {
    super();
  }
}
