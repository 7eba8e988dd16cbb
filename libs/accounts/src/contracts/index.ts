export {
  BankAccountClosedDomainEventV1,
  BankAccountCreatedDomainEventV1,
  OverdraftLimitChangedDomainEventV1,
} from '../domain/bank-account.events.js';
