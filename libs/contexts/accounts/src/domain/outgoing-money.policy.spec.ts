import { InvalidAmount } from '@openbank/shared-kernel';
import { AccountHolder, type AccountHolderState } from './account-holder.js';
import { AccountHolderMoneyWentOutDomainEventV1 } from './account-holder.events.js';
import { BankAccount, type BankAccountState } from './bank-account.js';
import { AmountAboveMaximum, AmountNotPositive, BankAccountClosed, BankAccountNotFound, InsufficientFunds } from './bank-account.errors.js';
import { BankAccountClosedDomainEventV1, BankAccountCreatedDomainEventV2, BankAccountTransactionRecordedDomainEventV1 } from './bank-account.events.js';
import type { MoneyLimits } from './money-limits.js';
import { moneyMayComeIn, moneyMayLeave, VelocityLimitExceeded } from './outgoing-money.policy.js';

const holderId = '1a2b3c4d-0000-4000-8000-000000000003';
const accountId = '4f0e5b8e-8b0a-4c1e-9d7f-2a1b3c4d5e6f';
const now = new Date('2026-11-22T10:00:00Z');
const limits: MoneyLimits = { maximumAmount: '1000.00', maxOutgoingPerDay: '100.00', maxOutgoingPerHour: 2 };
const eur = (minor: number) => ({ minor, currency: 'EUR' });

/** An active EUR account with 1000.00 on it and an overdraft limit of 500.00 (1500.00 available). */
const account: BankAccountState = [
  new BankAccountCreatedDomainEventV2({ accountId, ownerId: holderId, currency: 'EUR', overdraftLimit: eur(50000), accountType: 'CHECKING', openedAt: '2026-01-01T00:00:00.000Z' }),
  new BankAccountTransactionRecordedDomainEventV1({
    accountId,
    transaction: { transactionId: 'd', type: 'DEPOSIT', direction: 'IN', amount: eur(100000), description: '', balanceAfter: eur(100000), at: '2026-01-01T00:00:00.000Z' },
  }),
].reduce(BankAccount.evolve, BankAccount.initialState(accountId));

const minutesAgo = (minutes: number) => new Date(now.getTime() - minutes * 60_000);
/** A holder whose accounts (any of them: `accountId` is only where it left from) let money out at these times. */
const holderWith = (...outgoing: { minor: number; at: Date; currency?: string; from?: string }[]): AccountHolderState =>
  outgoing
    .map(({ minor, at, currency = 'EUR', from = `account-${minor}` }, index) =>
      new AccountHolderMoneyWentOutDomainEventV1({ holderId, accountId: from, transactionId: `t${index}`, amount: { minor, currency }, at: at.toISOString() }),
    )
    .reduce(AccountHolder.evolve, AccountHolder.initialState(holderId));
const clean = AccountHolder.initialState(holderId);

describe('the outgoing-money policy: may this money leave this account now?', () => {
  it('lets money leave down to exactly minus the overdraft limit, and not one cent further', () => {
    expect(moneyMayLeave(account, clean, '1000.00', { ...limits, maximumAmount: '2000.00', maxOutgoingPerDay: '5000.00' }, now).toDecimalString()).toBe('1000.00');
    expect(() => moneyMayLeave(account, clean, '1500.01', { ...limits, maximumAmount: '2000.00', maxOutgoingPerDay: '5000.00' }, now)).toThrow(InsufficientFunds);
  });

  it('refuses an amount that is not positive, not in the currency’s minor units, or above the per-transaction maximum', () => {
    expect(() => moneyMayLeave(account, clean, '0', limits, now)).toThrow(AmountNotPositive);
    expect(() => moneyMayLeave(account, clean, '1.001', limits, now)).toThrow(InvalidAmount);
    expect(() => moneyMayLeave(account, clean, '1000.01', { ...limits, maxOutgoingPerDay: '5000.00' }, now)).toThrow(AmountAboveMaximum);
  });

  it('refuses money out of an unknown or closed account', () => {
    expect(() => moneyMayLeave(BankAccount.initialState(accountId), clean, '1.00', limits, now)).toThrow(BankAccountNotFound);
    const closed = BankAccount.evolve(account, new BankAccountClosedDomainEventV1({ accountId, reason: 'x', finalBalance: eur(0), closedAt: now.toISOString() }));
    expect(() => moneyMayLeave(closed, clean, '1.00', limits, now)).toThrow(BankAccountClosed);
  });

  describe('velocity, across all of the holder’s accounts', () => {
    it('counts money out of any of the holder’s accounts of the currency in the last 24 hours', () => {
      const spreadOver = holderWith({ minor: 3000, at: minutesAgo(300), from: 'a' }, { minor: 3000, at: minutesAgo(200), from: 'b' });
      expect(moneyMayLeave(account, spreadOver, '40.00', limits, now).toDecimalString()).toBe('40.00');
      expect(() => moneyMayLeave(account, spreadOver, '40.01', limits, now)).toThrow(VelocityLimitExceeded);
    });

    it('forgets what left more than 24 hours ago, and does not mix currencies', () => {
      expect(moneyMayLeave(account, holderWith({ minor: 10000, at: minutesAgo(24 * 60 + 1) }), '100.00', limits, now).toDecimalString()).toBe('100.00');
      expect(moneyMayLeave(account, holderWith({ minor: 10000, at: minutesAgo(60), currency: 'GBP' }), '100.00', limits, now).toDecimalString()).toBe('100.00');
    });

    it('does not hold money against the holder’s record of that very transaction (an earlier attempt of the decision)', () => {
      const spent = [{ minor: 6000, at: minutesAgo(1), from: accountId }, { minor: 4000, at: minutesAgo(1), from: 'b' }];
      // t0 is the 60.00 out of this account: decided again, it still fits beside the 40.00 out of the other.
      expect(moneyMayLeave(account, holderWith(...spent), '60.00', limits, now, 't0').toDecimalString()).toBe('60.00');
      expect(() => moneyMayLeave(account, holderWith(...spent), '60.00', limits, now)).toThrow(VelocityLimitExceeded);
      expect(() => moneyMayLeave(account, holderWith(...spent), '60.00', limits, now, 't1')).toThrow(VelocityLimitExceeded);
    });

    it('allows so many outgoing movements an hour, whatever their currency, then again once the hour has passed', () => {
      const twice = holderWith({ minor: 1, at: minutesAgo(50) }, { minor: 1, at: minutesAgo(10), currency: 'GBP' });
      expect(() => moneyMayLeave(account, twice, '1.00', limits, now)).toThrow(VelocityLimitExceeded);
      expect(moneyMayLeave(account, holderWith({ minor: 1, at: minutesAgo(61) }, { minor: 1, at: minutesAgo(10) }), '1.00', limits, now).toDecimalString()).toBe('1.00');
    });
  });

  it('holds money coming in only to an active account, a positive amount and the maximum, never to velocity', () => {
    const busy = holderWith({ minor: 10000, at: minutesAgo(1) }, { minor: 1, at: minutesAgo(1) });
    expect(busy.recentOutgoing).toHaveLength(2);
    expect(moneyMayComeIn(account, '1000.00', limits).toDecimalString()).toBe('1000.00');
    expect(() => moneyMayComeIn(account, '1000.01', limits)).toThrow(AmountAboveMaximum);
    expect(() => moneyMayComeIn(account, '-1', limits)).toThrow(AmountNotPositive);
  });
});
