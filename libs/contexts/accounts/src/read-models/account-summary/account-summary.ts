import { Money } from '@openbank/shared-kernel';
import type { BankAccountDetails } from '../bank-account-details/bank-account-details.schema.js';

/** What the summary needs of each of the owner's accounts, as the bank-account-details read model shows it. */
export type SummarizedAccount = Pick<BankAccountDetails, 'currency' | 'balance_minor' | 'status' | 'last_modified'>;

export interface CurrencyTotal {
  readonly currency: string;
  /** The sum of the balances of the owner's accounts in this currency. */
  readonly balance: Money;
  readonly accounts: number;
}

/** One owner's accounts at a glance. */
export interface AccountSummary {
  readonly ownerId: string;
  readonly owner: string;
  readonly totalAccounts: number;
  readonly activeAccounts: number;
  readonly closedAccounts: number;
  /** One total per currency, by currency code: amounts of different currencies are never added up. */
  readonly balances: readonly CurrencyTotal[];
  /** When the last event on any of the owner's accounts happened; undefined while they have none. */
  readonly lastActivityAt?: Date;
}

/**
 * The summary of an owner's accounts, computed from their documents in the accounts read model.
 * Every account counts towards its currency's total, closed ones included (a closed account whose
 * transfer debit was given back holds money that is still the owner's).
 */
export function accountSummaryOf(ownerId: string, owner: string, accounts: readonly SummarizedAccount[]): AccountSummary {
  const totals = new Map<string, CurrencyTotal>();
  let lastActivityAt: Date | undefined;
  for (const account of accounts) {
    const total = totals.get(account.currency);
    const balance = Money.ofMinor(account.balance_minor, account.currency);
    totals.set(account.currency, { currency: account.currency, balance: total ? total.balance.plus(balance) : balance, accounts: (total?.accounts ?? 0) + 1 });
    if (!lastActivityAt || account.last_modified > lastActivityAt) lastActivityAt = account.last_modified;
  }
  const active = accounts.filter((account) => account.status === 'ACTIVE').length;
  return {
    ownerId,
    owner,
    totalAccounts: accounts.length,
    activeAccounts: active,
    closedAccounts: accounts.length - active,
    balances: [...totals.values()].sort((a, b) => a.currency.localeCompare(b.currency)),
    ...(lastActivityAt ? { lastActivityAt } : {}),
  };
}
