import { domainEvent, type MoneyJson } from '@openbank/shared-kernel';

export interface TransferInitiated {
  readonly transferId: string;
  readonly fromAccountId: string;
  readonly toAccountId: string;
  readonly amount: MoneyJson;
  readonly description: string;
  readonly initiatedAt: string;
}

export interface TransferLegRecorded {
  readonly transferId: string;
  /** The transaction recorded on the account for this step. */
  readonly transactionId: string;
}

export interface TransferStepRefused {
  readonly transferId: string;
  /** The coded refusal of the account, e.g. INSUFFICIENT_FUNDS or BANK_ACCOUNT_CLOSED. */
  readonly code: string;
  readonly reason: string;
}

export interface TransferCompleted {
  readonly transferId: string;
  readonly completedAt: string;
}

export interface TransferFailed {
  readonly transferId: string;
  readonly code: string;
  readonly reason: string;
  /** True when the source had been debited and was given the money back. */
  readonly compensated: boolean;
  readonly failedAt: string;
}

export class TransferInitiatedDomainEventV1 extends domainEvent('TransferInitiatedDomainEventV1')<TransferInitiated>() {}
export class TransferSourceDebitedDomainEventV1 extends domainEvent('TransferSourceDebitedDomainEventV1')<TransferLegRecorded>() {}
export class TransferTargetCreditedDomainEventV1 extends domainEvent('TransferTargetCreditedDomainEventV1')<TransferLegRecorded>() {}
export class TransferCreditRefusedDomainEventV1 extends domainEvent('TransferCreditRefusedDomainEventV1')<TransferStepRefused>() {}
export class TransferDebitReversedDomainEventV1 extends domainEvent('TransferDebitReversedDomainEventV1')<TransferLegRecorded>() {}
export class TransferCompletedDomainEventV1 extends domainEvent('TransferCompletedDomainEventV1')<TransferCompleted>() {}
export class TransferFailedDomainEventV1 extends domainEvent('TransferFailedDomainEventV1')<TransferFailed>() {}

export type TransferEvent =
  | TransferInitiatedDomainEventV1
  | TransferSourceDebitedDomainEventV1
  | TransferTargetCreditedDomainEventV1
  | TransferCreditRefusedDomainEventV1
  | TransferDebitReversedDomainEventV1
  | TransferCompletedDomainEventV1
  | TransferFailedDomainEventV1;
