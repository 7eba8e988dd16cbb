import type { RecordedDomainEvent } from '@openbank/event-sourcing';
import { Transfer, isSettled, type TransferState } from '../../domain/transfer.js';
import type { TransferEvent } from '../../domain/transfer.events.js';
import type { TransferDetails, TransferStepDocument } from './transfer-details.schema.js';

/** A transfer's document from its events (in stream order): its state by the domain's own evolve, and each step with its time. */
export function transferDocumentOf(history: readonly RecordedDomainEvent<TransferEvent>[], base: TransferDetails | null = null): TransferDetails | null {
  let state: TransferState = base ? { id: base._id, ...stateOf(base) } : Transfer.initialState(history[0]?.metadata.aggregateId ?? '');
  const steps = [...(base?.steps ?? [])];
  let revision = base?.last_revision ?? -1;
  let lastAt = base?.settled_at ?? new Date(0);
  for (const recorded of history) {
    lastAt = new Date(recorded.metadata.occurredAt);
    state = Transfer.evolve(state, recorded.event);
    steps.push(stepOf(recorded.event, lastAt));
    revision = Number(recorded.revision);
  }
  if (!state.status || !state.details) return null;
  const { details } = state;
  return {
    _id: state.id,
    from_account_id: details.fromAccountId,
    to_account_id: details.toAccountId,
    amount_minor: details.amount.minor,
    currency: details.amount.currency,
    description: details.description,
    status: state.status,
    steps,
    ...(state.failure ? { failure_code: state.failure.code, failure_reason: state.failure.reason, compensated: state.failure.compensated } : {}),
    initiated_at: new Date(details.initiatedAt),
    ...(isSettled(state) ? { settled_at: lastAt } : {}),
    last_revision: revision,
  };
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
