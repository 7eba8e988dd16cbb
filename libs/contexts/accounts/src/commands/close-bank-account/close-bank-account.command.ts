import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '@openbank/event-sourcing';
import type { BankAccountCommandResult } from '../bank-account-command-result.js';

export class CloseBankAccountCommand extends Command<BankAccountCommandResult> {
  constructor(
    readonly accountId: string,
    readonly reason: string,
    readonly context: CommandContext,
  ) {
    super();
  }
}
