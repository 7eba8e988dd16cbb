import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AggregateCommandRunner } from '@openbank/event-sourcing';
import { BankAccount, type OpenedBankAccount } from '../../domain/bank-account.js';
import { changeOverdraftLimit } from '../../domain/bank-account.lifecycle.js';
import { AccountOwners } from '../open-bank-account/account-owners.js';
import type { BankAccountCommandResult } from '../bank-account-command-result.js';
import { ChangeOverdraftLimitCommand } from './change-overdraft-limit.command.js';

@CommandHandler(ChangeOverdraftLimitCommand)
export class ChangeOverdraftLimitHandler implements ICommandHandler<ChangeOverdraftLimitCommand, BankAccountCommandResult> {
  constructor(
    private readonly runner: AggregateCommandRunner,
    private readonly owners: AccountOwners,
  ) {}

  async execute({ accountId, overdraftLimit, context }: ChangeOverdraftLimitCommand): Promise<BankAccountCommandResult> {
    const outcome = await this.runner.execute(BankAccount, accountId, context, (state) => changeOverdraftLimit(state, overdraftLimit));
    const account = outcome.state as OpenedBankAccount;
    return { account, ownerName: await this.owners.nameOf(account.ownerId), revision: outcome.revision, occurredAt: outcome.occurredAt! };
  }
}
