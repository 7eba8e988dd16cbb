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
  @ApiProperty({ example: 3 }) credits_count!: number;
  @ApiProperty({ example: '1500.00' }) credits_total!: string;
  @ApiProperty({ example: 1 }) debits_count!: number;
  @ApiProperty({ example: '1400.00' }) debits_total!: string;
}

export class CurrencyAnalyticsResponse {
  @ApiProperty({ example: 'EUR' }) currency!: string;
  @ApiProperty({ type: SideTotals, description: 'Money in: deposits, interest, incoming transfers and reversals.' }) credits!: SideTotals;
  @ApiProperty({ type: SideTotals, description: 'Money out: withdrawals and outgoing transfers.' }) debits!: SideTotals;
  @ApiProperty({ type: [DailyTotalsResponse] }) daily!: DailyTotalsResponse[];
}

export class TransactionAnalyticsResponse {
  @ApiProperty({ example: '2026-11-01', format: 'date' }) from!: string;
  @ApiProperty({ example: '2026-11-30', format: 'date' }) to!: string;
  @ApiProperty({ type: [CurrencyAnalyticsResponse], description: 'One entry per currency: amounts of different currencies are never added up.' })
  currencies!: CurrencyAnalyticsResponse[];

  static of(from: string, to: string, days: DailyTransactionTotals[]): TransactionAnalyticsResponse {
    const currencies = [...new Set(days.map((day) => day.currency))];
    return { from, to, currencies: currencies.map((currency) => currencyTotals(currency, days.filter((day) => day.currency === currency))) };
  }
}

function currencyTotals(currency: string, days: DailyTransactionTotals[]): CurrencyAnalyticsResponse {
  const money = (minor: number) => Money.ofMinor(minor, currency).toDecimalString();
  const sum = (pick: (day: DailyTransactionTotals) => number) => days.reduce((total, day) => total + pick(day), 0);
  const largest = (pick: (day: DailyTransactionTotals) => number) => Math.max(0, ...days.map(pick));
  return {
    currency,
    credits: { count: sum((day) => day.credits_count), total: money(sum((day) => day.credits_total_minor)), largest: money(largest((day) => day.largest_credit_minor)) },
    debits: { count: sum((day) => day.debits_count), total: money(sum((day) => day.debits_total_minor)), largest: money(largest((day) => day.largest_debit_minor)) },
    daily: days.map((day) => ({
      day: day.day,
      credits_count: day.credits_count,
      credits_total: money(day.credits_total_minor),
      debits_count: day.debits_count,
      debits_total: money(day.debits_total_minor),
    })),
  };
}
