import { CurrencyMismatch, InvalidAmount } from '@openbank/shared-kernel';
import { specFor } from '@openbank/testing';
import { AccountHolder } from './account-holder.js';
import { AccountHolderMoneyWentOutDomainEventV1 } from './account-holder.events.js';
import { BankAccount, type BankAccountState } from './bank-account.js';
import { AmountAboveMaximum, AmountNotPositive, BankAccountClosed, BankAccountNotFound, InsufficientFunds } from './bank-account.errors.js';
import { BankAccountClosedDomainEventV1, BankAccountCreatedDomainEventV2, BankAccountTransactionRecordedDomainEventV1 } from './bank-account.events.js';
import type { MoneyLimits } from './money-limits.js';
import { VelocityLimitExceeded } from './outgoing-money.policy.js';
import { SameAccountTransfer, TransferAlreadyInitiated, TransferNotFound, TransferStepOutOfOrder } from './transfer.errors.js';
import {
  TransferCompletedDomainEventV1,
  TransferCreditRefusedDomainEventV1,
  TransferDebitReversedDomainEventV1,
  TransferFailedDomainEventV1,
  TransferInitiatedDomainEventV1,
  TransferSourceDebitedDomainEventV1,
  TransferTargetCreditedDomainEventV1,
} from './transfer.events.js';
import {
  Transfer,
  initiateTransfer,
  isSettled,
  recordCreditRefused,
  recordDebitRefused,
  recordDebitReversed,
  recordSourceDebited,
  recordTargetCredited,
  transferAtOnce,
  type TransferRequest,
} from './transfer.js';

const id = 'c0ffee00-0000-4000-8000-000000000001';
const now = new Date('2026-11-22T10:00:00Z');
const holderId = '1a2b3c4d-0000-4000-8000-000000000003';
const eur = (minor: number) => ({ minor, currency: 'EUR' });
const limits: MoneyLimits = { maximumAmount: '1000.00', maxOutgoingPerDay: '500.00', maxOutgoingPerHour: 3 };

/** An account of `currency` opened with `balance` on it (minor units) and no overdraft. */
function accountWith(accountId: string, balance: number, currency = 'EUR'): BankAccountState {
  const opened = new BankAccountCreatedDomainEventV2({ accountId, ownerId: holderId, currency, overdraftLimit: { minor: 0, currency }, accountType: 'CHECKING', openedAt: '2026-01-01T00:00:00.000Z' });
  const funded = new BankAccountTransactionRecordedDomainEventV1({
    accountId,
    transaction: { transactionId: `f-${accountId}`, type: 'DEPOSIT', direction: 'IN', amount: { minor: balance, currency }, description: '', balanceAfter: { minor: balance, currency }, at: '2026-01-01T00:00:00.000Z' },
  });
  return [opened, ...(balance > 0 ? [funded] : [])].reduce(BankAccount.evolve, BankAccount.initialState(accountId));
}

const closedAccount = (accountId: string) =>
  BankAccount.evolve(accountWith(accountId, 0), new BankAccountClosedDomainEventV1({ accountId, reason: 'x', finalBalance: eur(0), closedAt: '2026-02-01T00:00:00.000Z' }));
const parties = { source: accountWith('source', 10000), target: accountWith('target', 0), sourceHolder: AccountHolder.initialState(holderId) };
const request = (amount: string): TransferRequest => ({ fromAccountId: 'source', toAccountId: 'target', amount, description: ' Rent share ' });
const initiated = new TransferInitiatedDomainEventV1({
  transferId: id,
  fromAccountId: 'source',
  toAccountId: 'target',
  amount: { minor: 2500, currency: 'EUR' },
  description: 'Rent share',
  initiatedAt: now.toISOString(),
});
const debited = new TransferSourceDebitedDomainEventV1({ transferId: id, transactionId: 'debit' });
const creditRefused = new TransferCreditRefusedDomainEventV1({ transferId: id, code: 'BANK_ACCOUNT_CLOSED', reason: 'bank account target is closed' });

