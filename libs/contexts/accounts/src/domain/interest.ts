import { domainError, Money } from '@openbank/shared-kernel';

export class NoInterestEarned extends domainError('NO_INTEREST_EARNED', 'rule-violated') {}
export class InvalidInterestPeriod extends domainError('INVALID_INTEREST_PERIOD', 'invalid') {}

/** Days in the interest year: the ACT/365 Fixed day count. */
export const daysInInterestYear = 365;

/**
 * Simple interest on each day's closing balance, ACT/365 Fixed: Σ max(0, closing balance) ×
 * annual rate / 365, computed exactly and rounded once, half to even, to the currency's minor
 * unit. Overdrawn days earn nothing (overdraft interest is not charged here).
 */
export function interestEarned(closingBalancesMinor: readonly number[], annualRate: string, currency: string): Money {
  const positiveDays = closingBalancesMinor.reduce((sum, balance) => sum + Math.max(0, balance), 0);
  const earned = Money.ofMinor(positiveDays, currency).times(annualRate, daysInInterestYear);
  if (!earned.isPositive()) throw new NoInterestEarned(`no interest was earned over these ${closingBalancesMinor.length} days`);
  return earned;
}

/** A period of whole UTC days, `to` excluded, that has ended by `today`. */
export function assertInterestPeriod(from: string, to: string, today: Date): void {
  if (from >= to) throw new InvalidInterestPeriod(`the period must end after it starts (${from} → ${to})`);
  if (to > today.toISOString().slice(0, 10)) throw new InvalidInterestPeriod(`interest can only be paid for days that have ended (to ${to})`);
}
