import { CurrencyMismatch, Money, type AggregateDefinition } from '@openbank/shared-kernel';
import type { AccountHolderState } from './account-holder.js';
import type { AccountHolderEvent } from './account-holder.events.js';
import { assertActive, type BankAccountState } from './bank-account.js';
import type { BankAccountEvent } from './bank-account.events.js';
import { creditForTransfer, debitForTransfer } from './bank-account.money.js';
import type { MoneyLimits } from './money-limits.js';
import { moneyMayLeave } from './outgoing-money.policy.js';
import { SameAccountTransfer, TransferAlreadyInitiated, TransferNotFound, TransferStepOutOfOrder } from './transfer.errors.js';
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

/** What a transfer is asked to do. The amount is decimal text in the currency of both accounts. */
export interface TransferRequest {
  readonly fromAccountId: string;
  readonly toAccountId: string;
  readonly amount: string;
  readonly description: string;
}

/**
 * The transfer's own record of being asked for, refused up front for the same account, a closed
 * account, a currency mismatch, or money the source may not let go (the outgoing-money policy).
 * Whether it then moves at once or step by step, every leg is checked again by the same rules.
 */
export function initiateTransfer(
  transfer: TransferState,
  accounts: { source: BankAccountState; target: BankAccountState; sourceHolder: AccountHolderState },
  request: TransferRequest,
  limits: MoneyLimits,
  now: Date,
): TransferEvent[] {
  if (transfer.status) throw new TransferAlreadyInitiated(`transfer ${transfer.id} already exists`, { transferId: transfer.id });
  if (request.fromAccountId === request.toAccountId) throw new SameAccountTransfer('a transfer needs two different accounts', { accountId: request.fromAccountId });
  const { source, target, sourceHolder } = accounts;
  assertActive(source);
  assertActive(target);
  if (source.currency.code !== target.currency.code) {
    throw new CurrencyMismatch(`the source account holds ${source.currency.code} and the target ${target.currency.code}`, { currencies: [source.currency.code, target.currency.code] });
  }
  const amount = moneyMayLeave(source, sourceHolder, request.amount, limits, now);
  return [
    new TransferInitiatedDomainEventV1({
      transferId: transfer.id,
      fromAccountId: source.id,
      toAccountId: target.id,
      amount: amount.toJSON(),
      description: request.description.trim(),
      initiatedAt: now.toISOString(),
    }),
  ];
}

/** Everything a transfer records, on its three streams and the source's holder, when it moves in one atomic append. */
export interface TransferAtOnce {
  readonly transfer: TransferEvent[];
  readonly source: BankAccountEvent[];
  readonly target: BankAccountEvent[];
  readonly sourceHolder: AccountHolderEvent[];
}

/**
 * A transfer decided and carried out at once: the same events as the step-by-step process
 * records (initiated, source debited, target credited, completed), with both legs decided by
 * the accounts' own rules, so the read models and the ledger cannot tell the two apart.
 */
export function transferAtOnce(
  transfer: TransferState,
  accounts: { source: BankAccountState; target: BankAccountState; sourceHolder: AccountHolderState },
  request: TransferRequest,
  transactionIds: { debit: string; credit: string },
  limits: MoneyLimits,
  now: Date,
): TransferAtOnce {
  const initiated = initiateTransfer(transfer, accounts, request, limits, now);
  const details = (initiated[0] as TransferInitiatedDomainEventV1).data;
  const amount = Money.fromJSON(details.amount).toDecimalString();
  const movement = { amount, description: details.description, transferId: transfer.id };
  const debit = debitForTransfer(accounts.source, accounts.sourceHolder, { ...movement, transactionId: transactionIds.debit, toAccountId: details.toAccountId }, limits, now);
  const credit = creditForTransfer(accounts.target, { ...movement, transactionId: transactionIds.credit, fromAccountId: details.fromAccountId, currency: details.amount.currency }, limits, now);
  const initiatedState = Transfer.evolve(transfer, initiated[0]);
  const debited = recordSourceDebited(initiatedState, transactionIds.debit);
  const settled = recordTargetCredited(Transfer.evolve(initiatedState, debited[0]), transactionIds.credit, now);
  return { transfer: [...initiated, ...debited, ...settled], source: debit.account, target: credit, sourceHolder: debit.holder };
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
