import { Currency, Money, type AggregateDefinition, type MoneyJson } from '@openbank/shared-kernel';
import { recentOutgoing, type OutgoingEntry } from './velocity.js';
import {
  BalanceNotZero,
  BankAccountAlreadyExists,
  BankAccountClosed,
  BankAccountNotFound,
  InvalidCloseReason,
  NegativeOverdraftLimit,
  OverdraftLimitBelowUsage,
} from './bank-account.errors.js';
import {
  BankAccountClosedDomainEventV1,
  BankAccountCreatedDomainEventV1,
  BankAccountTransactionRecordedDomainEventV1,
  OverdraftLimitChangedDomainEventV1,
  type BankAccountEvent,
} from './bank-account.events.js';

export type BankAccountStatus = 'ACTIVE' | 'CLOSED';

export interface BankAccountState {
  readonly id: string;
  readonly opened: boolean;
  readonly ownerId: string;
  readonly currency?: Currency;
  readonly balance?: Money;
  readonly overdraftLimit?: Money;
  readonly status?: BankAccountStatus;
  readonly openedAt?: string;
  readonly closedAt?: string;
  readonly closeReason?: string;
  readonly transactionCount?: number;
  /** Interest has been credited for every day before this one (YYYY-MM-DD). */
  readonly interestPaidUntil?: string;
  /** Money out in the last 24 hours, for the velocity limits. */
  readonly recentOutgoing?: readonly OutgoingEntry[];
}

/** The state of an account that exists: every money field is there. */
export type OpenedBankAccount = Required<Pick<BankAccountState, 'currency' | 'balance' | 'overdraftLimit' | 'status' | 'openedAt'>> & BankAccountState;

export const BankAccount: AggregateDefinition<BankAccountState, BankAccountEvent> = {
  type: 'BankAccount',
  category: 'account',
  events: [BankAccountCreatedDomainEventV1, OverdraftLimitChangedDomainEventV1, BankAccountClosedDomainEventV1, BankAccountTransactionRecordedDomainEventV1],
  initialState: (id) => ({ id, opened: false, ownerId: '' }),
  evolve(state, event) {
    switch (event.type) {
      case 'BankAccountCreatedDomainEventV1': {
        const currency = Currency.of(event.data.currency);
        return {
          ...state,
          opened: true,
          ownerId: event.data.ownerId,
          currency,
          balance: Money.zero(currency),
          overdraftLimit: Money.fromJSON(event.data.overdraftLimit),
          status: 'ACTIVE',
          openedAt: event.data.openedAt,
          transactionCount: 0,
        };
      }
      case 'BankAccountTransactionRecordedDomainEventV1': {
        const { transaction } = event.data;
        return {
          ...state,
          balance: Money.fromJSON(transaction.balanceAfter),
          transactionCount: (state.transactionCount ?? 0) + 1,
          recentOutgoing: recentOutgoing(state.recentOutgoing, transaction.at, transaction.direction === 'OUT' ? transaction.amount.minor : undefined),
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
    schemaVersion: 1,
    encode: (state) => ({
      ...state,
      currency: state.currency?.code,
      balance: state.balance?.toJSON(),
      overdraftLimit: state.overdraftLimit?.toJSON(),
    }),
    decode: (encoded) => {
      const raw = encoded as Omit<BankAccountState, 'currency' | 'balance' | 'overdraftLimit'> & { currency?: string; balance?: MoneyJson; overdraftLimit?: MoneyJson };
      return {
        ...raw,
        currency: raw.currency ? Currency.of(raw.currency) : undefined,
        balance: raw.balance && Money.fromJSON(raw.balance),
        overdraftLimit: raw.overdraftLimit && Money.fromJSON(raw.overdraftLimit),
      };
    },
  },
};

/** Balance plus overdraft limit: what may still be taken out of the account. */
export function availableBalance(account: OpenedBankAccount): Money {
  return account.balance.plus(account.overdraftLimit);
}

export function assertOpened(state: BankAccountState): asserts state is OpenedBankAccount {
  if (!state.opened) throw new BankAccountNotFound(`bank account ${state.id} does not exist`, { accountId: state.id });
}

export function assertActive(state: BankAccountState): asserts state is OpenedBankAccount {
  assertOpened(state);
  if (state.status === 'CLOSED') throw new BankAccountClosed(`bank account ${state.id} is closed`, { accountId: state.id });
}

export interface OpenBankAccount {
  readonly ownerId: string;
  /** ISO 4217 code. */
  readonly currency: string;
  /** Decimal amount in that currency, e.g. "500.00". */
  readonly overdraftLimit: string;
}

export function openBankAccount(state: BankAccountState, command: OpenBankAccount, now: Date): BankAccountEvent[] {
  if (state.opened) throw new BankAccountAlreadyExists(`bank account ${state.id} already exists`, { accountId: state.id });
  const overdraftLimit = Money.parse(command.overdraftLimit, command.currency);
  assertNotNegative(overdraftLimit);
  return [
    new BankAccountCreatedDomainEventV1({
      accountId: state.id,
      ownerId: command.ownerId,
      currency: overdraftLimit.currency.code,
      overdraftLimit: overdraftLimit.toJSON(),
      openedAt: now.toISOString(),
    }),
  ];
}

/**
 * A lower limit is refused when the balance is already below it: the account would be over its
 * limit the moment the change lands.
 */
export function changeOverdraftLimit(state: BankAccountState, requestedLimit: string): BankAccountEvent[] {
  assertActive(state);
  const newLimit = Money.parse(requestedLimit, state.currency);
  assertNotNegative(newLimit);
  if (newLimit.equals(state.overdraftLimit)) return [];
  if (state.balance.plus(newLimit).isNegative()) {
    throw new OverdraftLimitBelowUsage(`the balance ${state.balance} is below the requested overdraft limit of ${newLimit}`, {
      accountId: state.id,
    });
  }
  return [new OverdraftLimitChangedDomainEventV1({ accountId: state.id, previousLimit: state.overdraftLimit.toJSON(), newLimit: newLimit.toJSON() })];
}

export function closeBankAccount(state: BankAccountState, reason: string, now: Date): BankAccountEvent[] {
  assertActive(state);
  const trimmed = reason.trim();
  if (!trimmed) throw new InvalidCloseReason('a reason is required to close an account');
  if (!state.balance.isZero()) {
    throw new BalanceNotZero(`the balance is ${state.balance}; only an account with a zero balance can be closed`, { accountId: state.id });
  }
  return [new BankAccountClosedDomainEventV1({ accountId: state.id, reason: trimmed, finalBalance: state.balance.toJSON(), closedAt: now.toISOString() })];
}

function assertNotNegative(limit: Money): void {
  if (limit.isNegative()) throw new NegativeOverdraftLimit(`an overdraft limit cannot be negative (${limit})`);
}
