import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { isStaff } from '@openbank/auth';
import { AggregateCommandRunner, type OtherAggregates } from '@openbank/event-sourcing';
import { ACCOUNTS_OPTIONS, type AccountsOptions } from '../../accounts.options.js';
import { AccountHolder, holdAnotherAccount, stopHoldingAccount, type AccountHolderState } from '../../domain/account-holder.js';
import type { AccountHolderEvent } from '../../domain/account-holder.events.js';
import { BankAccount, type OpenedBankAccount } from '../../domain/bank-account.js';
import { OwnerForgotten, OwnerNotFound } from '../../domain/bank-account.errors.js';
import { openBankAccount } from '../../domain/bank-account.lifecycle.js';
import type { BankAccountCommandResult } from '../bank-account-command-result.js';
import { AccountOwners } from './account-owners.js';
import { OpenBankAccountCommand } from './open-bank-account.command.js';

/**
 * Opens the account (with its opening deposit, when there is one) and counts it among its
 * holder's open accounts, in one append: a customer
 * opening accounts themselves may hold MAX_OPEN_ACCOUNTS_PER_CUSTOMER at most; staff may open more.
 *
 * Where the store cannot append to several streams atomically, the holder's record is written
 * first, so no account is ever open without being counted. The record is known by the account's
 * id: decided again (after a conflict, or on a retry with the same Idempotency-Key, which names
 * the same account) the opening records nothing more on the holder and is not held against its
 * own place. A crash between the two appends leaves the holder counting an account that does not
 * exist yet: a place held, never one too many open, until the retry opens that very account.
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
    if (owner.forgotten) throw new OwnerForgotten(`person ${opening.ownerId} is forgotten: no account can be opened for them`, { ownerId: opening.ownerId });
    const maximum = isStaff(context.principal) ? undefined : this.options.maxOpenAccountsPerCustomer;
    const outcome = await this.runner.execute(BankAccount, accountId, context, async (state, now, _revision, others) => {
      const opened = openBankAccount(state, opening, this.options.limits, now);
      const holder = await others.load(AccountHolder, opening.ownerId);
      const released = maximum !== undefined && holder.openAccounts.length >= maximum ? await closedMeanwhile(holder, others) : [];
      const { currency } = opened.reduce(BankAccount.evolve, state) as OpenedBankAccount;
      const held = holdAnotherAccount(released.reduce(AccountHolder.evolve, holder), { accountId, currency: currency.code }, maximum, now);
      others.record(AccountHolder, opening.ownerId, [...released, ...held]);
      return opened;
    });
    return { account: outcome.state as OpenedBankAccount, ownerName: owner.fullName, revision: outcome.revision, occurredAt: outcome.occurredAt! };
  }
}

/**
 * The closes of the holder's accounts that their own streams hold but the holder does not: where
 * the store cannot append atomically, a crash right after an account's close (see
 * CloseBankAccountHandler). Looked for only when a customer is at the maximum, and released in
 * the append that opens the new account. A closed account stays closed, so releasing it can never
 * let one account too many be open.
 */
async function closedMeanwhile(holder: AccountHolderState, others: OtherAggregates): Promise<AccountHolderEvent[]> {
  const released: AccountHolderEvent[] = [];
  for (const accountId of holder.openAccounts) {
    const account = await others.load(BankAccount, accountId);
    if (account.status === 'CLOSED') released.push(...stopHoldingAccount(holder, accountId, new Date(account.closedAt)));
  }
  return released;
}
