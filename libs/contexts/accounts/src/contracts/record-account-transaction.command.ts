import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '@openbank/event-sourcing';
import type { AccountTransaction } from '../domain/bank-account.events.js';
import type { InterestCredit, MoneyMovement, OutgoingMovement, TransferCredit, TransferDebit, TransferReversal } from '../domain/bank-account.transactions.js';

/** A money movement on one account, as other contexts may ask for it. */
export type AccountMovement =
  | ({ readonly kind: 'deposit' } & MoneyMovement)
  | ({ readonly kind: 'withdrawal' } & OutgoingMovement)
  | ({ readonly kind: 'transfer-debit' } & TransferDebit)
  | ({ readonly kind: 'transfer-credit' } & TransferCredit)
  | ({ readonly kind: 'transfer-reversal' } & TransferReversal)
  | ({ readonly kind: 'interest' } & InterestCredit);

export interface RecordedAccountTransaction {
  readonly accountId: string;
  /** The person who owns the account: only they (and staff) may see its balance. */
  readonly ownerId: string;
  readonly transaction: AccountTransaction;
  /** Stream revision of the account after the transaction. */
  readonly revision: bigint;
  readonly occurredAt: string;
}

/** Records a deposit, withdrawal, transfer leg or interest on a bank account, with its rules. */
export class RecordAccountTransactionCommand extends Command<RecordedAccountTransaction> {
  constructor(
    readonly accountId: string,
    readonly movement: AccountMovement,
    readonly context: CommandContext,
  ) {
    super();
  }
}
