import { domainEvent, type MoneyJson } from '@openbank/shared-kernel';

/** CHECKING, the everyday account (and every account opened before there were types); SAVINGS. */
export type AccountType = 'CHECKING' | 'SAVINGS';
export const accountTypes: readonly AccountType[] = ['CHECKING', 'SAVINGS'];

export interface BankAccountCreated {
  readonly accountId: string;
  readonly ownerId: string;
  /** ISO 4217 code; every amount of the account is in this currency. */
  readonly currency: string;
  readonly overdraftLimit: MoneyJson;
  readonly accountType: AccountType;
  readonly openedAt: string;
}

/**
 * V2 carries the account's type. An opening deposit is not part of it: it is a transaction of its
 * own (BankAccountTransactionRecordedDomainEventV1, type DEPOSIT) recorded in the same append, so
 * every movement of money stays a transaction. V1 (stored before accounts had a type) is read as
 * V2 by the upcaster in bank-account.upcasters.ts.
 */
export class BankAccountCreatedDomainEventV2 extends domainEvent('BankAccountCreatedDomainEventV2')<BankAccountCreated>() {}

/** Data of BankAccountCreatedDomainEventV1, as versions before account types stored it. */
export type BankAccountCreatedV1 = Omit<BankAccountCreated, 'accountType'>;

/**
 * The opening as versions before account types stored it. Nothing records it any more and the
 * aggregate does not list it: stored V1 events are read back as V2 (see bank-account.upcasters.ts).
 * Kept so tools and specs can write what an older version wrote.
 */
export class BankAccountCreatedDomainEventV1 extends domainEvent('BankAccountCreatedDomainEventV1')<BankAccountCreatedV1>() {}

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
  | BankAccountCreatedDomainEventV2
  | OverdraftLimitChangedDomainEventV1
  | BankAccountClosedDomainEventV1
  | BankAccountTransactionRecordedDomainEventV1;
