import { CurrencyMismatch, InvalidAmount } from '@openbank/shared-kernel';
import { specFor } from '@openbank/testing';
import { AccountHolder, type AccountHolderState } from './account-holder.js';
import { AccountHolderMoneyWentOutDomainEventV1 } from './account-holder.events.js';
import { BankAccount, type BankAccountState, type OpenedBankAccount } from './bank-account.js';
import {
  AmountAboveMaximum,
  AmountNotPositive,
  BankAccountClosed,
  BankAccountNotFound,
  InsufficientFunds,
  InterestPeriodAlreadyPaid,
} from './bank-account.errors.js';
import {
  BankAccountClosedDomainEventV1,
  BankAccountCreatedDomainEventV2,
  BankAccountTransactionRecordedDomainEventV1,
  type AccountTransaction,
} from './bank-account.events.js';
import { creditForTransfer, creditInterest, debitForTransfer, deposit, reverseTransferDebit, withdraw } from './bank-account.money.js';
import type { MoneyLimits } from './money-limits.js';

const id = '4f0e5b8e-8b0a-4c1e-9d7f-2a1b3c4d5e6f';
const other = '7d1c2b3a-0000-4000-8000-000000000001';
const holderId = '1a2b3c4d-0000-4000-8000-000000000003';
const transferId = '9a8b7c6d-0000-4000-8000-000000000002';
const eur = (minor: number) => ({ minor, currency: 'EUR' });
const limits: MoneyLimits = { maximumAmount: '1000000.00', maxOutgoingPerDay: '1000000.00', maxOutgoingPerHour: 100 };
const opened = new BankAccountCreatedDomainEventV2({ accountId: id, ownerId: holderId, currency: 'EUR', overdraftLimit: eur(50000), accountType: 'CHECKING', openedAt: '2026-01-01T00:00:00.000Z' });
const closed = new BankAccountClosedDomainEventV1({ accountId: id, reason: 'done', finalBalance: eur(0), closedAt: '2026-02-01T00:00:00.000Z' });
const now = new Date('2026-11-22T10:00:00Z');
const noHistory: AccountHolderState = AccountHolder.initialState(holderId);
const recorded = (transaction: Omit<AccountTransaction, 'at'>, at = now) =>
  new BankAccountTransactionRecordedDomainEventV1({ accountId: id, transaction: { ...transaction, at: at.toISOString() } });
const deposited = (minor: number, balanceAfter: number, transactionId = 't-deposit') =>
  recorded({ transactionId, type: 'DEPOSIT', direction: 'IN', amount: eur(minor), description: 'Initial deposit', balanceAfter: eur(balanceAfter) });
const wentOut = (minor: number, transactionId: string) => new AccountHolderMoneyWentOutDomainEventV1({ holderId, accountId: id, transactionId, amount: eur(minor), at: now.toISOString() });
const balanceOf = (state: BankAccountState) => (state as OpenedBankAccount).balance.toDecimalString();

