import type { CommandOutcome } from '@openbank/event-sourcing';
import type { BankAccountState } from '../domain/bank-account.js';
import type { AccountTransaction, BankAccountEvent } from '../domain/bank-account.events.js';

/** A transaction just recorded on an account, as the commands that move money answer it. */
export interface RecordedAccountTransaction {
  readonly accountId: string;
  /** The person who owns the account: only they (and staff) may see its balance. */
  readonly ownerId: string;
  readonly transaction: AccountTransaction;
  /** Stream revision of the account after the transaction. */
  readonly revision: bigint;
  readonly occurredAt: string;
}

export function recordedTransactionOf(accountId: string, outcome: CommandOutcome<BankAccountState, BankAccountEvent>): RecordedAccountTransaction {
  const recorded = outcome.events.find((event) => event.type === 'BankAccountTransactionRecordedDomainEventV1');
  if (!recorded || outcome.state.status === 'UNOPENED') throw new Error(`no transaction was recorded on account ${accountId}`);
  return { accountId, ownerId: outcome.state.ownerId, transaction: recorded.data.transaction, revision: outcome.revision, occurredAt: outcome.occurredAt! };
}
