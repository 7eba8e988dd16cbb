import { CurrencyMismatch, Money } from '@openbank/shared-kernel';
import { recordMoneyOut, type AccountHolderState } from './account-holder.js';
import type { AccountHolderEvent } from './account-holder.events.js';
import { assertActive, assertOpened, type BankAccountState, type OpenedBankAccount } from './bank-account.js';
import { InterestPeriodAlreadyPaid, InvalidDescription } from './bank-account.errors.js';
import {
  BankAccountTransactionRecordedDomainEventV1,
  type AccountTransaction,
  type BankAccountEvent,
  type InterestPeriod,
  type TransactionDirection,
  type TransactionType,
} from './bank-account.events.js';
import type { MoneyLimits } from './money-limits.js';
import { moneyMayComeIn, moneyMayLeave } from './outgoing-money.policy.js';

/** What every money movement carries. The amount is decimal text in the account's currency. */
export interface Movement {
  readonly transactionId: string;
  readonly amount: string;
  readonly description: string;
}

export interface TransferDebit extends Movement {
  readonly transferId: string;
  readonly toAccountId: string;
}

export interface TransferCredit extends Movement {
  readonly transferId: string;
  readonly fromAccountId: string;
  /** The currency the transfer was made in; it must be this account's. */
  readonly currency: string;
}

export interface TransferReversal extends Movement {
  readonly transferId: string;
  /** The debit this gives back. */
  readonly reverses: string;
}

export interface InterestCredit extends Movement {
  readonly period: InterestPeriod;
}

/** Money going out is recorded on the account and on its holder, whose limits span all their accounts. */
export interface OutgoingEvents {
  readonly account: BankAccountEvent[];
  readonly holder: AccountHolderEvent[];
}

const maxDescriptionLength = 500;

export function deposit(account: BankAccountState, movement: Movement, limits: MoneyLimits, now: Date): BankAccountEvent[] {
  const amount = moneyMayComeIn(account, movement.amount, limits);
  return [record(account as OpenedBankAccount, 'DEPOSIT', 'IN', amount, movement, now)];
}

export function withdraw(account: BankAccountState, holder: AccountHolderState, movement: Movement, limits: MoneyLimits, now: Date): OutgoingEvents {
  const amount = moneyMayLeave(account, holder, movement.amount, limits, now, movement.transactionId);
  return goingOut(account as OpenedBankAccount, holder, record(account as OpenedBankAccount, 'WITHDRAWAL', 'OUT', amount, movement, now), now);
}

export function debitForTransfer(account: BankAccountState, holder: AccountHolderState, debit: TransferDebit, limits: MoneyLimits, now: Date): OutgoingEvents {
  const amount = moneyMayLeave(account, holder, debit.amount, limits, now, debit.transactionId);
  const recorded = record(account as OpenedBankAccount, 'TRANSFER', 'OUT', amount, debit, now, { transferId: debit.transferId, counterpartyAccountId: debit.toAccountId });
  return goingOut(account as OpenedBankAccount, holder, recorded, now);
}

export function creditForTransfer(account: BankAccountState, credit: TransferCredit, limits: MoneyLimits, now: Date): BankAccountEvent[] {
  assertActive(account);
  if (credit.currency !== account.currency.code) {
    throw new CurrencyMismatch(`the transfer is in ${credit.currency} and account ${account.id} holds ${account.currency.code}`, { currencies: [credit.currency, account.currency.code] });
  }
  const amount = moneyMayComeIn(account, credit.amount, limits);
  return [record(account as OpenedBankAccount, 'TRANSFER', 'IN', amount, credit, now, { transferId: credit.transferId, counterpartyAccountId: credit.fromAccountId })];
}

/**
 * Gives a transfer's debit back when its credit was refused. Accepted on an account closed in the
 * meantime and whatever the per-transaction maximum: the money belongs to its owner, and an
 * amount that was allowed out must be allowed back.
 */
export function reverseTransferDebit(account: BankAccountState, reversal: TransferReversal, now: Date): BankAccountEvent[] {
  assertOpened(account);
  const amount = Money.parse(reversal.amount, account.currency);
  return [record(account, 'TRANSFER', 'IN', amount, reversal, now, { transferId: reversal.transferId, reverses: reversal.reverses })];
}

/**
 * Interest is paid period after period: a period starts where the last one paid ended, or later.
 * Keeping only that watermark in the state is what guarantees no day is ever paid twice.
 */
export function creditInterest(account: BankAccountState, interest: InterestCredit, limits: MoneyLimits, now: Date): BankAccountEvent[] {
  const amount = moneyMayComeIn(account, interest.amount, limits);
  const active = account as OpenedBankAccount;
  if (active.interestPaidUntil && interest.period.from < active.interestPaidUntil) {
    throw new InterestPeriodAlreadyPaid(`interest is paid until ${active.interestPaidUntil}; the next period starts on that day or later, not on ${interest.period.from}`, {
      accountId: active.id,
    });
  }
  return [record(active, 'INTEREST', 'IN', amount, interest, now, { interestPeriod: interest.period })];
}

function goingOut(account: OpenedBankAccount, holder: AccountHolderState, recorded: BankAccountTransactionRecordedDomainEventV1, now: Date): OutgoingEvents {
  const { transactionId, amount } = recorded.data.transaction;
  return { account: [recorded], holder: recordMoneyOut(holder, { accountId: account.id, transactionId, amount: Money.fromJSON(amount) }, now) };
}

function record(
  account: OpenedBankAccount,
  type: TransactionType,
  direction: TransactionDirection,
  amount: Money,
  movement: Movement,
  now: Date,
  extra: Partial<AccountTransaction> = {},
): BankAccountTransactionRecordedDomainEventV1 {
  const description = movement.description.trim();
  if (description.length > maxDescriptionLength) throw new InvalidDescription(`a description has at most ${maxDescriptionLength} characters`);
  const balanceAfter = direction === 'IN' ? account.balance.plus(amount) : account.balance.minus(amount);
  return new BankAccountTransactionRecordedDomainEventV1({
    accountId: account.id,
    transaction: { transactionId: movement.transactionId, type, direction, amount: amount.toJSON(), description, balanceAfter: balanceAfter.toJSON(), at: now.toISOString(), ...extra },
  });
}
