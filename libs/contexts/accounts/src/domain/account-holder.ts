import { domainError, Money, type AggregateDefinition } from '@openbank/shared-kernel';
import {
  AccountHolderAccountClosedDomainEventV1,
  AccountHolderAccountOpenedDomainEventV1,
  AccountHolderMoneyWentOutDomainEventV1,
  type AccountHolderEvent,
} from './account-holder.events.js';

export class TooManyOpenAccounts extends domainError('TOO_MANY_OPEN_ACCOUNTS', 'rule-violated') {}

/** Money that left one of the holder's accounts; kept for 24 hours, which is all the limits look at. */
export interface HolderOutgoing {
  readonly at: string;
  readonly minor: number;
  readonly currency: string;
}

/**
 * A person as a holder of accounts: what the bank limits across all of their accounts at once.
 * Its stream (`holder-<person id>`) is written together with the account each change concerns,
 * so no limit can be dodged by spreading money over several accounts or by racing two requests.
 */
export interface AccountHolderState {
  readonly id: string;
  readonly openAccounts: readonly string[];
  readonly recentOutgoing: readonly HolderOutgoing[];
}

const hourMs = 3_600_000;
const dayMs = 24 * hourMs;

export const AccountHolder: AggregateDefinition<AccountHolderState, AccountHolderEvent> = {
  type: 'AccountHolder',
  category: 'holder',
  events: [AccountHolderAccountOpenedDomainEventV1, AccountHolderAccountClosedDomainEventV1, AccountHolderMoneyWentOutDomainEventV1],
  initialState: (id) => ({ id, openAccounts: [], recentOutgoing: [] }),
  evolve(state, event) {
    switch (event.type) {
      case 'AccountHolderAccountOpenedDomainEventV1':
        return { ...state, openAccounts: [...state.openAccounts, event.data.accountId] };
      case 'AccountHolderAccountClosedDomainEventV1':
        return { ...state, openAccounts: state.openAccounts.filter((accountId) => accountId !== event.data.accountId) };
      case 'AccountHolderMoneyWentOutDomainEventV1': {
        const since = Date.parse(event.data.at) - dayMs;
        const kept = state.recentOutgoing.filter((entry) => Date.parse(entry.at) > since);
        return { ...state, recentOutgoing: [...kept, { at: event.data.at, minor: event.data.amount.minor, currency: event.data.amount.currency }] };
      }
    }
  },
  snapshot: { schemaVersion: 1, encode: (state) => state, decode: (encoded) => encoded as AccountHolderState },
};

/** Money out of the holder's accounts of one currency in the 24 hours before `now`, and how many times in the last hour (any currency). */
export function outgoingOf(holder: AccountHolderState, currency: string, now: Date): { lastDayMinor: number; lastHourCount: number } {
  const recent = holder.recentOutgoing.filter((entry) => Date.parse(entry.at) > now.getTime() - dayMs);
  return {
    lastDayMinor: recent.filter((entry) => entry.currency === currency).reduce((sum, entry) => sum + entry.minor, 0),
    lastHourCount: recent.filter((entry) => Date.parse(entry.at) > now.getTime() - hourMs).length,
  };
}

/** An account opened for the holder; `maximum` is how many open accounts they may hold (none for the bank's own decisions). */
export function holdAnotherAccount(holder: AccountHolderState, account: { accountId: string; currency: string }, maximum: number | undefined, now: Date): AccountHolderEvent[] {
  if (maximum !== undefined && holder.openAccounts.length >= maximum) {
    throw new TooManyOpenAccounts(`a customer may hold at most ${maximum} open accounts; bank staff may open more`, { maximum });
  }
  return [new AccountHolderAccountOpenedDomainEventV1({ holderId: holder.id, ...account, at: now.toISOString() })];
}

export function stopHoldingAccount(holder: AccountHolderState, accountId: string, now: Date): AccountHolderEvent[] {
  return holder.openAccounts.includes(accountId) ? [new AccountHolderAccountClosedDomainEventV1({ holderId: holder.id, accountId, at: now.toISOString() })] : [];
}

export function recordMoneyOut(holder: AccountHolderState, outgoing: { accountId: string; transactionId: string; amount: Money }, now: Date): AccountHolderEvent[] {
  return [
    new AccountHolderMoneyWentOutDomainEventV1({
      holderId: holder.id,
      accountId: outgoing.accountId,
      transactionId: outgoing.transactionId,
      amount: outgoing.amount.toJSON(),
      at: now.toISOString(),
    }),
  ];
}