describe('Transfer', () => {
  const transfer = specFor(Transfer, id);
  const initiate = (amount: string, changes: Partial<typeof parties> = {}, asked: Partial<TransferRequest> = {}) => (state: Parameters<typeof initiateTransfer>[0]) =>
    initiateTransfer(state, { ...parties, ...changes }, { ...request(amount), ...asked }, limits, now);

  describe('initiating', () => {
    it('records the transfer between two accounts of one currency', () => {
      const state = transfer.given().when(initiate('25.00')).then(initiated);
      expect(state.status).toBe('INITIATED');
    });

    it('accepts exactly what the source has available', () => {
      transfer.given().when(initiate('100.00')).then(new TransferInitiatedDomainEventV1({ ...initiated.data, amount: { minor: 10000, currency: 'EUR' } }));
    });

    it('refuses the same account, an unknown or closed account and a currency mismatch, by the accounts’ own rules', () => {
      transfer.given().when(initiate('1', { target: parties.source }, { toAccountId: 'source' })).thenRefuses(SameAccountTransfer, 'SAME_ACCOUNT_TRANSFER');
      transfer.given().when(initiate('1', { target: closedAccount('target') })).thenRefuses(BankAccountClosed, 'BANK_ACCOUNT_CLOSED');
      transfer.given().when(initiate('1', { source: closedAccount('source') })).thenRefuses(BankAccountClosed);
      transfer.given().when(initiate('1', { target: BankAccount.initialState('target') })).thenRefuses(BankAccountNotFound);
      transfer.given().when(initiate('1', { target: accountWith('target', 0, 'USD') })).thenRefuses(CurrencyMismatch, 'CURRENCY_MISMATCH');
    });

    it('refuses what the outgoing-money policy refuses: more than available, zero, too much precision, above the maximum', () => {
      transfer.given().when(initiate('100.01')).thenRefuses(InsufficientFunds, 'INSUFFICIENT_FUNDS');
      transfer.given().when(initiate('0')).thenRefuses(AmountNotPositive);
      transfer.given().when(initiate('1.001')).thenRefuses(InvalidAmount);
      transfer.given().when(initiate('1000.01', { source: accountWith('source', 500000) })).thenRefuses(AmountAboveMaximum);
    });

    it('refuses when the source’s holder has reached the velocity limits', () => {
      const busy = [0, 1, 2]
        .map((n) => new AccountHolderMoneyWentOutDomainEventV1({ holderId, accountId: 'elsewhere', transactionId: `t${n}`, amount: eur(100), at: now.toISOString() }))
        .reduce(AccountHolder.evolve, AccountHolder.initialState(holderId));
      transfer.given().when(initiate('10.00', { sourceHolder: busy })).thenRefuses(VelocityLimitExceeded, 'VELOCITY_LIMIT_EXCEEDED');
    });

    it('cannot be initiated twice', () => {
      transfer.given(initiated).when(initiate('25.00')).thenRefuses(TransferAlreadyInitiated);
    });
  });

  describe('at once (one atomic append)', () => {
    it('decides every step and both legs with the accounts’ rules, and the holder’s record of the debit', () => {
      const decided = transferAtOnce(Transfer.initialState(id), parties, request('25.00'), { debit: 'debit', credit: 'credit' }, limits, now);
      expect(decided.transfer).toEqual([
        initiated,
        debited,
        new TransferTargetCreditedDomainEventV1({ transferId: id, transactionId: 'credit' }),
        new TransferCompletedDomainEventV1({ transferId: id, completedAt: now.toISOString() }),
      ]);
      expect(decided.source.map((event) => (event as BankAccountTransactionRecordedDomainEventV1).data.transaction)).toMatchObject([{ transactionId: 'debit', type: 'TRANSFER', direction: 'OUT', balanceAfter: eur(7500), transferId: id, counterpartyAccountId: 'target' }]);
      expect(decided.target.map((event) => (event as BankAccountTransactionRecordedDomainEventV1).data.transaction)).toMatchObject([{ transactionId: 'credit', type: 'TRANSFER', direction: 'IN', balanceAfter: eur(2500), transferId: id, counterpartyAccountId: 'source' }]);
      expect(decided.sourceHolder).toEqual([new AccountHolderMoneyWentOutDomainEventV1({ holderId, accountId: 'source', transactionId: 'debit', amount: eur(2500), at: now.toISOString() })]);
      expect(isSettled(decided.transfer.reduce(Transfer.evolve, Transfer.initialState(id)))).toBe(true);
    });

    it('refuses as initiating does, recording nothing anywhere', () => {
      expect(() => transferAtOnce(Transfer.initialState(id), parties, request('100.01'), { debit: 'd', credit: 'c' }, limits, now)).toThrow(InsufficientFunds);
      expect(() => transferAtOnce(Transfer.initialState(id), { ...parties, target: closedAccount('target') }, request('1.00'), { debit: 'd', credit: 'c' }, limits, now)).toThrow(BankAccountClosed);
    });
  });

  describe('the happy path', () => {
    it('goes initiated → source debited → target credited → completed', () => {
      transfer.given(initiated).when((s) => recordSourceDebited(s, 'debit')).then(debited);
      const state = transfer
        .given(initiated, debited)
        .when((s) => recordTargetCredited(s, 'credit', now))
        .then(new TransferTargetCreditedDomainEventV1({ transferId: id, transactionId: 'credit' }), new TransferCompletedDomainEventV1({ transferId: id, completedAt: now.toISOString() }));
      expect(state).toMatchObject({ status: 'COMPLETED', debitTransactionId: 'debit', creditTransactionId: 'credit' });
      expect(isSettled(state)).toBe(true);
    });
  });

  describe('failures', () => {
    it('fails without compensation when the source refuses its debit', () => {
      const state = transfer
        .given(initiated)
        .when((s) => recordDebitRefused(s, 'INSUFFICIENT_FUNDS', 'not enough', now))
        .then(new TransferFailedDomainEventV1({ transferId: id, code: 'INSUFFICIENT_FUNDS', reason: 'not enough', compensated: false, failedAt: now.toISOString() }));
      expect(state.failure).toEqual({ code: 'INSUFFICIENT_FUNDS', reason: 'not enough', compensated: false });
    });

    it('gives the debit back when the target refuses its credit, then fails compensated', () => {
      transfer.given(initiated, debited).when((s) => recordCreditRefused(s, 'BANK_ACCOUNT_CLOSED', 'bank account target is closed')).then(creditRefused);
      const state = transfer
        .given(initiated, debited, creditRefused)
        .when((s) => recordDebitReversed(s, 'reversal', now))
        .then(
          new TransferDebitReversedDomainEventV1({ transferId: id, transactionId: 'reversal' }),
          new TransferFailedDomainEventV1({ transferId: id, code: 'BANK_ACCOUNT_CLOSED', reason: 'bank account target is closed', compensated: true, failedAt: now.toISOString() }),
        );
      expect(state).toMatchObject({ status: 'FAILED', reversalTransactionId: 'reversal', failure: { compensated: true } });
    });
  });

  describe('steps delivered again (after a crash)', () => {
    it('records nothing for a step already taken', () => {
      transfer.given(initiated, debited).when((s) => recordSourceDebited(s, 'debit')).then();
      transfer.given(initiated, debited, creditRefused).when((s) => recordCreditRefused(s, 'X', 'y')).then();
      const completed = new TransferCompletedDomainEventV1({ transferId: id, completedAt: now.toISOString() });
      transfer.given(initiated, debited, completed).when((s) => recordTargetCredited(s, 'credit', now)).then();
    });

    it('refuses a step that does not fit, and any step of an unknown transfer', () => {
      transfer.given(initiated).when((s) => recordTargetCredited(s, 'credit', now)).thenRefuses(TransferStepOutOfOrder);
      transfer.given().when((s) => recordSourceDebited(s, 'debit')).thenRefuses(TransferNotFound);
    });
  });
});
