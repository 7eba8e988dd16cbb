import { domainEvent, type MoneyJson } from '@openbank/shared-kernel';

export interface HolderAccountOpened {
  readonly holderId: string;
  readonly accountId: string;
  readonly currency: string;
  readonly at: string;
}

export interface HolderAccountClosed {
  readonly holderId: string;
  readonly accountId: string;
  readonly at: string;
}

export interface HolderMoneyWentOut {
  readonly holderId: string;
  readonly accountId: string;
  readonly transactionId: string;
  readonly amount: MoneyJson;
  readonly at: string;
}

export class AccountHolderAccountOpenedDomainEventV1 extends domainEvent('AccountHolderAccountOpenedDomainEventV1')<HolderAccountOpened>() {}
export class AccountHolderAccountClosedDomainEventV1 extends domainEvent('AccountHolderAccountClosedDomainEventV1')<HolderAccountClosed>() {}
export class AccountHolderMoneyWentOutDomainEventV1 extends domainEvent('AccountHolderMoneyWentOutDomainEventV1')<HolderMoneyWentOut>() {}

export type AccountHolderEvent = AccountHolderAccountOpenedDomainEventV1 | AccountHolderAccountClosedDomainEventV1 | AccountHolderMoneyWentOutDomainEventV1;
