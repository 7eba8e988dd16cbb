import { InjectModel } from '@nestjs/mongoose';
import { BankAccountTransactionRecordedDomainEventV1 } from '@openbank/accounts';
import { recordOf } from '@openbank/event-sourcing';
import { Projection, type EventSubscriber } from '@openbank/projections';
import type { Model } from 'mongoose';
import { AccountTransactionEntry } from './account-transaction.schema.js';

/** Inserts each transaction once: keyed by its id, a replayed event changes nothing. */
@Projection('account-transactions', BankAccountTransactionRecordedDomainEventV1)
export class AccountTransactionsProjection implements EventSubscriber<BankAccountTransactionRecordedDomainEventV1> {
  constructor(@InjectModel(AccountTransactionEntry.name) private readonly entries: Model<AccountTransactionEntry>) {}

  async handle(event: BankAccountTransactionRecordedDomainEventV1): Promise<void> {
    const record = recordOf(event);
    const { accountId, transaction } = event.data;
    const entry: AccountTransactionEntry = {
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
      occurred_at: new Date(record.metadata.occurredAt),
      account_revision: Number(record.revision),
    };
    await this.entries.updateOne({ _id: entry._id }, { $setOnInsert: entry }, { upsert: true }).exec();
  }

  async reset(): Promise<void> {
    await this.entries.deleteMany({}).exec();
  }
}
