import type { OtherAggregates } from '@openbank/event-sourcing';
import { AccountHolder, type AccountHolderState } from '../domain/account-holder.js';
import type { BankAccountState } from '../domain/bank-account.js';

/** The holder of an account, loaded for a decision; an account that does not exist has none (the decision refuses it). */
export function holderOf(account: BankAccountState, others: OtherAggregates): Promise<AccountHolderState> {
  return account.status === 'UNOPENED' ? Promise.resolve(AccountHolder.initialState('')) : others.load(AccountHolder, account.ownerId);
}
