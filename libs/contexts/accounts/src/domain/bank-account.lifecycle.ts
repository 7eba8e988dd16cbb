import { Money } from '@openbank/shared-kernel';
import { assertActive, BankAccount, type BankAccountState } from './bank-account.js';
import { BalanceNotZero, BankAccountAlreadyExists, InvalidCloseReason, NegativeOverdraftLimit, OverdraftLimitBelowUsage } from './bank-account.errors.js';
import {
  BankAccountClosedDomainEventV1,
  BankAccountCreatedDomainEventV2,
  OverdraftLimitChangedDomainEventV1,
  type AccountType,
  type BankAccountEvent,
} from './bank-account.events.js';
import { deposit, type Movement } from './bank-account.money.js';
import type { MoneyLimits } from './money-limits.js';

export interface OpenBankAccount {
  readonly ownerId: string;
  /** ISO 4217 code. */
  readonly currency: string;
  /** Decimal amount in that currency, e.g. "500.00". */
  readonly overdraftLimit: string;
  /** CHECKING when not given. */
  readonly accountType?: AccountType;
  /** Money the account is opened with: a deposit like any other, recorded with the opening. */
  readonly initialDeposit?: Movement;
}

/**
 * Opens the account; with an initial deposit, also records that deposit as the account's first
 * transaction, held to the same rules as any deposit (positive, within the per-transaction
 * maximum). Both events are appended together: the account never exists without its opening money.
 */
export function openBankAccount(state: BankAccountState, command: OpenBankAccount, limits: MoneyLimits, now: Date): BankAccountEvent[] {
  if (state.status !== 'UNOPENED') throw new BankAccountAlreadyExists(`bank account ${state.id} already exists`, { accountId: state.id });
  const overdraftLimit = Money.parse(command.overdraftLimit, command.currency);
  assertNotNegative(overdraftLimit);
  const created = new BankAccountCreatedDomainEventV2({
    accountId: state.id,
    ownerId: command.ownerId,
    currency: overdraftLimit.currency.code,
    overdraftLimit: overdraftLimit.toJSON(),
    accountType: command.accountType ?? 'CHECKING',
    openedAt: now.toISOString(),
  });
  if (!command.initialDeposit) return [created];
  return [created, ...deposit(BankAccount.evolve(state, created), command.initialDeposit, limits, now)];
}

/**
 * A lower limit is refused when the balance is already below it: the account would be over its
 * limit the moment the change lands.
 */
export function changeOverdraftLimit(state: BankAccountState, requestedLimit: string): BankAccountEvent[] {
  assertActive(state);
  const newLimit = Money.parse(requestedLimit, state.currency);
  assertNotNegative(newLimit);
  if (newLimit.equals(state.overdraftLimit)) return [];
  if (state.balance.plus(newLimit).isNegative()) {
    throw new OverdraftLimitBelowUsage(`the balance ${state.balance} is below the requested overdraft limit of ${newLimit}`, { accountId: state.id });
  }
  return [new OverdraftLimitChangedDomainEventV1({ accountId: state.id, previousLimit: state.overdraftLimit.toJSON(), newLimit: newLimit.toJSON() })];
}

export function closeBankAccount(state: BankAccountState, reason: string, now: Date): BankAccountEvent[] {
  assertActive(state);
  const trimmed = reason.trim();
  if (!trimmed) throw new InvalidCloseReason('a reason is required to close an account');
  if (!state.balance.isZero()) {
    throw new BalanceNotZero(`the balance is ${state.balance}; only an account with a zero balance can be closed`, { accountId: state.id });
  }
  return [new BankAccountClosedDomainEventV1({ accountId: state.id, reason: trimmed, finalBalance: state.balance.toJSON(), closedAt: now.toISOString() })];
}

function assertNotNegative(limit: Money): void {
  if (limit.isNegative()) throw new NegativeOverdraftLimit(`an overdraft limit cannot be negative (${limit})`);
}
