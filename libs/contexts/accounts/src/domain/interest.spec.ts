import { assertInterestPeriod, interestEarned, InvalidInterestPeriod, NoInterestEarned } from './interest.js';

describe('interest', () => {
  it('is simple interest on each closing balance, ACT/365, rounded once half to even', () => {
    // 1000.00 for 30 days at 5%: 100000 × 30 × 0.05 / 365 = 410.958… minor → 4.11
    expect(interestEarned(Array(30).fill(100000), '0.05', 'EUR').toDecimalString()).toBe('4.11');
    // 365 days of 1000.00 at 5% is exactly 50.00
    expect(interestEarned(Array(365).fill(100000), '0.05', 'EUR').toDecimalString()).toBe('50.00');
  });

  it('rounds a half to the even minor unit', () => {
    // In minor units: 36500 × 0.01 / 365 = 1 exactly; 18250 × 0.01 / 365 = 0.5 → 0 (even) → nothing earned
    expect(interestEarned([36500], '0.01', 'EUR').minor).toBe(1);
    expect(() => interestEarned([18250], '0.01', 'EUR')).toThrow(NoInterestEarned);
    // 54750 × 0.01 / 365 = 1.5 → 2 (even)
    expect(interestEarned([54750], '0.01', 'EUR').minor).toBe(2);
  });

  it('pays nothing for overdrawn days', () => {
    expect(interestEarned([100000, -500000, 100000], '0.365', 'EUR').minor).toBe(200);
  });

  it('refuses when nothing was earned', () => {
    expect(() => interestEarned([0, -100], '0.05', 'EUR')).toThrow(NoInterestEarned);
  });

  it('needs a period of whole days that has ended', () => {
    const today = new Date('2026-11-22T10:00:00Z');
    expect(() => assertInterestPeriod('2026-11-01', '2026-11-22', today)).not.toThrow();
    expect(() => assertInterestPeriod('2026-11-01', '2026-11-23', today)).toThrow(InvalidInterestPeriod);
    expect(() => assertInterestPeriod('2026-11-05', '2026-11-05', today)).toThrow(InvalidInterestPeriod);
  });
});
