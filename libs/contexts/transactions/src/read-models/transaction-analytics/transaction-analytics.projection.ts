import { InjectModel } from '@nestjs/mongoose';
import { BankAccountTransactionRecordedDomainEventV1 } from '@openbank/accounts';
import { recordOf } from '@openbank/event-sourcing';
import { Projection, type EventSubscriber } from '@openbank/projections';
import { trusted, type Model } from 'mongoose';
import { DailyTransactionTotals } from './daily-transaction-totals.schema.js';

const duplicateKey = 11000;

/**
 * Adds each transaction to the totals of its currency and day. Increments are not idempotent by
 * themselves, so each day's document remembers the position of the last event it counted: the
 * subscription delivers events in log order, and a replayed one is at or before that position.
 */
@Projection('transaction-analytics', BankAccountTransactionRecordedDomainEventV1)
export class TransactionAnalyticsProjection implements EventSubscriber<BankAccountTransactionRecordedDomainEventV1> {
  constructor(@InjectModel(DailyTransactionTotals.name) private readonly totals: Model<DailyTransactionTotals>) {}

  async handle(event: BankAccountTransactionRecordedDomainEventV1): Promise<void> {
    const record = recordOf(event);
    const { transaction } = event.data;
    const commit = Number(record.position?.commit ?? 0n);
    const day = record.metadata.occurredAt.slice(0, 10);
    const side = transaction.direction === 'IN' ? 'credit' : 'debit';
    const amount = transaction.amount.minor;
    try {
      await this.totals
        .updateOne(
          { _id: `${transaction.amount.currency}:${day}`, last_commit: trusted({ $lt: commit }) },
          {
            $inc: { [`${side}s_count`]: 1, [`${side}s_total_minor`]: amount },
            $max: { [`largest_${side}_minor`]: amount },
            $set: { last_commit: commit, currency: transaction.amount.currency, day },
          },
          { upsert: true },
        )
        .exec();
    } catch (error) {
      if ((error as { code?: number }).code !== duplicateKey) throw error;
    }
  }

  async reset(): Promise<void> {
    await this.totals.deleteMany({}).exec();
  }
}
