import type { OpenedBankAccount } from '../domain/bank-account.js';

export interface BankAccountCommandResult {
  readonly account: OpenedBankAccount;
  readonly ownerName: string;
  readonly revision: bigint;
  /** Business time of the account's last event. */
  readonly occurredAt: string;
}
