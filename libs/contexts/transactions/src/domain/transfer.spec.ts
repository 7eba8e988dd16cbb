import { CurrencyMismatch, InvalidAmount } from '@openbank/shared-kernel';
import { specFor } from '@openbank/testing';
import {
  InsufficientFundsForTransfer,
  SameAccountTransfer,
  TransferAccountClosed,
  TransferAlreadyInitiated,
  TransferAmountAboveMaximum,
  TransferAmountNotPositive,
  TransferNotFound,
  TransferStepOutOfOrder,
  TransferVelocityLimitExceeded,
} from './transfer.errors.js';
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
  type TransferParties,
} from './transfer.js';

const id = 'c0ffee00-0000-4000-8000-000000000001';
const now = new Date('2026-11-22T10:00:00Z');
const parties: TransferParties = {
  source: { id: 'source', currency: 'EUR', status: 'ACTIVE', available: '100.00', outgoing: { lastDay: '0.00', lastHour: 0 } },
  target: { id: 'target', currency: 'EUR', status: 'ACTIVE', available: '0.00', outgoing: { lastDay: '0.00', lastHour: 0 } },
};
const velocity = { maxOutgoingPerDay: '500.00', maxOutgoingPerHour: 3 };
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
  const initiate = (amount: string, changes: Partial<TransferParties> = {}) => (state: Parameters<typeof initiateTransfer>[0]) =>
    initiateTransfer(state, { amount, description: ' Rent share ', maximum: '1000.00', velocity, parties: { ...parties, ...changes } }, now);

  describe('initiating', () => {
    it('records the transfer between two accounts of one currency', () => {
      const state = transfer.given().when(initiate('25.00')).then(initiated);
      expect(state.status).toBe('INITIATED');
    });

    it('accepts exactly what the source has available', () => {
      transfer.given().when(initiate('100.00')).then(new TransferInitiatedDomainEventV1({ ...initiated.data, amount: { minor: 10000, currency: 'EUR' } }));
    });

    it('refuses the same account, a closed account and a currency mismatch', () => {
      transfer.given().when(initiate('1', { target: { ...parties.source } })).thenRefuses(SameAccountTransfer, 'SAME_ACCOUNT_TRANSFER');
      transfer.given().when(initiate('1', { target: { ...parties.target, status: 'CLOSED' } })).thenRefuses(TransferAccountClosed, 'BANK_ACCOUNT_CLOSED');
      transfer.given().when(initiate('1', { source: { ...parties.source, status: 'CLOSED' } })).thenRefuses(TransferAccountClosed);
      transfer.given().when(initiate('1', { target: { ...parties.target, currency: 'USD' } })).thenRefuses(CurrencyMismatch, 'CURRENCY_MISMATCH');
    });

    it('refuses more than the source has available, zero, too much precision and more than the maximum', () => {
      transfer.given().when(initiate('100.01')).thenRefuses(InsufficientFundsForTransfer, 'INSUFFICIENT_FUNDS');
      transfer.given().when(initiate('0')).thenRefuses(TransferAmountNotPositive);
      transfer.given().when(initiate('1.001')).thenRefuses(InvalidAmount);
      const rich = { source: { ...parties.source, available: '5000.00' } };
      transfer.given().when(initiate('1000.01', rich)).thenRefuses(TransferAmountAboveMaximum);
    });

    it('refuses when the source has reached its velocity limits', () => {
      const busy = (outgoing: { lastDay: string; lastHour: number }) => ({ source: { ...parties.source, outgoing } });
      transfer.given().when(initiate('10.00', busy({ lastDay: '0.00', lastHour: 3 }))).thenRefuses(TransferVelocityLimitExceeded, 'VELOCITY_LIMIT_EXCEEDED');
      transfer.given().when(initiate('10.00', busy({ lastDay: '490.01', lastHour: 0 }))).thenRefuses(TransferVelocityLimitExceeded);
      transfer.given().when(initiate('10.00', busy({ lastDay: '490.00', lastHour: 2 }))).then(new TransferInitiatedDomainEventV1({ ...initiated.data, amount: { minor: 1000, currency: 'EUR' } }));
    });

    it('cannot be initiated twice', () => {
      transfer.given(initiated).when(initiate('25.00')).thenRefuses(TransferAlreadyInitiated);
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
