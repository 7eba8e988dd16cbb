import { CurrencyMismatch, Money, type AggregateDefinition } from '@openbank/shared-kernel';
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
  type TransferEvent,
  type TransferInitiated,
} from './transfer.events.js';

/**
 * initiated → source debited → target credited → completed, or
 * initiated → failed (the debit was refused), or
 * initiated → source debited → credit refused → debit reversed → failed (compensated).
 */
export type TransferStatus = 'INITIATED' | 'SOURCE_DEBITED' | 'CREDIT_REFUSED' | 'COMPLETED' | 'FAILED';

export interface TransferState {
  readonly id: string;
  readonly status?: TransferStatus;
  readonly details?: TransferInitiated;
  readonly debitTransactionId?: string;
  readonly creditTransactionId?: string;
  readonly reversalTransactionId?: string;
  readonly failure?: { readonly code: string; readonly reason: string; readonly compensated: boolean };
}

export type InitiatedTransfer = TransferState & { readonly status: TransferStatus; readonly details: TransferInitiated };

export const Transfer: AggregateDefinition<TransferState, TransferEvent> = {
  type: 'Transfer',
  category: 'transfer',
  events: [
    TransferInitiatedDomainEventV1,
    TransferSourceDebitedDomainEventV1,
    TransferTargetCreditedDomainEventV1,
    TransferCreditRefusedDomainEventV1,
    TransferDebitReversedDomainEventV1,
    TransferCompletedDomainEventV1,
    TransferFailedDomainEventV1,
  ],
  initialState: (id) => ({ id }),
  evolve(state, event) {
    switch (event.type) {
      case 'TransferInitiatedDomainEventV1':
        return { ...state, status: 'INITIATED', details: event.data };
      case 'TransferSourceDebitedDomainEventV1':
        return { ...state, status: 'SOURCE_DEBITED', debitTransactionId: event.data.transactionId };
      case 'TransferTargetCreditedDomainEventV1':
        return { ...state, creditTransactionId: event.data.transactionId };
      case 'TransferCreditRefusedDomainEventV1':
        return { ...state, status: 'CREDIT_REFUSED', failure: { code: event.data.code, reason: event.data.reason, compensated: false } };
      case 'TransferDebitReversedDomainEventV1':
        return { ...state, reversalTransactionId: event.data.transactionId };
      case 'TransferCompletedDomainEventV1':
        return { ...state, status: 'COMPLETED' };
      case 'TransferFailedDomainEventV1':
        return { ...state, status: 'FAILED', failure: { code: event.data.code, reason: event.data.reason, compensated: event.data.compensated } };
    }
  },
  snapshot: { schemaVersion: 1, encode: (state) => state, decode: (encoded) => encoded as TransferState },
};

export function isSettled(state: TransferState): boolean {
  return state.status === 'COMPLETED' || state.status === 'FAILED';
}

export interface TransferParty {
  readonly id: string;
  readonly currency: string;
  readonly status: 'ACTIVE' | 'CLOSED';
  /** Balance plus overdraft limit, as decimal text. */
  readonly available: string;
  /** Money out of the account in the last 24 hours (decimal text) and how many times in the last hour. */
  readonly outgoing: { readonly lastDay: string; readonly lastHour: number };
}

/** The velocity limits of the source account (see the accounts' own rule, checked again at the debit). */
export interface TransferVelocity {
  readonly maxOutgoingPerDay: string;
  readonly maxOutgoingPerHour: number;
}

/** The two accounts as the write model has them when the transfer is asked for. */
export interface TransferParties {
  readonly source: TransferParty;
  readonly target: TransferParty;
}

export interface InitiateTransfer {
  readonly amount: string;
  readonly description: string;
  /** The largest single amount accepted (configuration), in the transfer currency. */
  readonly maximum: string;
  readonly velocity: TransferVelocity;
  readonly parties: TransferParties;
}

/**
 * Refused up front for the same account, a closed account, a currency mismatch, or an amount
 * beyond what the source has available. The accounts check their own rules again when each leg
 * is recorded: what was true here may have changed by then, and the process handles that.
 */
