import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { isStaff } from '@openbank/auth';
import { AggregateCommandRunner } from '@openbank/event-sourcing';
import { ACCOUNTS_OPTIONS, type AccountsOptions } from '../../accounts.options.js';
import { AccountHolder, holdAnotherAccount } from '../../domain/account-holder.js';
import { BankAccount, type OpenedBankAccount } from '../../domain/bank-account.js';
import { OwnerNotFound } from '../../domain/bank-account.errors.js';
import { openBankAccount } from '../../domain/bank-account.lifecycle.js';
import type { BankAccountCommandResult } from '../bank-account-command-result.js';
import { AccountOwners } from './account-owners.js';
import { OpenBankAccountCommand } from './open-bank-account.command.js';

/**
 * Opens the account and counts it among its holder's open accounts, in one append: a customer
 * opening accounts themselves may hold MAX_OPEN_ACCOUNTS_PER_CUSTOMER at most; staff may open more.
 */
@CommandHandler(OpenBankAccountCommand)
export class OpenBankAccountHandler implements ICommandHandler<OpenBankAccountCommand, BankAccountCommandResult> {
  constructor(
    private readonly runner: AggregateCommandRunner,
    private readonly owners: AccountOwners,
    @Inject(ACCOUNTS_OPTIONS) private readonly options: AccountsOptions,
  ) {}

  async execute({ accountId, opening, context }: OpenBankAccountCommand): Promise<BankAccountCommandResult> {
    const owner = await this.owners.find(opening.ownerId);
    if (!owner) throw new OwnerNotFound(`person ${opening.ownerId} does not exist`, { ownerId: opening.ownerId });
    const maximum = isStaff(context.principal) ? undefined : this.options.maxOpenAccountsPerCustomer;
    const outcome = await this.runner.execute(BankAccount, accountId, context, async (state, now, _revision, others) => {
      const opened = openBankAccount(state, opening, now);
      const holder = await others.load(AccountHolder, opening.ownerId);
      others.record(AccountHolder, opening.ownerId, holdAnotherAccount(holder, { accountId, currency: opened[0].data.currency }, maximum, now));
      return opened;
    });
    return { account: outcome.state as OpenedBankAccount, ownerName: owner.fullName, revision: outcome.revision, occurredAt: outcome.occurredAt! };
  }
}
