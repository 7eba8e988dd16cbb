import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AggregateCommandRunner, EventSourcingRepository, type CommandContext, type CommandOutcome } from '@openbank/event-sourcing';
import { AccountHolder, stopHoldingAccount } from '../../domain/account-holder.js';
import { BankAccount, type BankAccountState, type ClosedBankAccount } from '../../domain/bank-account.js';
import type { BankAccountEvent } from '../../domain/bank-account.events.js';
import { closeBankAccount } from '../../domain/bank-account.lifecycle.js';
import type { BankAccountCommandResult } from '../bank-account-command-result.js';
import { holderOf } from '../holder-of.js';
import { AccountOwners } from '../open-bank-account/account-owners.js';
import { CloseBankAccountCommand } from './close-bank-account.command.js';

/**
 * Closing frees a place among the holder's open accounts. Where the store appends to several
 * streams atomically, the holder's record and the account's close are one append.
 *
 * Elsewhere the account is closed first, and its holder records the close only once the account
 * holds it: a close refused on fresh state (a deposit landed meanwhile) has then recorded nothing
 * anywhere, and the holder never stops counting an account that is still open. A crash (or an
 * outage of the store) between the two appends leaves the account closed and the holder still
 * counting it: its owner has one place fewer, never one more, until the close is retried with its
 * Idempotency-Key (the account's close is found, and the holder records it) or the owner opens an
 * account at the maximum (the opening releases the accounts that are closed, see
 * OpenBankAccountHandler).
 */
@CommandHandler(CloseBankAccountCommand)
export class CloseBankAccountHandler implements ICommandHandler<CloseBankAccountCommand, BankAccountCommandResult> {
  constructor(
    private readonly runner: AggregateCommandRunner,
    private readonly repository: EventSourcingRepository,
    private readonly owners: AccountOwners,
  ) {}

  async execute({ accountId, reason, context }: CloseBankAccountCommand): Promise<BankAccountCommandResult> {
    const outcome = (await this.repository.appendsAtomicallyAcrossStreams()) ? await this.closeWithHolder(accountId, reason, context) : await this.closeThenRelease(accountId, reason, context);
    const account = outcome.state as ClosedBankAccount;
    return { account, ownerName: await this.owners.nameOf(account.ownerId), revision: outcome.revision, occurredAt: outcome.occurredAt! };
  }

  private closeWithHolder(accountId: string, reason: string, context: CommandContext): Promise<CommandOutcome<BankAccountState, BankAccountEvent>> {
    return this.runner.execute(BankAccount, accountId, context, async (state, now, _revision, others) => {
      const closed = closeBankAccount(state, reason, now);
      const holder = await holderOf(state, others);
      others.record(AccountHolder, holder.id, stopHoldingAccount(holder, accountId, now));
      return closed;
    });
  }

  /** The holder's record is decided on the holder as it is then: another change to it meanwhile only makes that step start over. */
  private async closeThenRelease(accountId: string, reason: string, context: CommandContext): Promise<CommandOutcome<BankAccountState, BankAccountEvent>> {
    const outcome = await this.runner.execute(BankAccount, accountId, context, (state, now) => closeBankAccount(state, reason, now));
    const { ownerId, closedAt } = outcome.state as ClosedBankAccount;
    await this.runner.execute(AccountHolder, ownerId, context, (holder) => stopHoldingAccount(holder, accountId, new Date(closedAt)));
    return outcome;
  }
}
