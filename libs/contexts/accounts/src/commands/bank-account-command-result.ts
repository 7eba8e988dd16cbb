import { bankAccountDocumentOf } from '../read-models/bank-account-details/bank-account-document.js';
import { BankAccountResponse } from '../read-models/bank-account-details/bank-account.response.js';
import type { OpenedBankAccount } from '../domain/bank-account.js';

export interface BankAccountCommandResult {
  readonly account: OpenedBankAccount;
  readonly ownerName: string;
  readonly revision: bigint;
  /** Business time of the account's last event. */
  readonly occurredAt: string;
}

/** The answer of a command on an account: the account as its read model will show it (state → document → response, the read model's own way). */
export function bankAccountAnswer({ account, ownerName, revision, occurredAt }: BankAccountCommandResult): BankAccountResponse {
  return BankAccountResponse.fromDocument(bankAccountDocumentOf(account, ownerName, revision, new Date(occurredAt)));
}
