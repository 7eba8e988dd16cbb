import type { VelocityLimits } from '@openbank/accounts';

/** Settings of the transactions context, from configuration. */
export interface TransactionsOptions {
  /** How fast money may leave one account (withdrawals and outgoing transfers). */
  readonly velocity: VelocityLimits;
  /** The largest amount of one transaction, as a decimal in the account's currency. */
  readonly maximumAmount: string;
  /** How long POST /transfer waits for the transfer to settle before answering 202 Accepted. */
  readonly transferWaitMs: number;
}

export const TRANSACTIONS_OPTIONS = Symbol('TRANSACTIONS_OPTIONS');
