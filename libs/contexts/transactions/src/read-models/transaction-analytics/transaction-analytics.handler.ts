import { InjectModel } from '@nestjs/mongoose';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { trusted, type Model } from 'mongoose';
import { DailyTransactionTotals } from './daily-transaction-totals.schema.js';
import { TransactionAnalyticsQuery } from './transaction-analytics.query.js';

@QueryHandler(TransactionAnalyticsQuery)
export class TransactionAnalyticsHandler implements IQueryHandler<TransactionAnalyticsQuery, DailyTransactionTotals[]> {
  constructor(@InjectModel(DailyTransactionTotals.name) private readonly totals: Model<DailyTransactionTotals>) {}

  execute({ from, to, currency }: TransactionAnalyticsQuery): Promise<DailyTransactionTotals[]> {
    return this.totals
      .find({ day: trusted({ $gte: from, $lte: to }), ...(currency ? { currency } : {}) })
      .sort({ currency: 1, day: 1 })
      .lean()
      .exec();
  }
}
