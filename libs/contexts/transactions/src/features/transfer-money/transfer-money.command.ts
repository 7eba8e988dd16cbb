import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '@openbank/event-sourcing';
import type { TransferState } from '../../domain/transfer.js';

export interface TransferRequestDetails {
  readonly fromAccountId: string;
  readonly toAccountId: string;
  readonly amount: string;
  readonly description: string;
}

export interface InitiatedTransferResult {
  readonly transfer: TransferState;
  readonly revision: bigint;
}

/** Starts a transfer; the transfer process then moves the money, step by step. */
export class TransferMoneyCommand extends Command<InitiatedTransferResult> {
  constructor(
    readonly transferId: string,
    readonly details: TransferRequestDetails,
    readonly context: CommandContext,
  ) {
    super();
  }
}
