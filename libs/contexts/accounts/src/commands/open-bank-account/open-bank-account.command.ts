import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '@openbank/event-sourcing';
import type { OpenBankAccount } from '../../domain/bank-account.lifecycle.js';
import type { BankAccountCommandResult } from '../bank-account-command-result.js';

export class OpenBankAccountCommand extends Command<BankAccountCommandResult> {
  constructor(
    readonly accountId: string,
    readonly opening: OpenBankAccount,
    readonly context: CommandContext,
  ) {
    super();
  }
}
