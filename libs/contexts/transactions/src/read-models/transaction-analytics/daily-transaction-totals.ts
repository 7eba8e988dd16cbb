/**
 * Totals of one currency on one UTC day. Credits are money in (deposits, interest, incoming
 * transfers and reversals), debits money out (withdrawals, outgoing transfers).
 */
export interface DailyTransactionTotals {
  readonly currency: string;
  readonly day: string;
  readonly credits_count: number;
  readonly credits_total_minor: number;
  readonly largest_credit_minor: number;
  readonly debits_count: number;
  readonly debits_total_minor: number;
  readonly largest_debit_minor: number;
}
