export {
  TransferCompletedDomainEventV1,
  TransferCreditRefusedDomainEventV1,
  TransferDebitReversedDomainEventV1,
  TransferFailedDomainEventV1,
  TransferInitiatedDomainEventV1,
  TransferSourceDebitedDomainEventV1,
  TransferTargetCreditedDomainEventV1,
} from '../domain/transfer.events.js';
export { transferCloudEventTypes } from './transfer.cloudevent-types.js';
