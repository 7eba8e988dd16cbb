import { AmountOutOfRange, InvalidAmount, Money, UnsupportedCurrency } from '@openbank/shared-kernel';
import { specFor } from '@openbank/testing';
import { BankAccount, type BankAccountState, type OpenedBankAccount } from './bank-account.js';
import { changeOverdraftLimit, closeBankAccount, openBankAccount } from './bank-account.lifecycle.js';
import {
  AmountAboveMaximum,
  AmountNotPositive,
  BalanceNotZero,
  BankAccountAlreadyExists,
  BankAccountClosed,
  BankAccountNotFound,
  InvalidCloseReason,
  NegativeOverdraftLimit,
} from './bank-account.errors.js';
import {
  BankAccountClosedDomainEventV1,
  BankAccountCreatedDomainEventV2,
  BankAccountTransactionRecordedDomainEventV1,
  OverdraftLimitChangedDomainEventV1,
  type TransactionDirection,
  type TransactionType,
} from './bank-account.events.js';
import { bankAccountCreatedV1ToV2 } from './bank-account.upcasters.js';

const id = '4f0e5b8e-8b0a-4c1e-9d7f-2a1b3c4d5e6f';
const ownerId = 'b6b4a0a4-0c1f-4f53-9b7e-3d3f0d1c2a10';
const now = new Date('2026-11-22T10:00:00Z');
const eur = (minor: number) => ({ minor, currency: 'EUR' });
const opened = new BankAccountCreatedDomainEventV2({ accountId: id, ownerId, currency: 'EUR', overdraftLimit: eur(50000), accountType: 'CHECKING', openedAt: now.toISOString() });

