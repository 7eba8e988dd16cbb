import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '@openbank/event-sourcing';
import type { RecordedAccountTransaction } from '../recorded-transaction.js';

export class WithdrawMoneyCommand extends Command<RecordedAccountTransaction> {
  constructor(
    readonly accountId: string,
    readonly amount: string,
    readonly description: string,
    readonly context: CommandContext,
  ) {
    super();
  }
}
