import { domainError, Money, type AggregateDefinition } from '@openbank/shared-kernel';
import {
  AccountHolderAccountClosedDomainEventV1,
  AccountHolderAccountOpenedDomainEventV1,
  AccountHolderMoneyWentOutDomainEventV1,
  type AccountHolderEvent,
} from './account-holder.events.js';

export class TooManyOpenAccounts extends domainError('TOO_MANY_OPEN_ACCOUNTS', 'rule-violated') {}

/**
 * Money that left one of the holder's accounts; kept for 24 hours, which is all the limits look at.
 * It is known by its account and transaction: another record of the same transaction is the
 * same money, counted once.
 */
export interface HolderOutgoing {
  readonly accountId: string;
  readonly transactionId: string;
  readonly at: string;
  readonly minor: number;
  readonly currency: string;
}

/** The transaction money would leave in: its account and its id. */
export interface OutgoingTransaction {
  readonly accountId: string;
  readonly transactionId: string;
}

/**
 * A person as a holder of accounts: what the bank limits across all of their accounts at once.
 * Its stream (`holder-<person id>`) is written together with the account each change concerns,
 * so no limit can be dodged by spreading money over several accounts or by racing two requests.
 *
 * Where the store cannot append to several streams atomically, the two streams are written one
 * after the other, in the order that errs on the side of the limits: what uses an allowance up
 * (an opening, money going out) is recorded on the holder first, what frees one (a close) only
 * once the account holds it. Every record is known by what it is about (the account, the
 * transaction), so a decision taken again (after a conflict, on a retry with the same
 * Idempotency-Key, or a transfer step delivered again, all of which name the same account or
 * transaction) records nothing twice and is not held against its own earlier record.
 *
 * What a crash between the two appends, or a decision refused when taken again after a conflict,
 * can leave is the holder counting more than happened, never less:
 * - money out: the holder counts money that has not left (yet). A retry of the same operation
 *   takes it out without counting it twice, for 24 hours from when it left (see recordMoneyOut);
 *   without a retry it stops counting 24 hours after the record.
 * - an opening: the holder counts an account that does not exist (yet), holding a place. A retry
 *   of the same operation opens that very account; otherwise the place stays held.
 * - a close: the account is closed and the holder still counts it. A retry of the same operation
 *   records the close; otherwise an opening at the maximum releases it (see OpenBankAccountHandler).
 * No limit can be passed that way, and no opening, close or money out is counted twice.
 */
export interface AccountHolderState {
  readonly id: string;
  readonly openAccounts: readonly string[];
  readonly recentOutgoing: readonly HolderOutgoing[];
}

const hourMs = 3_600_000;
const dayMs = 24 * hourMs;
/** How long after a transaction's record a decision taken again still records it at the same time (see recordMoneyOut). */
const sameInstantMs = 60_000;

export const AccountHolder: AggregateDefinition<AccountHolderState, AccountHolderEvent> = {
  type: 'AccountHolder',
  category: 'holder',
  events: [AccountHolderAccountOpenedDomainEventV1, AccountHolderAccountClosedDomainEventV1, AccountHolderMoneyWentOutDomainEventV1],
  initialState: (id) => ({ id, openAccounts: [], recentOutgoing: [] }),
  evolve(state, event) {
    switch (event.type) {
      case 'AccountHolderAccountOpenedDomainEventV1':
        return state.openAccounts.includes(event.data.accountId) ? state : { ...state, openAccounts: [...state.openAccounts, event.data.accountId] };
      case 'AccountHolderAccountClosedDomainEventV1':
        return { ...state, openAccounts: state.openAccounts.filter((accountId) => accountId !== event.data.accountId) };
      case 'AccountHolderMoneyWentOutDomainEventV1': {
        // A transaction recorded again replaces its earlier record: counted once, from the later time.
        const { accountId, transactionId, amount } = event.data;
        const earlier = recordOf(state, event.data);
        const at = earlier && Date.parse(earlier.at) > Date.parse(event.data.at) ? earlier.at : event.data.at;
        const since = Date.parse(at) - dayMs;
        const kept = state.recentOutgoing.filter((entry) => Date.parse(entry.at) > since && entry !== earlier);
        return { ...state, recentOutgoing: [...kept, { accountId, transactionId, at, minor: amount.minor, currency: amount.currency }] };
      }
    }
  },
  // 2: the money that went out is kept with its account and transaction, so each is counted once.
  snapshot: { schemaVersion: 2, encode: (state) => state, decode: (encoded) => encoded as AccountHolderState },
};

/**
 * Money out of the holder's accounts of one currency in the 24 hours before `now`, and how many
 * times in the last hour (any currency). The holder's record of `own`, the transaction being
 * decided, is left out: it is this very money, recorded by an earlier attempt of the decision.
 */
export function outgoingOf(holder: AccountHolderState, currency: string, now: Date, own?: OutgoingTransaction): { lastDayMinor: number; lastHourCount: number } {
  const recent = holder.recentOutgoing.filter((entry) => Date.parse(entry.at) > now.getTime() - dayMs && !(own && isRecordOf(entry, own)));
  return {
    lastDayMinor: recent.filter((entry) => entry.currency === currency).reduce((sum, entry) => sum + entry.minor, 0),
    lastHourCount: recent.filter((entry) => Date.parse(entry.at) > now.getTime() - hourMs).length,
  };
}

/**
 * An account opened for the holder; `maximum` is how many open accounts they may hold (none for
 * the bank's own decisions). An account the holder already counts (an earlier attempt of this
 * opening recorded it, then not the account) is neither counted twice nor held against itself.
 */
export function holdAnotherAccount(holder: AccountHolderState, account: { accountId: string; currency: string }, maximum: number | undefined, now: Date): AccountHolderEvent[] {
  if (holder.openAccounts.includes(account.accountId)) return [];
  if (maximum !== undefined && holder.openAccounts.length >= maximum) {
    throw new TooManyOpenAccounts(`a customer may hold at most ${maximum} open accounts; bank staff may open more`, { maximum });
  }
  return [new AccountHolderAccountOpenedDomainEventV1({ holderId: holder.id, ...account, at: now.toISOString() })];
}

/** The account no longer counts among the holder's; nothing when it does not (never counted, or already released). */
export function stopHoldingAccount(holder: AccountHolderState, accountId: string, at: Date): AccountHolderEvent[] {
  return holder.openAccounts.includes(accountId) ? [new AccountHolderAccountClosedDomainEventV1({ holderId: holder.id, accountId, at: at.toISOString() })] : [];
}

/**
 * Money that left one of the holder's accounts. Nothing when the holder counts that transaction
 * already, from an earlier attempt of this decision within the last minute (a conflict, a quick
 * retry): it is the same money at the same time, and its 24 hours end at most a minute early. A
 * retry later than that (after a crash between the two appends) records it again at its new
 * time, which replaces the earlier record: still counted once, for the 24 hours after it left.
 */
export function recordMoneyOut(holder: AccountHolderState, outgoing: OutgoingTransaction & { amount: Money }, now: Date): AccountHolderEvent[] {
  const earlier = recordOf(holder, outgoing);
  if (earlier && now.getTime() - Date.parse(earlier.at) < sameInstantMs) return [];
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

function recordOf(holder: AccountHolderState, transaction: OutgoingTransaction): HolderOutgoing | undefined {
  return holder.recentOutgoing.find((entry) => isRecordOf(entry, transaction));
}

function isRecordOf(entry: HolderOutgoing, { accountId, transactionId }: OutgoingTransaction): boolean {
  return entry.accountId === accountId && entry.transactionId === transactionId;
}
