import { Inject } from '@nestjs/common';
import { BankAccountTransactionRecordedDomainEventV1 } from '@openbank/accounts';
import type { RecordedDomainEvent } from '@openbank/event-sourcing';
import { Projection, READ_MODEL_STORE, type ProjectionHandler, type ReadModelStore } from '@openbank/projections';
import { accountTransactionsCollection, type AccountTransactionEntry } from './account-transaction.schema.js';

type Recorded = RecordedDomainEvent<BankAccountTransactionRecordedDomainEventV1>;

/** Inserts each transaction once: keyed by its id, a replayed event changes nothing, in whatever order events come. */
@Projection('account-transactions', BankAccountTransactionRecordedDomainEventV1)
export class AccountTransactionsProjection implements ProjectionHandler<BankAccountTransactionRecordedDomainEventV1> {
  constructor(@Inject(READ_MODEL_STORE) private readonly store: ReadModelStore) {}

  private get entries() {
    return this.store.collection<AccountTransactionEntry>(accountTransactionsCollection);
  }

  async project(batch: readonly Recorded[]): Promise<void> {
    await this.entries.write(batch.map((record) => ({ kind: 'insert-once', document: entryOf(record) })));
  }

  async reset(): Promise<void> {
    await this.entries.deleteAll();
  }
}

function entryOf({ event, metadata, revision }: Recorded): AccountTransactionEntry {
  const { accountId, transaction } = event.data;
  return {
    _id: transaction.transactionId,
    account_id: accountId,
    type: transaction.type,
    direction: transaction.direction,
    amount_minor: transaction.amount.minor,
    currency: transaction.amount.currency,
    description: transaction.description,
    balance_after_minor: transaction.balanceAfter.minor,
    ...(transaction.transferId ? { transfer_id: transaction.transferId } : {}),
    ...(transaction.counterpartyAccountId ? { counterparty_account_id: transaction.counterpartyAccountId } : {}),
    ...(transaction.reverses ? { reverses: transaction.reverses } : {}),
    ...(transaction.interestPeriod ? { interest_from: transaction.interestPeriod.from, interest_to: transaction.interestPeriod.to } : {}),
    occurred_at: new Date(metadata.occurredAt),
    account_revision: Number(revision),
  };
}
