import { AmountOutOfRange, InvalidAmount, UnsupportedCurrency } from '@openbank/shared-kernel';
import { specFor } from '@openbank/testing';
import { BankAccount, type BankAccountState, type OpenedBankAccount } from './bank-account.js';
import { changeOverdraftLimit, closeBankAccount, openBankAccount } from './bank-account.lifecycle.js';
import {
  BalanceNotZero,
  BankAccountAlreadyExists,
  BankAccountClosed,
  BankAccountNotFound,
  InvalidCloseReason,
  NegativeOverdraftLimit,
} from './bank-account.errors.js';
import { BankAccountClosedDomainEventV1, BankAccountCreatedDomainEventV1, OverdraftLimitChangedDomainEventV1 } from './bank-account.events.js';

const id = '4f0e5b8e-8b0a-4c1e-9d7f-2a1b3c4d5e6f';
const ownerId = 'b6b4a0a4-0c1f-4f53-9b7e-3d3f0d1c2a10';
const now = new Date('2026-11-22T10:00:00Z');
const eur = (minor: number) => ({ minor, currency: 'EUR' });
const opened = new BankAccountCreatedDomainEventV1({ accountId: id, ownerId, currency: 'EUR', overdraftLimit: eur(50000), openedAt: now.toISOString() });

/** The state of an account the spec knows is opened. */
const openedState = (state: BankAccountState) => {
  expect(state.status).not.toBe('UNOPENED');
  return state as OpenedBankAccount;
};

