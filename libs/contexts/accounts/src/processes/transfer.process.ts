import { Logger } from '@nestjs/common';
import { AggregateCommandRunner, EventSourcingRepository, type CommandContext, type RecordedDomainEvent } from '@openbank/event-sourcing';
import { ProcessManager, type EventSubscriber } from '@openbank/projections';
import { DomainError } from '@openbank/shared-kernel';
import { TransferLegs, type TransferLeg } from '../commands/transfer-money/transfer-legs.js';
import {
  Transfer,
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

type Outcome = (state: TransferState, now: Date) => TransferEvent[];

/**
 * Moves a transfer step by step where the event store cannot append to several streams at once,
 * driven by the transfer's own events from a subscription (never by in-process memory):
 * initiated → debit the source; source debited → credit the target; credit refused → give the
 * source its money back. A step delivered again (after a crash, or to a second projector) is
 * recognised by its operation id on the account, not repeated. Transfers moved at once never
 * need it: their events already hold every step.
 */
@ProcessManager('transfer-process', TransferInitiatedDomainEventV1, TransferSourceDebitedDomainEventV1, TransferCreditRefusedDomainEventV1)
export class TransferProcess implements EventSubscriber<TransferEvent> {
  private readonly logger = new Logger(TransferProcess.name);

  constructor(
    private readonly runner: AggregateCommandRunner,
    private readonly repository: EventSourcingRepository,
    private readonly legs: TransferLegs,
  ) {}

  async handle(record: RecordedDomainEvent<TransferEvent>): Promise<void> {
    switch (record.event.type) {
      case 'TransferInitiatedDomainEventV1':
        return this.step(record, 'debit', (transfer, context) => this.legs.debit(transfer, context), recordSourceDebited, recordDebitRefused);
      case 'TransferSourceDebitedDomainEventV1':
        return this.step(record, 'credit', (transfer, context) => this.legs.credit(transfer, context), recordTargetCredited, recordCreditRefused);
      case 'TransferCreditRefusedDomainEventV1':
        return this.step(record, 'reversal', (transfer, context) => this.legs.reverse(transfer, context), recordDebitReversed);
    }
  }

  /**
   * One step: record the leg on its account (a refusal is an outcome, not an error), then record
   * on the transfer what happened. Store outages and unexpected errors propagate, so the
   * subscription retries the step.
   */
  private async step(
    record: RecordedDomainEvent<TransferEvent>,
    leg: TransferLeg,
    move: (transfer: InitiatedTransfer, context: CommandContext) => Promise<string>,
    recorded: (state: TransferState, transactionId: string, now: Date) => TransferEvent[],
    refused?: (state: TransferState, code: string, reason: string, now: Date) => TransferEvent[],
  ): Promise<void> {
    const transferId = record.metadata.aggregateId;
    const { state } = await this.repository.load(Transfer, transferId, { atLeastRevision: record.revision });
    // A transfer moved at once has all its steps already: there is nothing left to move.
    if (state.status !== expectedStatus[leg]) return;
    const context = contextFor(record, `transfer:${transferId}:${leg}`);
    let outcome: Outcome;
    try {
      const transactionId = await move(state as InitiatedTransfer, context);
      outcome = (current, now) => recorded(current, transactionId, now);
    } catch (error) {
      // A conflict (a hot account kept changing) is no refusal: the step is tried again.
      if (!(error instanceof DomainError) || error.kind === 'conflict' || !refused) throw error;
      // Logged while the event is handled: the line carries its correlation id without passing it here.
      this.logger.log({ msg: `transfer ${leg} refused`, transferId, code: error.code });
      outcome = (current, now) => refused(current, error.code, error.message, now);
    }
    const { operationId: _leg, earlierAttemptSince: _since, earlierAttemptAfter: _after, keyHeld: _held, ...transferContext } = context;
    await this.runner.execute(Transfer, transferId, transferContext, outcome);
  }
}

const expectedStatus: Record<TransferLeg, TransferState['status']> = { debit: 'INITIATED', credit: 'SOURCE_DEBITED', reversal: 'CREDIT_REFUSED' };

/** Each step carries the transfer's correlation id and is caused by the event that triggered it. */
function contextFor(record: RecordedDomainEvent, operationId: string): CommandContext {
  return {
    correlationId: record.metadata.correlationId,
    causationId: record.eventId,
    principal: { id: record.metadata.principal },
    operationId,
    // A step may have been carried out before a crash: look for it among the events written after
    // the one that triggers it (by time where the store gives no position).
    ...(record.position ? { earlierAttemptAfter: record.position } : { earlierAttemptSince: record.metadata.occurredAt }),
  };
}
