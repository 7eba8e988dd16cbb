import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { ArchivedHistory } from '@openbank/archiving';
import { EventSerializer, EventSourcingRepository } from '@openbank/event-sourcing';
import { BankAccount, type BankAccountState, type OpenedBankAccount } from '../../domain/bank-account.js';
import { BankAccountNotFound } from '../../domain/bank-account.errors.js';
import { archivedAccountHistory } from '../account-stream.js';
import { AccountHistoryQuery, type AccountHistoryPage, type HistoryEntry } from './account-history.query.js';

@QueryHandler(AccountHistoryQuery)
export class AccountHistoryHandler implements IQueryHandler<AccountHistoryQuery, AccountHistoryPage> {
  constructor(
    private readonly repository: EventSourcingRepository,
    private readonly archives: ArchivedHistory,
    private readonly serializer: EventSerializer,
  ) {}

  async execute(query: AccountHistoryQuery): Promise<AccountHistoryPage> {
    // An account whose oldest events went to cold storage is replayed from its archive, then its stream.
    const archived = await archivedAccountHistory(this.archives, this.serializer, query.accountId);
    if (archived) return this.fromWholeHistory(query, archived);
    const { accountId, fromRevision, limit } = query;
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

  private async fromWholeHistory({ accountId, fromRevision, limit }: AccountHistoryQuery, { archivedBefore, events }: NonNullable<Awaited<ReturnType<typeof archivedAccountHistory>>>): Promise<AccountHistoryPage> {
    let state: BankAccountState = BankAccount.initialState(accountId);
    const entries: HistoryEntry[] = [];
    for await (const recorded of events) {
      if (recorded.revision >= BigInt(fromRevision) && entries.length === limit) return { entries, nextFromRevision: Number(recorded.revision) };
      state = BankAccount.evolve(state, recorded.event);
      if (recorded.revision >= BigInt(fromRevision)) entries.push({ recorded, after: state as OpenedBankAccount, ...(recorded.revision < archivedBefore ? { archived: true } : {}) });
    }
    return { entries };
  }
}
