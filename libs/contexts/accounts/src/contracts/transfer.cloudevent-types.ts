import type { CloudEventTypes } from '@openbank/cloudevents';
import type { TransferEvent } from '../domain/transfer.events.js';

/** The CloudEvent type each step of a transfer is published under (see CloudEventTypes). */
export const transferCloudEventTypes: CloudEventTypes<TransferEvent> = {
  TransferInitiatedDomainEventV1: 'bank.transfer.initiated.v1',
  TransferSourceDebitedDomainEventV1: 'bank.transfer.source-debited.v1',
  TransferTargetCreditedDomainEventV1: 'bank.transfer.target-credited.v1',
  TransferCreditRefusedDomainEventV1: 'bank.transfer.credit-refused.v1',
  TransferDebitReversedDomainEventV1: 'bank.transfer.debit-reversed.v1',
  TransferCompletedDomainEventV1: 'bank.transfer.completed.v1',
  TransferFailedDomainEventV1: 'bank.transfer.failed.v1',
};
