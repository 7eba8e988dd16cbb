import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { ArchivedHistory } from '@openbank/archiving';
import { EventSerializer, EventSourcingRepository, NO_REVISION, type LoadedAggregate } from '@openbank/event-sourcing';
import { BankAccount, type BankAccountState } from '../../domain/bank-account.js';
import { BankAccountNotFound } from '../../domain/bank-account.errors.js';
import { archivedAccountHistory } from '../account-stream.js';
import { BalanceAtQuery } from './balance-at.query.js';

@QueryHandler(BalanceAtQuery)
export class BalanceAtHandler implements IQueryHandler<BalanceAtQuery, LoadedAggregate<BankAccountState>> {
  constructor(
    private readonly repository: EventSourcingRepository,
    private readonly archives: ArchivedHistory,
    private readonly serializer: EventSerializer,
  ) {}

  async execute({ accountId, at }: BalanceAtQuery): Promise<LoadedAggregate<BankAccountState>> {
    const loaded = (await this.fromArchive(accountId, at)) ?? (await this.repository.loadAt(BankAccount, accountId, { at }));
    if (loaded.state.status === 'UNOPENED') {
      throw new BankAccountNotFound(`bank account ${accountId} did not exist at ${at.toISOString()}`, { accountId, at: at.toISOString() });
    }
    return loaded;
  }

  /** An account whose oldest events are in cold storage: replayed from its archive, then its stream, up to the instant. */
  private async fromArchive(accountId: string, at: Date): Promise<LoadedAggregate<BankAccountState> | undefined> {
    const archived = await archivedAccountHistory(this.archives, this.serializer, accountId);
    if (!archived) return undefined;
    let state: BankAccountState = BankAccount.initialState(accountId);
    let revision = NO_REVISION;
    let lastOccurredAt: string | undefined;
    for await (const recorded of archived.events) {
      if (new Date(recorded.metadata.occurredAt) > at) break;
      state = BankAccount.evolve(state, recorded.event);
      revision = recorded.revision;
      lastOccurredAt = recorded.metadata.occurredAt;
    }
    return { state, revision, lastOccurredAt, fromCache: false };
  }
}
