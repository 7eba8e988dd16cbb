import { Inject, Logger } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { RecordAccountTransactionCommand, type AccountMovement } from '@openbank/accounts';
import { AggregateCommandRunner, EventSourcingRepository, recordOf, type CommandContext, type RecordedDomainEvent } from '@openbank/event-sourcing';
import { ProcessManager, type EventSubscriber } from '@openbank/projections';
import { DomainError, Money } from '@openbank/shared-kernel';
import { v5 as uuidv5 } from 'uuid';
import {
  Transfer,
  isSettled,
  recordCreditRefused,
  recordDebitRefused,
  recordDebitReversed,
  recordSourceDebited,
  recordTargetCredited,
  type InitiatedTransfer,
  type TransferState,
} from '../domain/transfer.js';
import {
  TransferCreditRefusedDomainEventV1,
  TransferInitiatedDomainEventV1,
  TransferSourceDebitedDomainEventV1,
  type TransferEvent,
} from '../domain/transfer.events.js';
import { TransferSettlements } from '../features/transfer-money/transfer-settlements.js';
import { TRANSACTIONS_OPTIONS, type TransactionsOptions } from '../transactions.options.js';

type TransferStep = 'debit' | 'credit' | 'reversal';
const transactionNamespace = 'b1d3c2a4-5e6f-4a7b-8c9d-0e1f2a3b4c5d';

/**
 * Moves the money of each transfer, driven by the transfer's own events from a checkpointed
 * subscription (never by in-process memory): initiated → debit the source; source debited →
 * credit the target; credit refused → give the source its money back. After a crash the
 * subscription resumes from its checkpoint and delivers the step again; each step is recorded
 * under its own idempotency key, so a step that had already happened is recognised, not repeated.
 */
@ProcessManager('transfer-process', TransferInitiatedDomainEventV1, TransferSourceDebitedDomainEventV1, TransferCreditRefusedDomainEventV1)
export class TransferProcess implements EventSubscriber<TransferEvent> {
  private readonly logger = new Logger(TransferProcess.name);

  constructor(
    private readonly commands: CommandBus,
    private readonly runner: AggregateCommandRunner,
    private readonly repository: EventSourcingRepository,
    private readonly settlements: TransferSettlements,
    @Inject(TRANSACTIONS_OPTIONS) private readonly options: TransactionsOptions,
  ) {}

  async handle(event: TransferEvent): Promise<void> {
    const record = recordOf(event);
    switch (event.type) {
      case 'TransferInitiatedDomainEventV1':
        return this.debitSource(record);
      case 'TransferSourceDebitedDomainEventV1':
        return this.creditTarget(record);
      case 'TransferCreditRefusedDomainEventV1':
        return this.reverseDebit(record);
    }
  }

  private async debitSource(record: RecordedDomainEvent): Promise<void> {
    await this.step(record, 'debit', (transfer) => ({
      accountId: transfer.details.fromAccountId,
      movement: { kind: 'transfer-debit', ...this.movement(transfer, 'debit'), toAccountId: transfer.details.toAccountId, velocity: this.options.velocity },
      recorded: (state, transactionId) => recordSourceDebited(state, transactionId),
      refused: (state, error, now) => recordDebitRefused(state, error.code, error.message, now),
    }));
  }

  private async creditTarget(record: RecordedDomainEvent): Promise<void> {
    await this.step(record, 'credit', (transfer) => ({
      accountId: transfer.details.toAccountId,
      movement: {
        kind: 'transfer-credit',
        ...this.movement(transfer, 'credit'),
        fromAccountId: transfer.details.fromAccountId,
        currency: transfer.details.amount.currency,
      },
      recorded: (state, transactionId, now) => recordTargetCredited(state, transactionId, now),
      refused: (state, error) => recordCreditRefused(state, error.code, error.message),
    }));
  }

  private async reverseDebit(record: RecordedDomainEvent): Promise<void> {
    await this.step(record, 'reversal', (transfer) => ({
      accountId: transfer.details.fromAccountId,
      movement: {
        kind: 'transfer-reversal',
        ...this.movement(transfer, 'reversal'),
        description: `Reversal of transfer ${transfer.id}: ${transfer.failure?.reason ?? 'refused'}`,
        reverses: transfer.debitTransactionId!,
        // Giving money back is never held to the per-transaction maximum.
        maximum: Money.fromJSON(transfer.details.amount).toDecimalString(),
      },
      recorded: (state, transactionId, now) => recordDebitReversed(state, transactionId, now),
    }));
  }

  /**
   * One step: record the movement on the account (refusals are outcomes, not errors), then record
   * on the transfer what happened. Store outages and unexpected errors propagate, so the
   * subscription retries the step.
   */
  private async step(
    record: RecordedDomainEvent,
    step: TransferStep,
    plan: (transfer: InitiatedTransfer) => {
      accountId: string;
      movement: AccountMovement;
      recorded: (state: TransferState, transactionId: string, now: Date) => TransferEvent[];
      refused?: (state: TransferState, error: DomainError, now: Date) => TransferEvent[];
    },
  ): Promise<void> {
    const transferId = record.metadata.aggregateId;
    const context = this.contextFor(record, `transfer:${transferId}:${step}`);
    const transfer = (await this.repository.load(Transfer, transferId, { atLeastRevision: record.revision })).state as InitiatedTransfer;
    const { accountId, movement, recorded, refused } = plan(transfer);
    let outcome: (state: TransferState, now: Date) => TransferEvent[];
    try {
      const done = await this.commands.execute(new RecordAccountTransactionCommand(accountId, movement, context));
      outcome = (state, now) => recorded(state, done.transaction.transactionId, now);
    } catch (error) {
      if (!(error instanceof DomainError) || !refused) throw error;
      // Logged while the event is handled: the line carries its correlation id without passing it here.
      this.logger.log({ msg: `transfer ${step} refused`, transferId, code: error.code });
      outcome = (state, now) => refused(state, error, now);
    }
    const { operationId: _accountStep, earlierAttemptSince: _since, ...transferContext } = context;
    const after = await this.runner.execute(Transfer, transferId, transferContext, outcome);
    if (isSettled(after.state)) this.settlements.settled(transferId);
  }

  private movement(transfer: InitiatedTransfer, step: TransferStep) {
    return {
      transactionId: uuidv5(`${transfer.id}:${step}`, transactionNamespace),
      amount: Money.fromJSON(transfer.details.amount).toDecimalString(),
      description: transfer.details.description,
      maximum: this.options.maximumAmount,
      transferId: transfer.id,
    };
  }

  /** Each step carries the transfer's correlation id and is caused by the event that triggered it. */
  private contextFor(record: RecordedDomainEvent, operationId: string): CommandContext {
    return {
      correlationId: record.metadata.correlationId,
      causationId: record.eventId,
      principal: { id: record.metadata.principal },
      operationId,
      // A step may have been carried out before a crash: look for it since the transfer started.
      earlierAttemptSince: record.metadata.occurredAt,
    };
  }
}
