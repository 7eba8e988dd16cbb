import type { DailyTransactionTotals } from './daily-transaction-totals.js';
import { TransactionAnalyticsResponse } from './transaction-analytics.response.js';

const day = (currency: string, date: string, credits: [number, number, number], debits: [number, number, number]): DailyTransactionTotals => ({
  currency,
  day: date,
  credits_count: credits[0],
  credits_total_minor: credits[1],
  largest_credit_minor: credits[2],
  debits_count: debits[0],
  debits_total_minor: debits[1],
  largest_debit_minor: debits[2],
});

describe('the transaction analytics answer', () => {
  it('gives each currency its number of transactions, money moved, average and net next to its credits, debits and days', () => {
    const answer = TransactionAnalyticsResponse.of('2026-11-01', '2026-11-30', [
      day('EUR', '2026-11-21', [2, 150_000, 100_000], [1, 140_000, 140_000]),
      day('EUR', '2026-11-22', [1, 1, 1], [0, 0, 0]),
      day('JPY', '2026-11-22', [1, 1000, 1000], [1, 300, 300]),
    ]);
    expect(answer).toEqual({
      from: '2026-11-01',
      to: '2026-11-30',
      total_transactions: 6,
      currencies: [
        {
          currency: 'EUR',
          total_transactions: 4,
          total_amount: '2900.01',
          // 290001 minor units ÷ 4 = 72500.25: rounded half to even, once.
          average_transaction: '725.00',
          net_amount: '100.01',
          credits: { count: 3, total: '1500.01', largest: '1000.00' },
          debits: { count: 1, total: '1400.00', largest: '1400.00' },
          daily: [
            { day: '2026-11-21', total_transactions: 3, total_amount: '2900.00', credits_count: 2, credits_total: '1500.00', debits_count: 1, debits_total: '1400.00' },
            { day: '2026-11-22', total_transactions: 1, total_amount: '0.01', credits_count: 1, credits_total: '0.01', debits_count: 0, debits_total: '0.00' },
          ],
        },
        {
          currency: 'JPY',
          total_transactions: 2,
          total_amount: '1300',
          average_transaction: '650',
          net_amount: '700',
          credits: { count: 1, total: '1000', largest: '1000' },
          debits: { count: 1, total: '300', largest: '300' },
          daily: [{ day: '2026-11-22', total_transactions: 2, total_amount: '1300', credits_count: 1, credits_total: '1000', debits_count: 1, debits_total: '300' }],
        },
      ],
    });
  });

  it('rounds the average half to even, and shows a net outflow as negative', () => {
    // 5 minor units in 2 transactions: 2.5 rounds to 2; 7 in 2: 3.5 rounds to 4.
    const [even] = TransactionAnalyticsResponse.of('2026-11-01', '2026-11-01', [day('EUR', '2026-11-01', [1, 1, 1], [1, 4, 4])]).currencies;
    expect(even).toMatchObject({ total_amount: '0.05', average_transaction: '0.02', net_amount: '-0.03' });
    const [odd] = TransactionAnalyticsResponse.of('2026-11-01', '2026-11-01', [day('EUR', '2026-11-01', [1, 3, 3], [1, 4, 4])]).currencies;
    expect(odd).toMatchObject({ average_transaction: '0.04' });
  });

  it('answers a period without transactions in the same shape: zero transactions, no currency', () => {
    expect(TransactionAnalyticsResponse.of('2030-01-01', '2030-01-31', [])).toEqual({ from: '2030-01-01', to: '2030-01-31', total_transactions: 0, currencies: [] });
  });

  it('answers the currency asked for with zeros and no days when it had no transaction in the period', () => {
    expect(TransactionAnalyticsResponse.of('2030-01-01', '2030-01-31', [], 'EUR')).toEqual({
      from: '2030-01-01',
      to: '2030-01-31',
      total_transactions: 0,
      currencies: [
        {
          currency: 'EUR',
          total_transactions: 0,
          total_amount: '0.00',
          average_transaction: '0.00',
          net_amount: '0.00',
          credits: { count: 0, total: '0.00', largest: '0.00' },
          debits: { count: 0, total: '0.00', largest: '0.00' },
          daily: [],
        },
      ],
    });
  });
});
