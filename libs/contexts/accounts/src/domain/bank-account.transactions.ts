import { Money } from '@openbank/shared-kernel';
import { assertWithinVelocity, type VelocityLimits } from './velocity.js';
import { assertActive, assertOpened, availableBalance, type BankAccountState, type OpenedBankAccount } from './bank-account.js';
import {
  AmountAboveMaximum,
  AmountNotPositive,
  InsufficientFunds,
  InterestPeriodAlreadyPaid,
  InvalidDescription,
} from './bank-account.errors.js';
import {
  BankAccountTransactionRecordedDomainEventV1,
  type AccountTransaction,
  type BankAccountEvent,
  type InterestPeriod,
  type TransactionDirection,
  type TransactionType,
} from './bank-account.events.js';

/** What every money movement carries. Amounts are decimal text in the account's currency. */
export interface MoneyMovement {
  readonly transactionId: string;
  readonly amount: string;
  readonly description: string;
  /** The largest single amount accepted (configuration), in the account's currency. */
  readonly maximum: string;
}

/** Money going out: held to the velocity limits as well. */
export interface OutgoingMovement extends MoneyMovement {
  readonly velocity: VelocityLimits;
}

export interface TransferDebit extends OutgoingMovement {
  readonly transferId: string;
  readonly toAccountId: string;
}

export interface TransferCredit extends MoneyMovement {
  readonly transferId: string;
  readonly fromAccountId: string;
  /** The currency the transfer was made in; it must be this account's. */
  readonly currency: string;
}

export interface TransferReversal extends MoneyMovement {
  readonly transferId: string;
  readonly reverses: string;
}

export interface InterestCredit extends MoneyMovement {
  readonly period: InterestPeriod;
}

const maxDescriptionLength = 500;

export function deposit(state: BankAccountState, movement: MoneyMovement, now: Date): BankAccountEvent[] {
  assertActive(state);
  return [record(state, 'DEPOSIT', 'IN', amountOf(state, movement), movement, now)];
}

/** Refused when the amount is more than the balance plus the overdraft limit, or beyond the velocity limits. */
export function withdraw(state: BankAccountState, movement: OutgoingMovement, now: Date): BankAccountEvent[] {
  assertActive(state);
  const amount = amountOf(state, movement);
  assertAvailable(state, amount);
  assertWithinVelocity(state.recentOutgoing, amount, movement.velocity, now);
  return [record(state, 'WITHDRAWAL', 'OUT', amount, movement, now)];
}

export function debitForTransfer(state: BankAccountState, debit: TransferDebit, now: Date): BankAccountEvent[] {
  assertActive(state);
  const amount = amountOf(state, debit);
  assertAvailable(state, amount);
  assertWithinVelocity(state.recentOutgoing, amount, debit.velocity, now);
  return [record(state, 'TRANSFER', 'OUT', amount, debit, now, { transferId: debit.transferId, counterpartyAccountId: debit.toAccountId })];
}

export function creditForTransfer(state: BankAccountState, credit: TransferCredit, now: Date): BankAccountEvent[] {
  assertActive(state);
  const amount = Money.parse(credit.amount, credit.currency);
  // Comparing with the balance raises CurrencyMismatch when the currencies differ.
  state.balance.compare(amount);
  assertPositiveAndBelow(state, amount, credit.maximum);
  return [record(state, 'TRANSFER', 'IN', amount, credit, now, { transferId: credit.transferId, counterpartyAccountId: credit.fromAccountId })];
}

/**
 * Gives a transfer's debit back when its credit was refused. Accepted even on an account closed in
 * the meantime: the money belongs to its owner, and a closed account must not swallow it.
 */
export function reverseTransferDebit(state: BankAccountState, reversal: TransferReversal, now: Date): BankAccountEvent[] {
  assertOpened(state);
  const amount = amountOf(state, reversal);
  return [record(state, 'TRANSFER', 'IN', amount, reversal, now, { transferId: reversal.transferId, reverses: reversal.reverses })];
}

/**
 * Interest is paid period after period: a period starts where the last one paid ended, or later.
 * Keeping only that watermark in the state is what guarantees no day is ever paid twice.
 */
export function creditInterest(state: BankAccountState, interest: InterestCredit, now: Date): BankAccountEvent[] {
  assertActive(state);
  if (state.interestPaidUntil && interest.period.from < state.interestPaidUntil) {
    throw new InterestPeriodAlreadyPaid(`interest is paid until ${state.interestPaidUntil}; the next period starts on that day or later, not on ${interest.period.from}`, {
      accountId: state.id,
    });
  }
  return [record(state, 'INTEREST', 'IN', amountOf(state, interest), interest, now, { interestPeriod: interest.period })];
}

function amountOf(account: OpenedBankAccount, movement: MoneyMovement): Money {
  const amount = Money.parse(movement.amount, account.currency);
  assertPositiveAndBelow(account, amount, movement.maximum);
  return amount;
}

function assertPositiveAndBelow(account: OpenedBankAccount, amount: Money, maximum: string): void {
  if (!amount.isPositive()) throw new AmountNotPositive(`an amount must be greater than zero (${amount})`);
  const limit = Money.parse(maximum, account.currency);
  if (amount.isGreaterThan(limit)) throw new AmountAboveMaximum(`${amount} is above the maximum of ${limit} for one transaction`, { maximum: limit.toDecimalString() });
}

function assertAvailable(account: OpenedBankAccount, amount: Money): void {
  const available = availableBalance(account);
  if (amount.isGreaterThan(available)) {
    throw new InsufficientFunds(`${amount} is more than the available ${available} (balance plus overdraft limit)`, {
      accountId: account.id,
      available: available.toDecimalString(),
    });
  }
}

function record(
  account: OpenedBankAccount,
  type: TransactionType,
  direction: TransactionDirection,
  amount: Money,
  movement: MoneyMovement,
  now: Date,
  extra: Partial<AccountTransaction> = {},
): BankAccountTransactionRecordedDomainEventV1 {
  const description = movement.description.trim();
  if (description.length > maxDescriptionLength) throw new InvalidDescription(`a description has at most ${maxDescriptionLength} characters`);
  const balanceAfter = direction === 'IN' ? account.balance.plus(amount) : account.balance.minus(amount);
  return new BankAccountTransactionRecordedDomainEventV1({
    accountId: account.id,
    transaction: {
      transactionId: movement.transactionId,
      type,
      direction,
      amount: amount.toJSON(),
      description,
      balanceAfter: balanceAfter.toJSON(),
      at: now.toISOString(),
      ...extra,
    },
  });
}