describe('BankAccount', () => {
  const account = specFor(BankAccount, id);

  describe('opening', () => {
    it('records the account with its currency and overdraft limit', () => {
      const state = account
        .given()
        .when((s) => openBankAccount(s, { ownerId, currency: 'EUR', overdraftLimit: '500.00' }, now))
        .then(opened);
      expect(openedState(state).balance.toDecimalString()).toBe('0.00');
      expect(state.status).toBe('ACTIVE');
    });

    it('takes the minor units of the currency: JPY has none', () => {
      account
        .given()
        .when((s) => openBankAccount(s, { ownerId, currency: 'JPY', overdraftLimit: '1000' }, now))
        .then(new BankAccountCreatedDomainEventV1({ accountId: id, ownerId, currency: 'JPY', overdraftLimit: { minor: 1000, currency: 'JPY' }, openedAt: now.toISOString() }));
      account.given().when((s) => openBankAccount(s, { ownerId, currency: 'JPY', overdraftLimit: '1000.5' }, now)).thenRefuses(InvalidAmount);
    });

    it('refuses more decimal places than the currency has', () => {
      account.given().when((s) => openBankAccount(s, { ownerId, currency: 'EUR', overdraftLimit: '500.001' }, now)).thenRefuses(InvalidAmount, 'INVALID_AMOUNT');
    });

    it('refuses a currency that is not ISO 4217 money', () => {
      account.given().when((s) => openBankAccount(s, { ownerId, currency: 'XTS', overdraftLimit: '0' }, now)).thenRefuses(UnsupportedCurrency);
      account.given().when((s) => openBankAccount(s, { ownerId, currency: 'ABC', overdraftLimit: '0' }, now)).thenRefuses(UnsupportedCurrency);
    });

    it('refuses a negative overdraft limit', () => {
      account.given().when((s) => openBankAccount(s, { ownerId, currency: 'EUR', overdraftLimit: '-1.00' }, now)).thenRefuses(NegativeOverdraftLimit);
    });

    it('refuses an amount too large to be exact', () => {
      account.given().when((s) => openBankAccount(s, { ownerId, currency: 'EUR', overdraftLimit: '900719925474099.92' }, now)).thenRefuses(AmountOutOfRange);
    });

    it('refuses to open the same account twice', () => {
      account.given(opened).when((s) => openBankAccount(s, { ownerId, currency: 'EUR', overdraftLimit: '0' }, now)).thenRefuses(BankAccountAlreadyExists);
    });
  });

  describe('changing the overdraft limit', () => {
    it('records the previous and the new limit', () => {
      const state = account
        .given(opened)
        .when((s) => changeOverdraftLimit(s, '750.00'))
        .then(new OverdraftLimitChangedDomainEventV1({ accountId: id, previousLimit: eur(50000), newLimit: eur(75000) }));
      expect(openedState(state).overdraftLimit.toDecimalString()).toBe('750.00');
    });

    it('accepts a limit of zero', () => {
      account.given(opened).when((s) => changeOverdraftLimit(s, '0')).then(new OverdraftLimitChangedDomainEventV1({ accountId: id, previousLimit: eur(50000), newLimit: eur(0) }));
    });

    it('records nothing when the limit does not change', () => {
      account.given(opened).when((s) => changeOverdraftLimit(s, '500')).then();
    });

    it('is never negative', () => {
      account.given(opened).when((s) => changeOverdraftLimit(s, '-0.01')).thenRefuses(NegativeOverdraftLimit, 'NEGATIVE_OVERDRAFT_LIMIT');
    });

    it('refuses for an unknown or closed account', () => {
      account.given().when((s) => changeOverdraftLimit(s, '10.00')).thenRefuses(BankAccountNotFound);
      const closed = new BankAccountClosedDomainEventV1({ accountId: id, reason: 'moving abroad', finalBalance: eur(0), closedAt: now.toISOString() });
      account.given(opened, closed).when((s) => changeOverdraftLimit(s, '10.00')).thenRefuses(BankAccountClosed, 'BANK_ACCOUNT_CLOSED');
    });
  });

  describe('closing', () => {
    it('records the reason and the final balance of zero', () => {
      const state = account
        .given(opened)
        .when((s) => closeBankAccount(s, ' moving abroad ', now))
        .then(new BankAccountClosedDomainEventV1({ accountId: id, reason: 'moving abroad', finalBalance: eur(0), closedAt: now.toISOString() }));
      expect(state.status).toBe('CLOSED');
    });

    it('needs a reason', () => {
      account.given(opened).when((s) => closeBankAccount(s, '  ', now)).thenRefuses(InvalidCloseReason);
    });

    it('cannot close an account twice', () => {
      const closed = new BankAccountClosedDomainEventV1({ accountId: id, reason: 'x', finalBalance: eur(0), closedAt: now.toISOString() });
      account.given(opened, closed).when((s) => closeBankAccount(s, 'again', now)).thenRefuses(BankAccountClosed);
    });
  });

  describe('snapshots', () => {
    it('round-trip the state, money included', () => {
      const state = openedState(BankAccount.evolve(BankAccount.initialState(id), opened));
      const decoded = openedState(BankAccount.snapshot.decode(JSON.parse(JSON.stringify(BankAccount.snapshot.encode(state)))));
      expect(decoded.balance.equals(state.balance)).toBe(true);
      expect(decoded.overdraftLimit.toDecimalString()).toBe('500.00');
      expect(decoded.currency).toBe(state.currency);
      expect(decoded.status).toBe('ACTIVE');
    });

    it('round-trip a closed account and an unopened one', () => {
      const closed = new BankAccountClosedDomainEventV1({ accountId: id, reason: 'gone', finalBalance: eur(0), closedAt: now.toISOString() });
      const state = [opened, closed].reduce(BankAccount.evolve, BankAccount.initialState(id));
      expect(BankAccount.snapshot.decode(JSON.parse(JSON.stringify(BankAccount.snapshot.encode(state))))).toMatchObject({ status: 'CLOSED', closeReason: 'gone', closedAt: now.toISOString() });
      const unopened = BankAccount.initialState(id);
      expect(BankAccount.snapshot.decode(JSON.parse(JSON.stringify(BankAccount.snapshot.encode(unopened))))).toEqual(unopened);
    });
  });
});

describe('BalanceNotZero', () => {
  it('is a rule violation with a stable code', () => {
    expect(new BalanceNotZero('x')).toMatchObject({ code: 'BALANCE_NOT_ZERO', kind: 'rule-violated' });
  });
});
