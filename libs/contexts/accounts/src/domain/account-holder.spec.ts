import { Money } from '@openbank/shared-kernel';
import { specFor } from '@openbank/testing';
import { AccountHolder, TooManyOpenAccounts, holdAnotherAccount, outgoingOf, recordMoneyOut, stopHoldingAccount } from './account-holder.js';
import {
  AccountHolderAccountClosedDomainEventV1,
  AccountHolderAccountOpenedDomainEventV1,
  AccountHolderMoneyWentOutDomainEventV1,
} from './account-holder.events.js';

const holderId = '1a2b3c4d-0000-4000-8000-000000000003';
const now = new Date('2026-11-22T10:00:00Z');
const at = now.toISOString();
const opened = (accountId: string) => new AccountHolderAccountOpenedDomainEventV1({ holderId, accountId, currency: 'EUR', at });

describe('AccountHolder', () => {
  const holder = specFor(AccountHolder, holderId);

  it('counts the accounts a holder opens and closes', () => {
    const state = holder.given(opened('a'), opened('b')).when((s) => stopHoldingAccount(s, 'a', now)).then(new AccountHolderAccountClosedDomainEventV1({ holderId, accountId: 'a', at }));
    expect(state.openAccounts).toEqual(['b']);
  });

  it('lets a customer hold up to the maximum of open accounts, and staff open more', () => {
    holder.given(opened('a'), opened('b')).when((s) => holdAnotherAccount(s, { accountId: 'c', currency: 'EUR' }, 2, now)).thenRefuses(TooManyOpenAccounts, 'TOO_MANY_OPEN_ACCOUNTS');
    holder.given(opened('a'), opened('b')).when((s) => holdAnotherAccount(s, { accountId: 'c', currency: 'EUR' }, undefined, now)).then(opened('c'));
    // A closed account frees its place.
    holder
      .given(opened('a'), opened('b'), new AccountHolderAccountClosedDomainEventV1({ holderId, accountId: 'b', at }))
      .when((s) => holdAnotherAccount(s, { accountId: 'c', currency: 'EUR' }, 2, now))
      .then(opened('c'));
  });

  it('records nothing when an account it never counted closes (an account older than the holder’s stream)', () => {
    holder.given().when((s) => stopHoldingAccount(s, 'unknown', now)).then();
  });

  it('remembers the money that went out in the last 24 hours only', () => {
    const old = new AccountHolderMoneyWentOutDomainEventV1({ holderId, accountId: 'a', transactionId: 't1', amount: { minor: 100, currency: 'EUR' }, at: '2026-11-21T09:00:00.000Z' });
    const state = holder
      .given(old)
      .when((s) => recordMoneyOut(s, { accountId: 'a', transactionId: 't2', amount: Money.parse('2.50', 'EUR') }, now))
      .then(new AccountHolderMoneyWentOutDomainEventV1({ holderId, accountId: 'a', transactionId: 't2', amount: { minor: 250, currency: 'EUR' }, at }));
    expect(state.recentOutgoing).toEqual([{ accountId: 'a', transactionId: 't2', at, minor: 250, currency: 'EUR' }]);
    expect(outgoingOf(state, 'EUR', now)).toEqual({ lastDayMinor: 250, lastHourCount: 1 });
  });

  describe('each record known by what it is about, so a decision taken again records nothing twice', () => {
    const wentOut = (transactionId: string, minor: number, when = at, accountId = 'a') =>
      new AccountHolderMoneyWentOutDomainEventV1({ holderId, accountId, transactionId, amount: { minor, currency: 'EUR' }, at: when });
    const minutesLater = (minutes: number) => new Date(now.getTime() + minutes * 60_000);

    it('counts a transaction once however often it was recorded (as a store without atomic appends could leave it before)', () => {
      const state = holder.given(wentOut('t1', 4000), wentOut('t1', 4000), wentOut('t2', 1000)).state;
      expect(outgoingOf(state, 'EUR', now)).toEqual({ lastDayMinor: 5000, lastHourCount: 2 });
    });

    it('tells transactions of the same id on two accounts apart', () => {
      expect(outgoingOf(holder.given(wentOut('t1', 4000), wentOut('t1', 1000, at, 'b')).state, 'EUR', now)).toEqual({ lastDayMinor: 5000, lastHourCount: 2 });
    });

    it('records nothing for a transaction it counts already, decided again (after a conflict) within the minute', () => {
      holder
        .given(wentOut('t1', 4000))
        .when((s) => recordMoneyOut(s, { accountId: 'a', transactionId: 't1', amount: Money.parse('40.00', 'EUR') }, minutesLater(0.5)))
        .then();
    });

    it('records a transaction decided again long after (a retry after a crash) at its new time, still counting it once, from when its money left', () => {
      const retried = minutesLater(120);
      const state = holder
        .given(wentOut('t1', 4000))
        .when((s) => recordMoneyOut(s, { accountId: 'a', transactionId: 't1', amount: Money.parse('40.00', 'EUR') }, retried))
        .then(wentOut('t1', 4000, retried.toISOString()));
      expect(state.recentOutgoing).toEqual([{ accountId: 'a', transactionId: 't1', at: retried.toISOString(), minor: 4000, currency: 'EUR' }]);
      // 24 hours after the first record, the money that left on the retry still counts.
      expect(outgoingOf(state, 'EUR', minutesLater(24 * 60 + 1)).lastDayMinor).toBe(4000);
      // A late copy of the earlier record does not move it back.
      expect(AccountHolder.evolve(state, wentOut('t1', 4000)).recentOutgoing).toEqual(state.recentOutgoing);
    });

    it('leaves the transaction being decided out of what it is held against', () => {
      const state = holder.given(wentOut('t1', 4000), wentOut('t2', 1000)).state;
      expect(outgoingOf(state, 'EUR', now, { accountId: 'a', transactionId: 't1' })).toEqual({ lastDayMinor: 1000, lastHourCount: 1 });
      expect(outgoingOf(state, 'EUR', now, { accountId: 'b', transactionId: 't1' })).toEqual({ lastDayMinor: 5000, lastHourCount: 2 });
    });

    it('counts an account opened once, and does not hold an account it counts already against the maximum', () => {
      expect(holder.given(opened('a'), opened('a')).state.openAccounts).toEqual(['a']);
      holder.given(opened('a'), opened('b')).when((s) => holdAnotherAccount(s, { accountId: 'b', currency: 'EUR' }, 2, now)).then();
    });

    it('records the close of an account once', () => {
      holder.given(opened('a'), new AccountHolderAccountClosedDomainEventV1({ holderId, accountId: 'a', at })).when((s) => stopHoldingAccount(s, 'a', now)).then();
    });
  });
});
