export { DailyClosingBalancesQuery, type DailyClosingBalance, type DailyClosingBalances } from './daily-balances.query.js';
export { LookUpBankAccountQuery, type BankAccountSummary } from './look-up-bank-account.query.js';
export { RecordAccountTransactionCommand, type AccountMovement, type RecordedAccountTransaction } from './record-account-transaction.command.js';
export {
  BankAccountClosedDomainEventV1,
  BankAccountCreatedDomainEventV1,
  BankAccountTransactionRecordedDomainEventV1,
  OverdraftLimitChangedDomainEventV1,
  type AccountTransaction,
  type InterestPeriod,
  type TransactionDirection,
  type TransactionType,
} from '../domain/bank-account.events.js';
export { InsufficientFunds, BankAccountClosed, BankAccountNotFound } from '../domain/bank-account.errors.js';
export { GetBankAccountQuery } from '../read-models/bank-account-details/get-bank-account.query.js';
export { bankAccountCloudEventTypes } from './bank-account.cloudevent-types.js';
export { VelocityLimitExceeded, type VelocityLimits } from '../domain/velocity.js';
