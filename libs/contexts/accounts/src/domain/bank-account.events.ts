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

export type TransactionType = 'DEPOSIT' | 'WITHDRAWAL' | 'TRANSFER' | 'INTEREST';
/** IN adds to the balance, OUT takes from it. */
export type TransactionDirection = 'IN' | 'OUT';

export interface InterestPeriod {
  /** First day of the period (YYYY-MM-DD), included. */
  readonly from: string;
  /** Day after the period (YYYY-MM-DD), excluded. */
  readonly to: string;
}

export interface AccountTransaction {
  readonly transactionId: string;
  readonly type: TransactionType;
  readonly direction: TransactionDirection;
  /** Always positive; `direction` says which way it moved. */
  readonly amount: MoneyJson;
  readonly description: string;
  readonly balanceAfter: MoneyJson;
  /** When the money moved (ISO-8601). */
  readonly at: string;
  /** Transfers: the transfer and the account on the other side. */
  readonly transferId?: string;
  readonly counterpartyAccountId?: string;
  /** A transfer's debit given back after its credit was refused: the transaction it undoes. */
  readonly reverses?: string;
  /** Interest: the days it was earned on. */
  readonly interestPeriod?: InterestPeriod;
}

export interface BankAccountTransactionRecorded {
  readonly accountId: string;
  readonly transaction: AccountTransaction;
}

export class BankAccountTransactionRecordedDomainEventV1 extends domainEvent('BankAccountTransactionRecordedDomainEventV1')<BankAccountTransactionRecorded>() {}

export type BankAccountEvent =
  | BankAccountCreatedDomainEventV1
  | OverdraftLimitChangedDomainEventV1
  | BankAccountClosedDomainEventV1
  | BankAccountTransactionRecordedDomainEventV1;
