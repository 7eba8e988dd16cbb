import { InjectModel } from '@nestjs/mongoose';
import { EventSourcingRepository, type RecordedDomainEvent } from '@openbank/event-sourcing';
import { AggregateDocumentProjection, Projection } from '@openbank/projections';
import type { Model } from 'mongoose';
import { Transfer, type TransferState } from '../../domain/transfer.js';
import type { TransferEvent } from '../../domain/transfer.events.js';
import { TransferDetails, type TransferStepDocument } from './transfer-details.schema.js';

@Projection('transfer-details', ...Transfer.events)
export class TransferDetailsProjection extends AggregateDocumentProjection<TransferDetails, TransferEvent> {
  constructor(
    @InjectModel(TransferDetails.name) protected readonly documents: Model<TransferDetails>,
    private readonly repository: EventSourcingRepository,
  ) {
    super();
  }

  protected evolve(current: TransferDetails | null, event: TransferEvent, record: RecordedDomainEvent<TransferEvent>): TransferDetails {
    const at = new Date(record.metadata.occurredAt);
    const before: TransferState = current ? { id: current._id, ...stateOf(current) } : Transfer.initialState(record.metadata.aggregateId);
    const after = Transfer.evolve(before, event);
    const steps = [...(current?.steps ?? []), stepOf(event, at)];
    return documentOf(after, steps, Number(record.revision), at);
  }

  /** Rebuilt from the stream, with each step at the time its event occurred. */
  protected async fromWriteModel(transferId: string, revision?: bigint): Promise<TransferDetails | null> {
    let state = Transfer.initialState(transferId);
    const steps: TransferStepDocument[] = [];
    let last = -1;
    let at = new Date(0);
    for await (const recorded of this.repository.history(Transfer, transferId)) {
      if (revision !== undefined && recorded.revision > revision) break;
      at = new Date(recorded.metadata.occurredAt);
      state = Transfer.evolve(state, recorded.event);
      steps.push(stepOf(recorded.event, at));
      last = Number(recorded.revision);
    }
    return state.status ? documentOf(state, steps, last, at) : null;
  }
}

function stepOf(event: TransferEvent, at: Date): TransferStepDocument {
  switch (event.type) {
    case 'TransferInitiatedDomainEventV1':
      return { step: 'INITIATED', at };
    case 'TransferSourceDebitedDomainEventV1':
      return { step: 'SOURCE_DEBITED', at, transaction_id: event.data.transactionId };
    case 'TransferTargetCreditedDomainEventV1':
      return { step: 'TARGET_CREDITED', at, transaction_id: event.data.transactionId };
    case 'TransferCreditRefusedDomainEventV1':
      return { step: 'CREDIT_REFUSED', at, code: event.data.code, reason: event.data.reason };
    case 'TransferDebitReversedDomainEventV1':
      return { step: 'DEBIT_REVERSED', at, transaction_id: event.data.transactionId };
    case 'TransferCompletedDomainEventV1':
      return { step: 'COMPLETED', at };
    case 'TransferFailedDomainEventV1':
      return { step: 'FAILED', at, code: event.data.code, reason: event.data.reason };
  }
}

function documentOf(state: TransferState, steps: TransferStepDocument[], revision: number, lastAt: Date): TransferDetails {
  const details = state.details!;
  const settled = state.status === 'COMPLETED' || state.status === 'FAILED';
  return {
    _id: state.id,
    from_account_id: details.fromAccountId,
    to_account_id: details.toAccountId,
    amount_minor: details.amount.minor,
    currency: details.amount.currency,
    description: details.description,
    status: state.status!,
    steps,
    ...(state.failure ? { failure_code: state.failure.code, failure_reason: state.failure.reason, compensated: state.failure.compensated } : {}),
    initiated_at: new Date(details.initiatedAt),
    ...(settled ? { settled_at: lastAt } : {}),
    last_revision: revision,
  };
}

/** The aggregate state a document stands for, so the domain's own evolve can move it on. */
function stateOf(document: TransferDetails): Omit<TransferState, 'id'> {
  const transactionOf = (step: string) => document.steps.find((entry) => entry.step === step)?.transaction_id;
  return {
    status: document.status,
    details: {
      transferId: document._id,
      fromAccountId: document.from_account_id,
      toAccountId: document.to_account_id,
      amount: { minor: document.amount_minor, currency: document.currency },
      description: document.description,
      initiatedAt: document.initiated_at.toISOString(),
    },
    debitTransactionId: transactionOf('SOURCE_DEBITED'),
    creditTransactionId: transactionOf('TARGET_CREDITED'),
    reversalTransactionId: transactionOf('DEBIT_REVERSED'),
    ...(document.failure_code ? { failure: { code: document.failure_code, reason: document.failure_reason ?? '', compensated: document.compensated ?? false } } : {}),
  };
}
