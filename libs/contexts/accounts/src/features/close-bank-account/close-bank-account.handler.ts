import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AggregateCommandRunner } from '@openbank/event-sourcing';
import { BankAccount, closeBankAccount, type OpenedBankAccount } from '../../domain/bank-account.js';
import { AccountOwners } from '../account-owners.js';
import type { BankAccountCommandResult } from '../bank-account-command-result.js';
import { CloseBankAccountCommand } from './close-bank-account.command.js';

@CommandHandler(CloseBankAccountCommand)
export class CloseBankAccountHandler implements ICommandHandler<CloseBankAccountCommand, BankAccountCommandResult> {
  constructor(
    private readonly runner: AggregateCommandRunner,
    private readonly owners: AccountOwners,
  ) {}

  async execute({ accountId, reason, context }: CloseBankAccountCommand): Promise<BankAccountCommandResult> {
    const outcome = await this.runner.execute(BankAccount, accountId, context, (state, now) => closeBankAccount(state, reason, now));
    const account = outcome.state as OpenedBankAccount;
    return { account, ownerName: await this.owners.nameOf(account.ownerId), revision: outcome.revision, occurredAt: outcome.occurredAt! };
  }
}
