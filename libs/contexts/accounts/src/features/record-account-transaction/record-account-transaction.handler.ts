import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AggregateCommandRunner } from '@openbank/event-sourcing';
import { RecordAccountTransactionCommand, type AccountMovement, type RecordedAccountTransaction } from '../../contracts/record-account-transaction.command.js';
import { BankAccount, type BankAccountState, type OpenedBankAccount } from '../../domain/bank-account.js';
import type { BankAccountEvent } from '../../domain/bank-account.events.js';
import { creditForTransfer, creditInterest, debitForTransfer, deposit, reverseTransferDebit, withdraw } from '../../domain/bank-account.transactions.js';

function decisionFor(movement: AccountMovement): (state: BankAccountState, now: Date) => BankAccountEvent[] {
  switch (movement.kind) {
    case 'deposit':
      return (state, now) => deposit(state, movement, now);
    case 'withdrawal':
      return (state, now) => withdraw(state, movement, now);
    case 'transfer-debit':
      return (state, now) => debitForTransfer(state, movement, now);
    case 'transfer-credit':
      return (state, now) => creditForTransfer(state, movement, now);
    case 'transfer-reversal':
      return (state, now) => reverseTransferDebit(state, movement, now);
    case 'interest':
      return (state, now) => creditInterest(state, movement, now);
  }
}

@CommandHandler(RecordAccountTransactionCommand)
export class RecordAccountTransactionHandler implements ICommandHandler<RecordAccountTransactionCommand, RecordedAccountTransaction> {
  constructor(private readonly runner: AggregateCommandRunner) {}

  async execute({ accountId, movement, context }: RecordAccountTransactionCommand): Promise<RecordedAccountTransaction> {
    const outcome = await this.runner.execute(BankAccount, accountId, context, decisionFor(movement));
    const recorded = outcome.events.find((event) => event.type === 'BankAccountTransactionRecordedDomainEventV1');
    if (!recorded) throw new Error(`no transaction was recorded on account ${accountId}`);
    return { accountId, ownerId: (outcome.state as OpenedBankAccount).ownerId, transaction: recorded.data.transaction, revision: outcome.revision, occurredAt: outcome.occurredAt! };
  }
}
