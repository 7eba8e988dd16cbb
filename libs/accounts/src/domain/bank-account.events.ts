import { domainEvent, type MoneyJson } from '@openbank/shared-kernel';

export interface BankAccountCreated {
  readonly accountId: string;
  readonly ownerId: string;
  /** ISO 4217 code; every amount of the account is in this currency. */
  readonly currency: string;
  readonly overdraftLimit: MoneyJson;
  readonly openedAt: string;
}

export class BankAccountCreatedDomainEventV1 extends domainEvent('BankAccountCreatedDomainEventV1')<BankAccountCreated>() {}

export interface OverdraftLimitChanged {
  readonly accountId: string;
  readonly previousLimit: MoneyJson;
  readonly newLimit: MoneyJson;
}

export class OverdraftLimitChangedDomainEventV1 extends domainEvent('OverdraftLimitChangedDomainEventV1')<OverdraftLimitChanged>() {}

export interface BankAccountClosed {
  readonly accountId: string;
  readonly reason: string;
  readonly finalBalance: MoneyJson;
  readonly closedAt: string;
}

export class BankAccountClosedDomainEventV1 extends domainEvent('BankAccountClosedDomainEventV1')<BankAccountClosed>() {}

export type BankAccountEvent = BankAccountCreatedDomainEventV1 | OverdraftLimitChangedDomainEventV1 | BankAccountClosedDomainEventV1;
