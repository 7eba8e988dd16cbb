import { Inject } from '@nestjs/common';
import { CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { RecordAccountTransactionCommand, type RecordedAccountTransaction } from '@openbank/accounts';
import { ID_GENERATOR, newIdFor } from '@openbank/event-sourcing';
import type { IdGenerator } from '@openbank/shared-kernel';
import { TRANSACTIONS_OPTIONS, type TransactionsOptions } from '../../transactions.options.js';
import { WithdrawCommand } from './withdraw.command.js';

/** The account refuses (422) when the amount exceeds its balance plus its overdraft limit. */
@CommandHandler(WithdrawCommand)
export class WithdrawHandler implements ICommandHandler<WithdrawCommand, RecordedAccountTransaction> {
  constructor(
    private readonly commands: CommandBus,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
    @Inject(TRANSACTIONS_OPTIONS) private readonly options: TransactionsOptions,
  ) {}

  execute({ accountId, amount, description, context }: WithdrawCommand): Promise<RecordedAccountTransaction> {
    return this.commands.execute(
      new RecordAccountTransactionCommand(
        accountId,
        {
          kind: 'withdrawal',
          transactionId: newIdFor(context, 'withdrawal', this.ids),
          amount,
          description,
          maximum: this.options.maximumAmount,
          velocity: this.options.velocity,
        },
        context,
      ),
    );
  }
}
