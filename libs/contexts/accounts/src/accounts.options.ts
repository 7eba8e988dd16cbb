import type { MoneyLimits } from './domain/money-limits.js';

/** Settings of the accounts context, from configuration. */
export interface AccountsOptions {
  /** The overdraft limit of an account opened without one (and of every account a customer opens), as a decimal. */
  readonly defaultOverdraftLimit: string;
  /** How many open accounts a customer may hold when they open one themselves (bank staff may open more). */
  readonly maxOpenAccountsPerCustomer: number;
  readonly limits: MoneyLimits;
  /** How long POST /transfer waits for a transfer moved step by step to settle before answering 202 Accepted. */
  readonly transferWaitMs: number;
}

export const ACCOUNTS_OPTIONS = Symbol('ACCOUNTS_OPTIONS');
