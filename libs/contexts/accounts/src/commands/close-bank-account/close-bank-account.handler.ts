import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AggregateCommandRunner } from '@openbank/event-sourcing';
import { AccountHolder, stopHoldingAccount } from '../../domain/account-holder.js';
import { BankAccount, type OpenedBankAccount } from '../../domain/bank-account.js';
import { closeBankAccount } from '../../domain/bank-account.lifecycle.js';
import type { BankAccountCommandResult } from '../bank-account-command-result.js';
import { holderOf } from '../holder-of.js';
import { AccountOwners } from '../open-bank-account/account-owners.js';
import { CloseBankAccountCommand } from './close-bank-account.command.js';

/** Closing frees a place among the holder's open accounts, in the same append. */
@CommandHandler(CloseBankAccountCommand)
export class CloseBankAccountHandler implements ICommandHandler<CloseBankAccountCommand, BankAccountCommandResult> {
  constructor(
    private readonly runner: AggregateCommandRunner,
    private readonly owners: AccountOwners,
  ) {}

  async execute({ accountId, reason, context }: CloseBankAccountCommand): Promise<BankAccountCommandResult> {
    const outcome = await this.runner.execute(BankAccount, accountId, context, async (state, now, _revision, others) => {
      const closed = closeBankAccount(state, reason, now);
      const holder = await holderOf(state, others);
      others.record(AccountHolder, holder.id, stopHoldingAccount(holder, accountId, now));
      return closed;
    });
    const account = outcome.state as OpenedBankAccount;
    return { account, ownerName: await this.owners.nameOf(account.ownerId), revision: outcome.revision, occurredAt: outcome.occurredAt! };
  }
}
