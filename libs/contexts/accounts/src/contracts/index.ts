export {
  BankAccountClosedDomainEventV1,
  BankAccountCreatedDomainEventV1,
  BankAccountCreatedDomainEventV2,
  BankAccountTransactionRecordedDomainEventV1,
  OverdraftLimitChangedDomainEventV1,
  type AccountTransaction,
  type AccountType,
  type InterestPeriod,
  type TransactionDirection,
  type TransactionType,
} from '../domain/bank-account.events.js';
export {
  TransferCompletedDomainEventV1,
  TransferCreditRefusedDomainEventV1,
  TransferDebitReversedDomainEventV1,
  TransferFailedDomainEventV1,
  TransferInitiatedDomainEventV1,
  TransferSourceDebitedDomainEventV1,
  TransferTargetCreditedDomainEventV1,
} from '../domain/transfer.events.js';
export { BankAccountNotFound } from '../domain/bank-account.errors.js';
export { GetBankAccountQuery } from '../read-models/bank-account-details/get-bank-account.query.js';
export { bankAccountCloudEventTypes } from './bank-account.cloudevent-types.js';
export { transferCloudEventTypes } from './transfer.cloudevent-types.js';
