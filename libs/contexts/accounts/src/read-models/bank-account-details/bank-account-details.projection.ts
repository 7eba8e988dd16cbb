import { InjectModel } from '@nestjs/mongoose';
import { EventSourcingRepository, type RecordedDomainEvent } from '@openbank/event-sourcing';
import { AggregateDocumentProjection, Projection } from '@openbank/projections';
import { Currency, Money } from '@openbank/shared-kernel';
import type { Model } from 'mongoose';
import { BankAccount, type BankAccountState, type OpenedBankAccount } from '../../domain/bank-account.js';
import {
  BankAccountClosedDomainEventV1,
  BankAccountCreatedDomainEventV1,
  BankAccountTransactionRecordedDomainEventV1,
  OverdraftLimitChangedDomainEventV1,
  type BankAccountEvent,
} from '../../domain/bank-account.events.js';
import { AccountOwners } from '../../features/account-owners.js';
import { BankAccountDetails } from './bank-account-details.schema.js';

/**
 * Keeps `bank_accounts` by running the aggregate's own evolve on the state held in each
 * document, so the read model can never disagree with the domain about what an event means.
 */
@Projection(
  'bank-account-details',
  BankAccountCreatedDomainEventV1,
  OverdraftLimitChangedDomainEventV1,
  BankAccountClosedDomainEventV1,
  BankAccountTransactionRecordedDomainEventV1,
)
export class BankAccountDetailsProjection extends AggregateDocumentProjection<BankAccountDetails, BankAccountEvent> {
  constructor(
    @InjectModel(BankAccountDetails.name) protected readonly documents: Model<BankAccountDetails>,
    private readonly repository: EventSourcingRepository,
    private readonly owners: AccountOwners,
  ) {
    super();
  }

  protected async evolve(current: BankAccountDetails | null, event: BankAccountEvent, record: RecordedDomainEvent<BankAccountEvent>): Promise<BankAccountDetails> {
    const before = current ? stateOf(current) : BankAccount.initialState(record.metadata.aggregateId);
    const after = BankAccount.evolve(before, event) as OpenedBankAccount;
    const owner = current?.owner ?? (await this.owners.nameOf(after.ownerId));
    return documentOf(after, owner, record.revision, new Date(record.metadata.occurredAt));
  }

  protected async fromWriteModel(accountId: string, revision?: bigint): Promise<BankAccountDetails | null> {
    const loaded =
      revision === undefined
        ? await this.repository.load(BankAccount, accountId, { useCache: false })
        : await this.repository.loadAt(BankAccount, accountId, { revision });
    if (!loaded.state.opened) return null;
    const account = loaded.state as OpenedBankAccount;
    return documentOf(account, await this.owners.nameOf(account.ownerId), loaded.revision, new Date(loaded.lastOccurredAt ?? account.openedAt));
  }
}

function documentOf(account: OpenedBankAccount, owner: string, revision: bigint, lastModified: Date): BankAccountDetails {
  return {
    _id: account.id,
    owner_id: account.ownerId,
    owner,
    currency: account.currency.code,
    balance_minor: account.balance.minor,
    overdraft_limit_minor: account.overdraftLimit.minor,
    status: account.status,
    created_at: new Date(account.openedAt),
    last_modified: lastModified,
    ...(account.closedAt ? { closed_at: new Date(account.closedAt), close_reason: account.closeReason } : {}),
    transactions_count: account.transactionCount ?? 0,
    ...(account.interestPaidUntil ? { interest_paid_until: account.interestPaidUntil } : {}),
    last_revision: Number(revision),
  };
}

function stateOf(document: BankAccountDetails): BankAccountState {
  const currency = Currency.of(document.currency);
  return {
    id: document._id,
    opened: true,
    ownerId: document.owner_id,
    currency,
    balance: Money.ofMinor(document.balance_minor, currency),
    overdraftLimit: Money.ofMinor(document.overdraft_limit_minor, currency),
    status: document.status,
    openedAt: document.created_at.toISOString(),
    ...(document.closed_at ? { closedAt: document.closed_at.toISOString(), closeReason: document.close_reason } : {}),
    transactionCount: document.transactions_count,
    ...(document.interest_paid_until ? { interestPaidUntil: document.interest_paid_until } : {}),
  };
}
