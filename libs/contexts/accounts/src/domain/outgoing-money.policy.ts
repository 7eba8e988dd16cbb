import { domainError, Money } from '@openbank/shared-kernel';
import { outgoingOf, type AccountHolderState, type OutgoingTransaction } from './account-holder.js';
import { assertActive, availableBalance, type ActiveBankAccount, type BankAccountState } from './bank-account.js';
import { AmountAboveMaximum, AmountNotPositive, InsufficientFunds } from './bank-account.errors.js';
import type { MoneyLimits } from './money-limits.js';

export class VelocityLimitExceeded extends domainError('VELOCITY_LIMIT_EXCEEDED', 'rule-violated') {}

/**
 * May this money leave this account now? The one rule for every way money goes out (withdrawals,
 * the debit of a transfer, at once or step by step): an active account, a positive amount within
 * the per-transaction maximum, within the balance plus the overdraft limit, and within the
 * holder's velocity limits across all their accounts. Answers the amount as Money, or refuses.
 * `transactionId` names the transaction the money would leave in, once it has one: the holder's
 * record of that transaction (an earlier attempt of this decision) is not held against it.
 */
export function moneyMayLeave(account: BankAccountState, holder: AccountHolderState, amount: string, limits: MoneyLimits, now: Date, transactionId?: string): Money {
  assertActive(account);
  const money = withinTransactionLimits(account, amount, limits);
  const available = availableBalance(account);
  if (money.isGreaterThan(available)) {
    throw new InsufficientFunds(`${money} is more than the available ${available} (balance plus overdraft limit)`, {
      accountId: account.id,
      available: available.toDecimalString(),
    });
  }
  assertWithinVelocity(holder, money, limits, now, transactionId === undefined ? undefined : { accountId: account.id, transactionId });
  return money;
}

/**
 * May this money come in? An active account, a positive amount within the per-transaction
 * maximum (money given back after a refused transfer is not held to it: see the reversal).
 */
export function moneyMayComeIn(account: BankAccountState, amount: string, limits: MoneyLimits): Money {
  assertActive(account);
  return withinTransactionLimits(account, amount, limits);
}

function withinTransactionLimits(account: ActiveBankAccount, amount: string, limits: MoneyLimits): Money {
  const money = Money.parse(amount, account.currency);
  if (!money.isPositive()) throw new AmountNotPositive(`an amount must be greater than zero (${money})`);
  const maximum = Money.parse(limits.maximumAmount, account.currency);
  if (money.isGreaterThan(maximum)) throw new AmountAboveMaximum(`${money} is above the maximum of ${maximum} for one transaction`, { maximum: maximum.toDecimalString() });
  return money;
}

function assertWithinVelocity(holder: AccountHolderState, amount: Money, limits: MoneyLimits, now: Date, own: OutgoingTransaction | undefined): void {
  const { lastDayMinor, lastHourCount } = outgoingOf(holder, amount.currency.code, now, own);
  if (lastHourCount >= limits.maxOutgoingPerHour) {
    throw new VelocityLimitExceeded(`at most ${limits.maxOutgoingPerHour} withdrawals and outgoing transfers an hour, across all of a holder's accounts`, {
      maxOutgoingPerHour: limits.maxOutgoingPerHour,
    });
  }
  const allowance = Money.parse(limits.maxOutgoingPerDay, amount.currency);
  if (Money.ofMinor(lastDayMinor, amount.currency).plus(amount).isGreaterThan(allowance)) {
    throw new VelocityLimitExceeded(`at most ${allowance} may leave a holder's ${amount.currency.code} accounts in 24 hours`, {
      maxOutgoingPerDay: allowance.toDecimalString(),
      remaining: Money.ofMinor(Math.max(0, allowance.minor - lastDayMinor), amount.currency).toDecimalString(),
    });
  }
}
