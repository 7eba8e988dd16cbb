import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '@openbank/event-sourcing';
import type { TransferRequest, TransferState } from '../../domain/transfer.js';

export interface TransferMoneyResult {
  readonly transfer: TransferState;
  readonly revision: bigint;
}

/** Moves money between two accounts of the bank: at once where the store appends atomically, step by step otherwise. */
export class TransferMoneyCommand extends Command<TransferMoneyResult> {
  constructor(
    readonly transferId: string,
    readonly request: TransferRequest,
    readonly context: CommandContext,
  ) {
    super();
  }
}
