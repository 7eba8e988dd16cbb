import { Query } from '@nestjs/cqrs';
import type { DailyTransactionTotals } from './daily-transaction-totals.js';

/** The daily totals from `from` to `to`, both days included, optionally of one currency. */
export class TransactionAnalyticsQuery extends Query<DailyTransactionTotals[]> {
  constructor(
    readonly from: string,
    readonly to: string,
    readonly currency?: string,
  ) {
    super();
  }
}