export function initiateTransfer(state: TransferState, command: InitiateTransfer, now: Date): TransferEvent[] {
  if (state.status) throw new TransferAlreadyInitiated(`transfer ${state.id} already exists`, { transferId: state.id });
  const { source, target } = command.parties;
  if (source.id === target.id) throw new SameAccountTransfer('a transfer needs two different accounts', { accountId: source.id });
  for (const party of [source, target]) {
    if (party.status === 'CLOSED') throw new TransferAccountClosed(`bank account ${party.id} is closed`, { accountId: party.id });
  }
  if (source.currency !== target.currency) {
    throw new CurrencyMismatch(`the source account holds ${source.currency} and the target ${target.currency}`, {
      currencies: [source.currency, target.currency],
    });
  }
  const amount = Money.parse(command.amount, source.currency);
  if (!amount.isPositive()) throw new TransferAmountNotPositive(`an amount must be greater than zero (${amount})`);
  if (amount.isGreaterThan(Money.parse(command.maximum, source.currency))) {
    throw new TransferAmountAboveMaximum(`${amount} is above the maximum of ${command.maximum} for one transaction`);
  }
  const available = Money.parse(source.available, source.currency);
  if (amount.isGreaterThan(available)) {
    throw new InsufficientFundsForTransfer(`${amount} is more than the available ${available} on the source account`, {
      accountId: source.id,
      available: available.toDecimalString(),
    });
  }
  const outToday = Money.parse(source.outgoing.lastDay, source.currency);
  if (source.outgoing.lastHour >= command.velocity.maxOutgoingPerHour || outToday.plus(amount).isGreaterThan(Money.parse(command.velocity.maxOutgoingPerDay, source.currency))) {
    throw new TransferVelocityLimitExceeded('the source account has reached its limit of money going out', { accountId: source.id });
  }
  return [
    new TransferInitiatedDomainEventV1({
      transferId: state.id,
      fromAccountId: source.id,
      toAccountId: target.id,
      amount: amount.toJSON(),
      description: command.description.trim(),
      initiatedAt: now.toISOString(),
    }),
  ];
}

export function recordSourceDebited(state: TransferState, transactionId: string): TransferEvent[] {
  const transfer = expectStatus(state, 'INITIATED', ['SOURCE_DEBITED', 'CREDIT_REFUSED', 'COMPLETED', 'FAILED']);
  return transfer ? [new TransferSourceDebitedDomainEventV1({ transferId: state.id, transactionId })] : [];
}

/** The source refused its debit: nothing moved, the transfer fails without compensation. */
export function recordDebitRefused(state: TransferState, code: string, reason: string, now: Date): TransferEvent[] {
  const transfer = expectStatus(state, 'INITIATED', ['FAILED']);
  return transfer ? [new TransferFailedDomainEventV1({ transferId: state.id, code, reason, compensated: false, failedAt: now.toISOString() })] : [];
}

export function recordTargetCredited(state: TransferState, transactionId: string, now: Date): TransferEvent[] {
  const transfer = expectStatus(state, 'SOURCE_DEBITED', ['COMPLETED']);
  if (!transfer) return [];
  return [
    new TransferTargetCreditedDomainEventV1({ transferId: state.id, transactionId }),
    new TransferCompletedDomainEventV1({ transferId: state.id, completedAt: now.toISOString() }),
  ];
}

/** The target refused its credit: the source's debit must be given back. */
export function recordCreditRefused(state: TransferState, code: string, reason: string): TransferEvent[] {
  const transfer = expectStatus(state, 'SOURCE_DEBITED', ['CREDIT_REFUSED', 'FAILED']);
  return transfer ? [new TransferCreditRefusedDomainEventV1({ transferId: state.id, code, reason })] : [];
}

export function recordDebitReversed(state: TransferState, transactionId: string, now: Date): TransferEvent[] {
  const transfer = expectStatus(state, 'CREDIT_REFUSED', ['FAILED']);
  if (!transfer) return [];
  const failure = transfer.failure!;
  return [
    new TransferDebitReversedDomainEventV1({ transferId: state.id, transactionId }),
    new TransferFailedDomainEventV1({ transferId: state.id, code: failure.code, reason: failure.reason, compensated: true, failedAt: now.toISOString() }),
  ];
}

/**
 * Each step may be delivered more than once (the process resumes from a checkpoint after a
 * crash): a step already taken records nothing; a step that does not fit the status is refused.
 */
function expectStatus(state: TransferState, expected: TransferStatus, alreadyPast: TransferStatus[]): InitiatedTransfer | undefined {
  if (!state.status) throw new TransferNotFound(`transfer ${state.id} does not exist`, { transferId: state.id });
  if (state.status === expected) return state as InitiatedTransfer;
  if (alreadyPast.includes(state.status)) return undefined;
  throw new TransferStepOutOfOrder(`transfer ${state.id} is ${state.status}, not ${expected}`, { transferId: state.id });
}
