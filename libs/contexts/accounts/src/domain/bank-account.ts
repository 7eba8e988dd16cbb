import { Currency, Money, type AggregateDefinition, type MoneyJson } from '@openbank/shared-kernel';
import { BankAccountClosed, BankAccountNotFound } from './bank-account.errors.js';
import {
  BankAccountClosedDomainEventV1,
  BankAccountCreatedDomainEventV2,
  BankAccountTransactionRecordedDomainEventV1,
  OverdraftLimitChangedDomainEventV1,
  type AccountType,
  type BankAccountEvent,
} from './bank-account.events.js';

/** An account id no one has opened yet: the state every account stream starts from. */
export interface UnopenedBankAccount {
  readonly status: 'UNOPENED';
  readonly id: string;
}

interface OpenedAccountFields {
  readonly id: string;
  readonly ownerId: string;
  readonly accountType: AccountType;
  readonly currency: Currency;
  readonly balance: Money;
  readonly overdraftLimit: Money;
  readonly openedAt: string;
  readonly transactionCount: number;
  /**
   * Money in and money out since the account was opened (reversals of a transfer's debit are money
   * in): the balance is always totalCredits − totalDebits.
   */
  readonly totalCredits: Money;
  readonly totalDebits: Money;
  /** The largest single transaction, in either direction; zero before the first. */
  readonly largestTransaction: Money;
  /** When the last transaction happened (ISO-8601). */
  readonly lastTransactionAt?: string;
  /** Interest has been credited for every day before this one (YYYY-MM-DD). */
  readonly interestPaidUntil?: string;
}

export interface ActiveBankAccount extends OpenedAccountFields {
  readonly status: 'ACTIVE';
}

export interface ClosedBankAccount extends OpenedAccountFields {
  readonly status: 'CLOSED';
  readonly closedAt: string;
  readonly closeReason: string;
}

export type OpenedBankAccount = ActiveBankAccount | ClosedBankAccount;
export type BankAccountState = UnopenedBankAccount | OpenedBankAccount;
export type BankAccountStatus = OpenedBankAccount['status'];

/** The state's amounts, kept as MoneyJson in a snapshot. */
const moneyFields = ['balance', 'overdraftLimit', 'totalCredits', 'totalDebits', 'largestTransaction'] as const;

export const BankAccount: AggregateDefinition<BankAccountState, BankAccountEvent> = {
  type: 'BankAccount',
  category: 'account',
  events: [BankAccountCreatedDomainEventV2, OverdraftLimitChangedDomainEventV1, BankAccountClosedDomainEventV1, BankAccountTransactionRecordedDomainEventV1],
  initialState: (id) => ({ status: 'UNOPENED', id }),
  evolve(state, event) {
    if (event.type === 'BankAccountCreatedDomainEventV2') {
      const currency = Currency.of(event.data.currency);
      return {
        status: 'ACTIVE',
        id: state.id,
        ownerId: event.data.ownerId,
        accountType: event.data.accountType,
        currency,
        balance: Money.zero(currency),
        overdraftLimit: Money.fromJSON(event.data.overdraftLimit),
        openedAt: event.data.openedAt,
        transactionCount: 0,
        totalCredits: Money.zero(currency),
        totalDebits: Money.zero(currency),
        largestTransaction: Money.zero(currency),
      };
    }
    // Every other event is about an account that exists; one that does not stays as it is.
    if (state.status === 'UNOPENED') return state;
    switch (event.type) {
      case 'BankAccountTransactionRecordedDomainEventV1': {
        const { transaction } = event.data;
        const amount = Money.fromJSON(transaction.amount);
        return {
          ...state,
          balance: Money.fromJSON(transaction.balanceAfter),
          transactionCount: state.transactionCount + 1,
          totalCredits: transaction.direction === 'IN' ? state.totalCredits.plus(amount) : state.totalCredits,
          totalDebits: transaction.direction === 'OUT' ? state.totalDebits.plus(amount) : state.totalDebits,
          largestTransaction: amount.isGreaterThan(state.largestTransaction) ? amount : state.largestTransaction,
          lastTransactionAt: transaction.at,
          ...(transaction.interestPeriod ? { interestPaidUntil: transaction.interestPeriod.to } : {}),
        };
      }
      case 'OverdraftLimitChangedDomainEventV1':
        return { ...state, overdraftLimit: Money.fromJSON(event.data.newLimit) };
      case 'BankAccountClosedDomainEventV1':
        return { ...state, status: 'CLOSED', closedAt: event.data.closedAt, closeReason: event.data.reason };
    }
  },
  snapshot: {
    // 2: the state became a union of UNOPENED, ACTIVE and CLOSED, and the velocity entries moved to the holder.
    // 3: the account's type, and its totals of money in and out, largest transaction and last transaction's time.
    schemaVersion: 3,
    encode: (state) => {
      if (state.status === 'UNOPENED') return state;
      const encoded: Record<string, unknown> = { ...state, currency: state.currency.code };
      for (const field of moneyFields) encoded[field] = state[field].toJSON();
      return encoded;
    },
    decode: (encoded) => {
      const raw = encoded as Record<string, unknown>;
      if (raw.status === 'UNOPENED') return raw as unknown as UnopenedBankAccount;
      const decoded: Record<string, unknown> = { ...raw, currency: Currency.of(raw.currency as string) };
      for (const field of moneyFields) decoded[field] = Money.fromJSON(raw[field] as MoneyJson);
      return decoded as unknown as OpenedBankAccount;
    },
  },
};

/** Balance plus overdraft limit: what may still be taken out of the account. */
export function availableBalance(account: OpenedBankAccount): Money {
  return account.balance.plus(account.overdraftLimit);
}

export function assertOpened(state: BankAccountState): asserts state is OpenedBankAccount {
  if (state.status === 'UNOPENED') throw new BankAccountNotFound(`bank account ${state.id} does not exist`, { accountId: state.id });
}

export function assertActive(state: BankAccountState): asserts state is ActiveBankAccount {
  assertOpened(state);
  if (state.status === 'CLOSED') throw new BankAccountClosed(`bank account ${state.id} is closed`, { accountId: state.id });
}