describe('BankAccount money movements', () => {
  const account = specFor(BankAccount, id);

  describe('deposit', () => {
    it('records a DEPOSIT with the balance after it', () => {
      const state = account
        .given(opened)
        .when((s) => deposit(s, { transactionId: 't-deposit', amount: '1000.00', description: 'Initial deposit' }, limits, now))
        .then(deposited(100000, 100000));
      expect(state).toMatchObject({ transactionCount: 1 });
      expect(balanceOf(state)).toBe('1000.00');
    });

    it('refuses zero, too many decimals, and more than the maximum', () => {
      account.given(opened).when((s) => deposit(s, { transactionId: 't', amount: '0.00', description: '' }, limits, now)).thenRefuses(AmountNotPositive, 'AMOUNT_NOT_POSITIVE');
      account.given(opened).when((s) => deposit(s, { transactionId: 't', amount: '1.005', description: '' }, limits, now)).thenRefuses(InvalidAmount);
      account.given(opened).when((s) => deposit(s, { transactionId: 't', amount: '100.01', description: '' }, { ...limits, maximumAmount: '100.00' }, now)).thenRefuses(AmountAboveMaximum, 'AMOUNT_ABOVE_MAXIMUM');
    });

    it('accepts exactly the maximum', () => {
      account.given(opened).when((s) => deposit(s, { transactionId: 't', amount: '100.00', description: '' }, { ...limits, maximumAmount: '100.00' }, now)).then(
        recorded({ transactionId: 't', type: 'DEPOSIT', direction: 'IN', amount: eur(10000), description: '', balanceAfter: eur(10000) }),
      );
    });

    it('refuses a closed or unknown account', () => {
      account.given(opened, closed).when((s) => deposit(s, { transactionId: 't', amount: '1', description: '' }, limits, now)).thenRefuses(BankAccountClosed);
      account.given().when((s) => deposit(s, { transactionId: 't', amount: '1', description: '' }, limits, now)).thenRefuses(BankAccountNotFound);
    });
  });

  describe('withdrawal and the overdraft limit', () => {
    // Balance 1000.00, overdraft limit 500.00: 1500.00 available.
    it('allows the balance to go down to exactly minus the overdraft limit', () => {
      const state = account
        .given(opened, deposited(100000, 100000))
        .when((s) => withdraw(s, noHistory, { transactionId: 't-w', amount: '1500.00', description: 'Rent' }, limits, now).account)
        .then(recorded({ transactionId: 't-w', type: 'WITHDRAWAL', direction: 'OUT', amount: eur(150000), description: 'Rent', balanceAfter: eur(-50000) }));
      expect(balanceOf(state)).toBe('-500.00');
    });

    it('refuses one cent more than balance plus overdraft limit', () => {
      const error = account
        .given(opened, deposited(100000, 100000))
        .when((s) => withdraw(s, noHistory, { transactionId: 't-w', amount: '1500.01', description: '' }, limits, now).account)
        .thenRefuses(InsufficientFunds, 'INSUFFICIENT_FUNDS');
      expect(error.details).toMatchObject({ available: '1500.00' });
    });

    it('refuses 1600.00 and allows 1400.00 after a deposit of 1000.00 (the reference walk-through)', () => {
      account.given(opened, deposited(100000, 100000)).when((s) => withdraw(s, noHistory, { transactionId: 'a', amount: '1600.00', description: '' }, limits, now).account).thenRefuses(InsufficientFunds);
      const state = account
        .given(opened, deposited(100000, 100000))
        .when((s) => withdraw(s, noHistory, { transactionId: 'b', amount: '1400.00', description: '' }, limits, now).account)
        .then(recorded({ transactionId: 'b', type: 'WITHDRAWAL', direction: 'OUT', amount: eur(140000), description: '', balanceAfter: eur(-40000) }));
      expect(balanceOf(state)).toBe('-400.00');
    });
  });

  describe('money going out is also recorded on the holder', () => {
    it('records each withdrawal and transfer debit on the holder, with the transaction and its amount', () => {
      const balance = BankAccount.evolve(BankAccount.evolve(BankAccount.initialState(id), opened), deposited(10000, 10000));
      expect(withdraw(balance, noHistory, { transactionId: 'w', amount: '12.00', description: '' }, limits, now).holder).toEqual([wentOut(1200, 'w')]);
      expect(debitForTransfer(balance, noHistory, { transactionId: 'd', amount: '3.00', description: '', transferId, toAccountId: other }, limits, now).holder).toEqual([wentOut(300, 'd')]);
    });

    it('records nothing more on a holder that counts the transaction already, and does not hold it against itself', () => {
      const balance = BankAccount.evolve(BankAccount.evolve(BankAccount.initialState(id), opened), deposited(10000, 10000));
      // The holder's stream was written by an earlier attempt, the account's was not (a conflict): the decision is taken again.
      const counted = AccountHolder.evolve(noHistory, wentOut(6000, 'w'));
      const decided = withdraw(balance, counted, { transactionId: 'w', amount: '60.00', description: '' }, { ...limits, maxOutgoingPerDay: '100.00' }, now);
      expect(decided.holder).toEqual([]);
      expect(decided.account).toHaveLength(1);
    });
  });

  describe('transfers', () => {
    it('debits the source as a TRANSFER OUT naming the transfer and the target', () => {
      account
        .given(opened, deposited(10000, 10000))
        .when((s) => debitForTransfer(s, noHistory, { transactionId: 'd', amount: '25.00', description: 'Rent share', transferId, toAccountId: other }, limits, now).account)
        .then(
          recorded({ transactionId: 'd', type: 'TRANSFER', direction: 'OUT', amount: eur(2500), description: 'Rent share', balanceAfter: eur(7500), transferId, counterpartyAccountId: other }),
        );
    });

    it('refuses a debit beyond the available balance', () => {
      account.given(opened).when((s) => debitForTransfer(s, noHistory, { transactionId: 'd', amount: '500.01', description: '', transferId, toAccountId: other }, limits, now).account).thenRefuses(InsufficientFunds);
    });

    it('credits the target as a TRANSFER IN, in the transfer currency only', () => {
      account
        .given(opened)
        .when((s) => creditForTransfer(s, { transactionId: 'c', amount: '25.00', currency: 'EUR', description: '', transferId, fromAccountId: other }, limits, now))
        .then(recorded({ transactionId: 'c', type: 'TRANSFER', direction: 'IN', amount: eur(2500), description: '', balanceAfter: eur(2500), transferId, counterpartyAccountId: other }));
      account
        .given(opened)
        .when((s) => creditForTransfer(s, { transactionId: 'c', amount: '25.00', currency: 'USD', description: '', transferId, fromAccountId: other }, limits, now))
        .thenRefuses(CurrencyMismatch);
      account
        .given(opened, closed)
        .when((s) => creditForTransfer(s, { transactionId: 'c', amount: '25.00', currency: 'EUR', description: '', transferId, fromAccountId: other }, limits, now))
        .thenRefuses(BankAccountClosed);
    });

    it('gives a refused transfer back to the source, even if it was closed in the meantime', () => {
      account
        .given(opened, closed)
        .when((s) => reverseTransferDebit(s, { transactionId: 'r', amount: '25.00', description: 'Reversal', transferId, reverses: 'd' }, now))
        .then(recorded({ transactionId: 'r', type: 'TRANSFER', direction: 'IN', amount: eur(2500), description: 'Reversal', balanceAfter: eur(2500), transferId, reverses: 'd' }));
    });
  });

  describe('interest', () => {
    const period = { from: '2026-01-01', to: '2026-02-01' };

    it('records INTEREST for its period and remembers until when interest is paid', () => {
      const state = account
        .given(opened, deposited(100000, 100000))
        .when((s) => creditInterest(s, { transactionId: 'i', amount: '4.25', description: 'Interest', period }, limits, now))
        .then(recorded({ transactionId: 'i', type: 'INTEREST', direction: 'IN', amount: eur(425), description: 'Interest', balanceAfter: eur(100425), interestPeriod: period }));
      expect(state).toMatchObject({ interestPaidUntil: '2026-02-01' });
    });

    it('refuses a period overlapping one already paid, and accepts the next one', () => {
      const paid = recorded({ transactionId: 'i', type: 'INTEREST', direction: 'IN', amount: eur(1), description: '', balanceAfter: eur(1), interestPeriod: period });
      account
        .given(opened, paid)
        .when((s) => creditInterest(s, { transactionId: 'j', amount: '1', description: '', period: { from: '2026-01-31', to: '2026-03-01' } }, limits, now))
        .thenRefuses(InterestPeriodAlreadyPaid);
      account
        .given(opened, paid)
        .when((s) => creditInterest(s, { transactionId: 'j', amount: '0.01', description: '', period: { from: '2026-02-01', to: '2026-03-01' } }, limits, now))
        .then(
          recorded({ transactionId: 'j', type: 'INTEREST', direction: 'IN', amount: eur(1), description: '', balanceAfter: eur(2), interestPeriod: { from: '2026-02-01', to: '2026-03-01' } }),
        );
    });
  });
});
