import { Inject } from '@nestjs/common';
import { CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { RecordAccountTransactionCommand, type RecordedAccountTransaction } from '@openbank/accounts';
import { ID_GENERATOR, newIdFor } from '@openbank/event-sourcing';
import type { IdGenerator } from '@openbank/shared-kernel';
import { TRANSACTIONS_OPTIONS, type TransactionsOptions } from '../../transactions.options.js';
import { DepositCommand } from './deposit.command.js';

@CommandHandler(DepositCommand)
export class DepositHandler implements ICommandHandler<DepositCommand, RecordedAccountTransaction> {
  constructor(
    private readonly commands: CommandBus,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
    @Inject(TRANSACTIONS_OPTIONS) private readonly options: TransactionsOptions,
  ) {}

  execute({ accountId, amount, description, context }: DepositCommand): Promise<RecordedAccountTransaction> {
    return this.commands.execute(
      new RecordAccountTransactionCommand(
        accountId,
        { kind: 'deposit', transactionId: newIdFor(context, 'deposit', this.ids), amount, description, maximum: this.options.maximumAmount },
        context,
      ),
    );
  }
}
