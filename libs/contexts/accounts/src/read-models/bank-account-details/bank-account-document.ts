import { Currency, Money } from '@openbank/shared-kernel';
import type { BankAccountState, OpenedBankAccount } from '../../domain/bank-account.js';
import type { BankAccountDetails } from './bank-account-details.schema.js';

/** The document of an account in its state at `revision`: how the read model (and every command's answer) shows it. */
export function bankAccountDocumentOf(account: OpenedBankAccount, owner: string, revision: bigint, lastModified: Date): BankAccountDetails {
  return {
    _id: account.id,
    owner_id: account.ownerId,
    owner,
    account_type: account.accountType,
    currency: account.currency.code,
    balance_minor: account.balance.minor,
    overdraft_limit_minor: account.overdraftLimit.minor,
    status: account.status,
    created_at: new Date(account.openedAt),
    last_modified: lastModified,
    ...(account.status === 'CLOSED' ? { closed_at: new Date(account.closedAt), close_reason: account.closeReason } : {}),
    transactions_count: account.transactionCount,
    total_credits_minor: account.totalCredits.minor,
    total_debits_minor: account.totalDebits.minor,
    largest_transaction_minor: account.largestTransaction.minor,
    ...(account.lastTransactionAt ? { last_transaction_at: new Date(account.lastTransactionAt) } : {}),
    ...(account.interestPaidUntil ? { interest_paid_until: account.interestPaidUntil } : {}),
    last_revision: Number(revision),
  };
}

/**
 * Whether the document carries everything the state needs: one written before the account's type
 * and totals were kept lacks them, and is rebuilt from the write model before it is moved on.
 */
export function isCompleteBankAccountDocument(document: BankAccountDetails): boolean {
  return document.account_type !== undefined && document.total_credits_minor !== undefined;
}

/** The aggregate state a document stands for, so the domain's own evolve can move it on. */
export function bankAccountStateOf(document: BankAccountDetails): BankAccountState {
  const currency = Currency.of(document.currency);
  const opened = {
    id: document._id,
    ownerId: document.owner_id,
    accountType: document.account_type,
    currency,
    balance: Money.ofMinor(document.balance_minor, currency),
    overdraftLimit: Money.ofMinor(document.overdraft_limit_minor, currency),
    openedAt: document.created_at.toISOString(),
    transactionCount: document.transactions_count,
    totalCredits: Money.ofMinor(document.total_credits_minor, currency),
    totalDebits: Money.ofMinor(document.total_debits_minor, currency),
    largestTransaction: Money.ofMinor(document.largest_transaction_minor, currency),
    ...(document.last_transaction_at ? { lastTransactionAt: document.last_transaction_at.toISOString() } : {}),
    ...(document.interest_paid_until ? { interestPaidUntil: document.interest_paid_until } : {}),
  };
  return document.status === 'CLOSED'
    ? { ...opened, status: 'CLOSED', closedAt: document.closed_at!.toISOString(), closeReason: document.close_reason ?? '' }
    : { ...opened, status: 'ACTIVE' };
}
