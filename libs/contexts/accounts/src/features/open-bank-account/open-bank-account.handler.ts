import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AggregateCommandRunner } from '@openbank/event-sourcing';
import { BankAccount, openBankAccount, type OpenedBankAccount } from '../../domain/bank-account.js';
import { OwnerNotFound } from '../../domain/bank-account.errors.js';
import { AccountOwners } from '../account-owners.js';
import type { BankAccountCommandResult } from '../bank-account-command-result.js';
import { OpenBankAccountCommand } from './open-bank-account.command.js';

@CommandHandler(OpenBankAccountCommand)
export class OpenBankAccountHandler implements ICommandHandler<OpenBankAccountCommand, BankAccountCommandResult> {
  constructor(
    private readonly runner: AggregateCommandRunner,
    private readonly owners: AccountOwners,
  ) {}

  async execute({ accountId, opening, context }: OpenBankAccountCommand): Promise<BankAccountCommandResult> {
    const owner = await this.owners.find(opening.ownerId);
    if (!owner) throw new OwnerNotFound(`person ${opening.ownerId} does not exist`, { ownerId: opening.ownerId });
    const outcome = await this.runner.execute(BankAccount, accountId, context, (state, now) => openBankAccount(state, opening, now));
    return { account: outcome.state as OpenedBankAccount, ownerName: owner.fullName, revision: outcome.revision, occurredAt: outcome.occurredAt! };
  }
}
