import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '@openbank/event-sourcing';
import type { BankAccountCommandResult } from '../bank-account-command-result.js';

export class ChangeOverdraftLimitCommand extends Command<BankAccountCommandResult> {
  constructor(
    readonly accountId: string,
    /** Decimal amount in the account's currency. */
    readonly overdraftLimit: string,
    readonly context: CommandContext,
  ) {
    super();
  }
}