const limits = { maximumAmount: '10000.00', maxOutgoingPerDay: '1000.00', maxOutgoingPerHour: 10 };
const recorded = (transactionId: string, type: TransactionType, direction: TransactionDirection, minor: number, balanceAfter: number, at: string) =>
  new BankAccountTransactionRecordedDomainEventV1({
    accountId: id,
    transaction: { transactionId, type, direction, amount: eur(minor), description: '', balanceAfter: eur(balanceAfter), at },
  });

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
        .when((s) => openBankAccount(s, { ownerId, currency: 'EUR', overdraftLimit: '500.00' }, limits, now))
        .then(opened);
      expect(openedState(state).balance.toDecimalString()).toBe('0.00');
      expect(state.status).toBe('ACTIVE');
    });

    it('opens a savings account when asked, a checking account otherwise', () => {
      const savings = account
        .given()
        .when((s) => openBankAccount(s, { ownerId, currency: 'EUR', overdraftLimit: '500.00', accountType: 'SAVINGS' }, limits, now))
        .then(new BankAccountCreatedDomainEventV2({ ...opened.data, accountType: 'SAVINGS' }));
      expect(openedState(savings).accountType).toBe('SAVINGS');
    });

    it('records an initial deposit as the account’s first transaction, with the opening', () => {
      const state = account
        .given()
        .when((s) => openBankAccount(s, { ownerId, currency: 'EUR', overdraftLimit: '500.00', initialDeposit: { transactionId: 't-0', amount: '250.00', description: 'Opening deposit' } }, limits, now))
        .then(
          opened,
          new BankAccountTransactionRecordedDomainEventV1({
            accountId: id,
            transaction: { transactionId: 't-0', type: 'DEPOSIT', direction: 'IN', amount: eur(25_000), description: 'Opening deposit', balanceAfter: eur(25_000), at: now.toISOString() },
          }),
        );
      expect(openedState(state)).toMatchObject({ transactionCount: 1, lastTransactionAt: now.toISOString() });
      expect(openedState(state).balance.toDecimalString()).toBe('250.00');
    });

    it('holds an initial deposit to the rules of any deposit, and then opens nothing', () => {
      const opening = (amount: string) => ({ ownerId, currency: 'EUR', overdraftLimit: '0', initialDeposit: { transactionId: 't-0', amount, description: '' } });
      account.given().when((s) => openBankAccount(s, opening('0.00'), limits, now)).thenRefuses(AmountNotPositive, 'AMOUNT_NOT_POSITIVE');
      account.given().when((s) => openBankAccount(s, opening('10000.01'), limits, now)).thenRefuses(AmountAboveMaximum, 'AMOUNT_ABOVE_MAXIMUM');
      account.given().when((s) => openBankAccount(s, opening('1.001'), limits, now)).thenRefuses(InvalidAmount, 'INVALID_AMOUNT');
    });

    it('takes the minor units of the currency: JPY has none', () => {
      account
        .given()
        .when((s) => openBankAccount(s, { ownerId, currency: 'JPY', overdraftLimit: '1000' }, limits, now))
        .then(new BankAccountCreatedDomainEventV2({ accountId: id, ownerId, currency: 'JPY', overdraftLimit: { minor: 1000, currency: 'JPY' }, accountType: 'CHECKING', openedAt: now.toISOString() }));
      account.given().when((s) => openBankAccount(s, { ownerId, currency: 'JPY', overdraftLimit: '1000.5' }, limits, now)).thenRefuses(InvalidAmount);
    });

    it('refuses more decimal places than the currency has', () => {
      account.given().when((s) => openBankAccount(s, { ownerId, currency: 'EUR', overdraftLimit: '500.001' }, limits, now)).thenRefuses(InvalidAmount, 'INVALID_AMOUNT');
    });

    it('refuses a currency that is not ISO 4217 money', () => {
      account.given().when((s) => openBankAccount(s, { ownerId, currency: 'XTS', overdraftLimit: '0' }, limits, now)).thenRefuses(UnsupportedCurrency);
      account.given().when((s) => openBankAccount(s, { ownerId, currency: 'ABC', overdraftLimit: '0' }, limits, now)).thenRefuses(UnsupportedCurrency);
    });

    it('refuses a negative overdraft limit', () => {
      account.given().when((s) => openBankAccount(s, { ownerId, currency: 'EUR', overdraftLimit: '-1.00' }, limits, now)).thenRefuses(NegativeOverdraftLimit);
    });

    it('refuses an amount too large to be exact', () => {
      account.given().when((s) => openBankAccount(s, { ownerId, currency: 'EUR', overdraftLimit: '900719925474099.92' }, limits, now)).thenRefuses(AmountOutOfRange);
    });

    it('refuses to open the same account twice', () => {
      account.given(opened).when((s) => openBankAccount(s, { ownerId, currency: 'EUR', overdraftLimit: '0' }, limits, now)).thenRefuses(BankAccountAlreadyExists);
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

  describe('money in and out', () => {
    it('adds up credits and debits, keeps the largest transaction and the last one’s time: the balance is credits − debits', () => {
      const history = [
        opened,
        recorded('d-1', 'DEPOSIT', 'IN', 100_000, 100_000, '2026-11-22T10:01:00.000Z'),
        recorded('w-1', 'WITHDRAWAL', 'OUT', 140_000, -40_000, '2026-11-22T10:02:00.000Z'),
        recorded('i-1', 'INTEREST', 'IN', 5, -39_995, '2026-11-22T10:03:00.000Z'),
        recorded('t-1', 'TRANSFER', 'IN', 40_000, 5, '2026-11-22T10:04:00.000Z'),
      ];
      const state = openedState(history.reduce(BankAccount.evolve, BankAccount.initialState(id)));
      expect({
        credits: state.totalCredits.toDecimalString(),
        debits: state.totalDebits.toDecimalString(),
        largest: state.largestTransaction.toDecimalString(),
        last: state.lastTransactionAt,
      }).toEqual({ credits: '1400.05', debits: '1400.00', largest: '1400.00', last: '2026-11-22T10:04:00.000Z' });
      expect(state.totalCredits.minus(state.totalDebits).equals(state.balance)).toBe(true);
    });

    it('starts at zero, with no last transaction', () => {
      const state = openedState(BankAccount.evolve(BankAccount.initialState(id), opened));
      expect([state.totalCredits, state.totalDebits, state.largestTransaction].map((money) => money.toDecimalString())).toEqual(['0.00', '0.00', '0.00']);
      expect(state.lastTransactionAt).toBeUndefined();
    });
  });

  describe('an opening stored before accounts had a type (V1)', () => {
    it('is read as a checking account', () => {
      const { accountType: _type, ...v1 } = opened.data;
      const upcast = new BankAccountCreatedDomainEventV2(bankAccountCreatedV1ToV2.upcast(v1));
      expect(upcast).toEqual(opened);
      expect(openedState(BankAccount.evolve(BankAccount.initialState(id), upcast)).accountType).toBe('CHECKING');
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

    it('round-trip the type, the totals, the largest transaction and the last transaction’s time', () => {
      const history = [
        new BankAccountCreatedDomainEventV2({ ...opened.data, accountType: 'SAVINGS' }),
        recorded('d-1', 'DEPOSIT', 'IN', 100_000, 100_000, '2026-11-22T10:01:00.000Z'),
        recorded('w-1', 'WITHDRAWAL', 'OUT', 2_500, 97_500, '2026-11-22T10:02:00.000Z'),
      ];
      const state = history.reduce(BankAccount.evolve, BankAccount.initialState(id));
      const decoded = BankAccount.snapshot.decode(JSON.parse(JSON.stringify(BankAccount.snapshot.encode(state))));
      expect(decoded).toEqual(state);
      expect(openedState(decoded).totalDebits.minus(Money.ofMinor(2_500, 'EUR')).isZero()).toBe(true);
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
