import type { CloudEventTypes } from '@openbank/cloudevents';
import type { BankAccountEvent } from '../domain/bank-account.events.js';

/** The CloudEvent type each bank account event is published under (see CloudEventTypes). */
export const bankAccountCloudEventTypes: CloudEventTypes<BankAccountEvent> = {
  // V2 added the account's type; accounts opened before it are published as V2 too (CHECKING), read through the upcaster.
  BankAccountCreatedDomainEventV2: 'bank.account.created.v2',
  OverdraftLimitChangedDomainEventV1: 'bank.account.overdraft-limit-changed.v1',
  BankAccountClosedDomainEventV1: 'bank.account.closed.v1',
  // Deposits, withdrawals, transfer legs and interest: one type, told apart by `transaction.type`.
  BankAccountTransactionRecordedDomainEventV1: 'bank.transaction.v1',
};
