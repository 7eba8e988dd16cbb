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
    expect(state.recentOutgoing).toEqual([{ at, minor: 250, currency: 'EUR' }]);
    expect(outgoingOf(state, 'EUR', now)).toEqual({ lastDayMinor: 250, lastHourCount: 1 });
  });
});
