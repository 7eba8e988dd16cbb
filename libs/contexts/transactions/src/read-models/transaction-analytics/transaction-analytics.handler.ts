import { InjectModel } from '@nestjs/mongoose';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { trusted, type Model, type PipelineStage } from 'mongoose';
import { AccountTransactionEntry } from '../account-transactions/account-transaction.schema.js';
import type { DailyTransactionTotals } from './daily-transaction-totals.js';
import { TransactionAnalyticsQuery } from './transaction-analytics.query.js';

const dayMs = 86_400_000;
const onSide = (direction: 'IN' | 'OUT', value: unknown) => ({ $cond: [{ $eq: ['$direction', direction] }, value, 0] });

/**
 * Computed from the transactions read model when asked, not kept by a projection of its own: a
 * counter per day and currency would be one document every transaction of the bank writes to,
 * which no number of projector instances could share.
 */
@QueryHandler(TransactionAnalyticsQuery)
export class TransactionAnalyticsHandler implements IQueryHandler<TransactionAnalyticsQuery, DailyTransactionTotals[]> {
  constructor(@InjectModel(AccountTransactionEntry.name) private readonly entries: Model<AccountTransactionEntry>) {}

  execute({ from, to, currency }: TransactionAnalyticsQuery): Promise<DailyTransactionTotals[]> {
    const pipeline: PipelineStage[] = [
      { $match: { occurred_at: trusted({ $gte: new Date(from), $lt: new Date(Date.parse(to) + dayMs) }), ...(currency ? { currency } : {}) } },
      {
        $group: {
          // UTC days. Spelt as an offset: MongoDB takes 'UTC' too, the embedded server refuses that name but takes '+00:00'.
          _id: { currency: '$currency', day: { $dateToString: { format: '%Y-%m-%d', date: '$occurred_at', timezone: '+00:00' } } },
          credits_count: { $sum: onSide('IN', 1) },
          credits_total_minor: { $sum: onSide('IN', '$amount_minor') },
          largest_credit_minor: { $max: onSide('IN', '$amount_minor') },
          debits_count: { $sum: onSide('OUT', 1) },
          debits_total_minor: { $sum: onSide('OUT', '$amount_minor') },
          largest_debit_minor: { $max: onSide('OUT', '$amount_minor') },
        },
      },
      { $project: { _id: 0, currency: '$_id.currency', day: '$_id.day', credits_count: 1, credits_total_minor: 1, largest_credit_minor: 1, debits_count: 1, debits_total_minor: 1, largest_debit_minor: 1 } },
      { $sort: { currency: 1, day: 1 } },
    ];
    return this.entries.aggregate<DailyTransactionTotals>(pipeline).exec();
  }
}
