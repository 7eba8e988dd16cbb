import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { EventSourcingRepository } from '@openbank/event-sourcing';
import { BankAccount, type BankAccountState, type OpenedBankAccount } from '../../domain/bank-account.js';
import { BankAccountNotFound } from '../../domain/bank-account.errors.js';
import { AccountHistoryQuery, type AccountHistoryPage, type HistoryEntry } from './account-history.query.js';

@QueryHandler(AccountHistoryQuery)
export class AccountHistoryHandler implements IQueryHandler<AccountHistoryQuery, AccountHistoryPage> {
  constructor(private readonly repository: EventSourcingRepository) {}

  async execute({ accountId, fromRevision, limit }: AccountHistoryQuery): Promise<AccountHistoryPage> {
    // The state before the page (from a snapshot when one is early enough) gives each entry its balance.
    const before = await this.repository.loadAt(BankAccount, accountId, { revision: BigInt(fromRevision) - 1n });
    let state: BankAccountState = before.state;
    const entries: HistoryEntry[] = [];
    for await (const recorded of this.repository.history(BankAccount, accountId, { after: before.revision })) {
      if (entries.length === limit) return { entries, nextFromRevision: Number(recorded.revision) };
      state = BankAccount.evolve(state, recorded.event);
      entries.push({ recorded, after: state as OpenedBankAccount });
    }
    if (entries.length === 0 && state.status === 'UNOPENED') throw new BankAccountNotFound(`bank account ${accountId} does not exist`, { accountId });
    return { entries };
  }
}
