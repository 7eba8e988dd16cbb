import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AggregateCommandRunner, ID_GENERATOR, newIdFor } from '@openbank/event-sourcing';
import type { IdGenerator } from '@openbank/shared-kernel';
import { ACCOUNTS_OPTIONS, type AccountsOptions } from '../../accounts.options.js';
import { AccountHolder } from '../../domain/account-holder.js';
import { BankAccount } from '../../domain/bank-account.js';
import { withdraw } from '../../domain/bank-account.money.js';
import { holderOf } from '../holder-of.js';
import { recordedTransactionOf, type RecordedAccountTransaction } from '../recorded-transaction.js';
import { WithdrawMoneyCommand } from './withdraw.command.js';

/** Refused (422) beyond the balance plus the overdraft limit, or beyond the holder's velocity limits. */
@CommandHandler(WithdrawMoneyCommand)
export class WithdrawMoneyHandler implements ICommandHandler<WithdrawMoneyCommand, RecordedAccountTransaction> {
  constructor(
    private readonly runner: AggregateCommandRunner,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
    @Inject(ACCOUNTS_OPTIONS) private readonly options: AccountsOptions,
  ) {}

  async execute({ accountId, amount, description, context }: WithdrawMoneyCommand): Promise<RecordedAccountTransaction> {
    const movement = { transactionId: newIdFor(context, 'withdrawal', this.ids), amount, description };
    const outcome = await this.runner.execute(BankAccount, accountId, context, async (account, now, _revision, others) => {
      const holder = await holderOf(account, others);
      const decided = withdraw(account, holder, movement, this.options.limits, now);
      others.record(AccountHolder, holder.id, decided.holder);
      return decided.account;
    });
    return recordedTransactionOf(accountId, outcome);
  }
}
