import { Currency, Money, type AggregateDefinition, type MoneyJson } from '@openbank/shared-kernel';
import { BankAccountClosed, BankAccountNotFound } from './bank-account.errors.js';
import {
  BankAccountClosedDomainEventV1,
  BankAccountCreatedDomainEventV1,
  BankAccountTransactionRecordedDomainEventV1,
  OverdraftLimitChangedDomainEventV1,
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
  readonly currency: Currency;
  readonly balance: Money;
  readonly overdraftLimit: Money;
  readonly openedAt: string;
  readonly transactionCount: number;
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

export const BankAccount: AggregateDefinition<BankAccountState, BankAccountEvent> = {
  type: 'BankAccount',
  category: 'account',
  events: [BankAccountCreatedDomainEventV1, OverdraftLimitChangedDomainEventV1, BankAccountClosedDomainEventV1, BankAccountTransactionRecordedDomainEventV1],
  initialState: (id) => ({ status: 'UNOPENED', id }),
  evolve(state, event) {
    if (event.type === 'BankAccountCreatedDomainEventV1') {
      const currency = Currency.of(event.data.currency);
      return {
        status: 'ACTIVE',
        id: state.id,
        ownerId: event.data.ownerId,
        currency,
        balance: Money.zero(currency),
        overdraftLimit: Money.fromJSON(event.data.overdraftLimit),
        openedAt: event.data.openedAt,
        transactionCount: 0,
      };
    }
    // Every other event is about an account that exists; one that does not stays as it is.
    if (state.status === 'UNOPENED') return state;
    switch (event.type) {
      case 'BankAccountTransactionRecordedDomainEventV1': {
        const { transaction } = event.data;
        return {
          ...state,
          balance: Money.fromJSON(transaction.balanceAfter),
          transactionCount: state.transactionCount + 1,
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
    schemaVersion: 2,
    encode: (state) => (state.status === 'UNOPENED' ? state : { ...state, currency: state.currency.code, balance: state.balance.toJSON(), overdraftLimit: state.overdraftLimit.toJSON() }),
    decode: (encoded) => {
      const raw = encoded as BankAccountState | (Omit<OpenedBankAccount, 'currency' | 'balance' | 'overdraftLimit'> & { currency: string; balance: MoneyJson; overdraftLimit: MoneyJson });
      if (raw.status === 'UNOPENED') return raw;
      const opened = raw as Omit<OpenedBankAccount, 'currency' | 'balance' | 'overdraftLimit'> & { currency: string; balance: MoneyJson; overdraftLimit: MoneyJson };
      return { ...opened, currency: Currency.of(opened.currency), balance: Money.fromJSON(opened.balance), overdraftLimit: Money.fromJSON(opened.overdraftLimit) } as OpenedBankAccount;
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
