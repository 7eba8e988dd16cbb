import { Command } from '@nestjs/cqrs';
import type { RecordedAccountTransaction } from '@openbank/accounts';
import type { CommandContext } from '@openbank/event-sourcing';

export class DepositCommand extends Command<RecordedAccountTransaction> {
  constructor(
    readonly accountId: string,
    readonly amount: string,
    readonly description: string,
    readonly context: CommandContext,
  ) {
    super();
  }
}
