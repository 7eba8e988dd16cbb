import { ApiProperty } from '@nestjs/swagger';
import { Money } from '@openbank/shared-kernel';
import type { DailyTransactionTotals } from './daily-transaction-totals.js';

export class SideTotals {
  @ApiProperty({ example: 12 }) count!: number;
  @ApiProperty({ example: '5400.00' }) total!: string;
  @ApiProperty({ example: '1000.00', description: 'The largest single transaction; "0.00" when there was none.' }) largest!: string;
}

export class DailyTotalsResponse {
  @ApiProperty({ example: '2026-11-22', format: 'date' }) day!: string;
  @ApiProperty({ example: 4, description: 'Credits and debits of the day.' }) total_transactions!: number;
  @ApiProperty({ example: '2900.00', description: 'Credits plus debits of the day: the money moved.' }) total_amount!: string;
  @ApiProperty({ example: 3 }) credits_count!: number;
  @ApiProperty({ example: '1500.00' }) credits_total!: string;
  @ApiProperty({ example: 1 }) debits_count!: number;
  @ApiProperty({ example: '1400.00' }) debits_total!: string;
}

export class CurrencyAnalyticsResponse {
  @ApiProperty({ example: 'EUR' }) currency!: string;
  @ApiProperty({ example: 16, description: 'Every transaction recorded on an account in the period, in or out. A transfer between two accounts of the bank is two: its debit and its credit.' })
  total_transactions!: number;
  @ApiProperty({ example: '8100.00', description: 'The money moved: credits plus debits, each transaction at its amount.' }) total_amount!: string;
  @ApiProperty({ example: '506.25', description: 'total_amount ÷ total_transactions, rounded half to even to the minor unit; "0.00" when there was none.' })
  average_transaction!: string;
  @ApiProperty({ example: '2700.00', description: 'Credits minus debits: what came in net (negative when more went out).' }) net_amount!: string;
  @ApiProperty({ type: SideTotals, description: 'Money in: deposits, interest, incoming transfers and reversals.' }) credits!: SideTotals;
  @ApiProperty({ type: SideTotals, description: 'Money out: withdrawals and outgoing transfers.' }) debits!: SideTotals;
  @ApiProperty({ type: [DailyTotalsResponse], description: 'The days that had transactions, in order.' }) daily!: DailyTotalsResponse[];
}

export class TransactionAnalyticsResponse {
  @ApiProperty({ example: '2026-11-01', format: 'date' }) from!: string;
  @ApiProperty({ example: '2026-11-30', format: 'date' }) to!: string;
  @ApiProperty({ example: 16, description: 'Transactions of every currency in the period; 0 for a period without any.' }) total_transactions!: number;
  @ApiProperty({
    type: [CurrencyAnalyticsResponse],
    description:
      'One entry per currency: amounts of different currencies are never added up. A period without transactions has none, or, when a currency was asked for, that currency with zeros and no days.',
  })
  currencies!: CurrencyAnalyticsResponse[];

  /** `currency`: the one currency asked for, answered even when it had no transaction. */
  static of(from: string, to: string, days: DailyTransactionTotals[], currency?: string): TransactionAnalyticsResponse {
    const currencies = [...new Set([...(currency ? [currency] : []), ...days.map((day) => day.currency)])].sort();
    const perCurrency = currencies.map((code) => currencyTotals(code, days.filter((day) => day.currency === code)));
    return { from, to, total_transactions: perCurrency.reduce((total, entry) => total + entry.total_transactions, 0), currencies: perCurrency };
  }
}

function currencyTotals(currency: string, days: DailyTransactionTotals[]): CurrencyAnalyticsResponse {
  const money = (minor: number) => Money.ofMinor(minor, currency);
  const sum = (pick: (day: DailyTransactionTotals) => number) => days.reduce((total, day) => total + pick(day), 0);
  const largest = (pick: (day: DailyTransactionTotals) => number) => Math.max(0, ...days.map(pick));
  const credits = money(sum((day) => day.credits_total_minor));
  const debits = money(sum((day) => day.debits_total_minor));
  const count = sum((day) => day.credits_count + day.debits_count);
  const total = credits.plus(debits);
  return {
    currency,
    total_transactions: count,
    total_amount: total.toDecimalString(),
    average_transaction: (count === 0 ? money(0) : total.times(1, count)).toDecimalString(),
    net_amount: credits.minus(debits).toDecimalString(),
    credits: { count: sum((day) => day.credits_count), total: credits.toDecimalString(), largest: money(largest((day) => day.largest_credit_minor)).toDecimalString() },
    debits: { count: sum((day) => day.debits_count), total: debits.toDecimalString(), largest: money(largest((day) => day.largest_debit_minor)).toDecimalString() },
    daily: days.map((day) => ({
      day: day.day,
      total_transactions: day.credits_count + day.debits_count,
      total_amount: money(day.credits_total_minor).plus(money(day.debits_total_minor)).toDecimalString(),
      credits_count: day.credits_count,
      credits_total: money(day.credits_total_minor).toDecimalString(),
      debits_count: day.debits_count,
      debits_total: money(day.debits_total_minor).toDecimalString(),
    })),
  };
}
