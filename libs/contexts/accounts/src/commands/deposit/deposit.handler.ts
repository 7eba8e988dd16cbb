import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AggregateCommandRunner, ID_GENERATOR, newIdFor } from '@openbank/event-sourcing';
import type { IdGenerator } from '@openbank/shared-kernel';
import { ACCOUNTS_OPTIONS, type AccountsOptions } from '../../accounts.options.js';
import { BankAccount } from '../../domain/bank-account.js';
import { deposit } from '../../domain/bank-account.money.js';
import { recordedTransactionOf, type RecordedAccountTransaction } from '../recorded-transaction.js';
import { DepositMoneyCommand } from './deposit.command.js';

@CommandHandler(DepositMoneyCommand)
export class DepositMoneyHandler implements ICommandHandler<DepositMoneyCommand, RecordedAccountTransaction> {
  constructor(
    private readonly runner: AggregateCommandRunner,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
    @Inject(ACCOUNTS_OPTIONS) private readonly options: AccountsOptions,
  ) {}

  async execute({ accountId, amount, description, context }: DepositMoneyCommand): Promise<RecordedAccountTransaction> {
    const movement = { transactionId: newIdFor(context, 'deposit', this.ids), amount, description };
    const outcome = await this.runner.execute(BankAccount, accountId, context, (account, now) => deposit(account, movement, this.options.limits, now));
    return recordedTransactionOf(accountId, outcome);
  }
}
