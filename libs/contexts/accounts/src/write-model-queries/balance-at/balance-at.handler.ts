import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { EventSourcingRepository, type LoadedAggregate } from '@openbank/event-sourcing';
import { BankAccount, type BankAccountState } from '../../domain/bank-account.js';
import { BankAccountNotFound } from '../../domain/bank-account.errors.js';
import { BalanceAtQuery } from './balance-at.query.js';

@QueryHandler(BalanceAtQuery)
export class BalanceAtHandler implements IQueryHandler<BalanceAtQuery, LoadedAggregate<BankAccountState>> {
  constructor(private readonly repository: EventSourcingRepository) {}

  async execute({ accountId, at }: BalanceAtQuery): Promise<LoadedAggregate<BankAccountState>> {
    const loaded = await this.repository.loadAt(BankAccount, accountId, { at });
    if (loaded.state.status === 'UNOPENED') {
      throw new BankAccountNotFound(`bank account ${accountId} did not exist at ${at.toISOString()}`, { accountId, at: at.toISOString() });
    }
    return loaded;
  }
}
