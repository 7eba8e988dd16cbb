import { Money } from '@openbank/shared-kernel';
import { inFlightMinor, isSettled, type LedgerScan, type ScannedAccount, type ScannedTransfer } from './ledger-scan.js';
import type { CurrencyTotalsResponse, LedgerDifferenceResponse, LedgerVerificationResponse } from './ledger-verification.response.js';

/** What the accounts read model holds for one account (the fields the ledger check compares). */
export interface AccountReadModel {
  readonly balance_minor: number;
  readonly currency: string;
  readonly status: string;
  readonly transactions_count: number;
  readonly last_revision: number;
  readonly stale?: boolean;
}

export interface ComparisonInput {
  readonly scan: LedgerScan;
  /** Each scanned account's read model document; undefined when there is none. */
  readonly readModels: ReadonlyMap<string, AccountReadModel | undefined>;
  /** Transfers that were already on their way when the check started: they had the whole wait to settle. */
  readonly unsettledAtStart: ReadonlySet<string>;
  /** Set when the read model had not processed every event up to the position in time. */
  readonly readModelLag?: { readonly projection: string; readonly detail: string };
}

export type LedgerReport = Omit<LedgerVerificationResponse, 'checked_at' | 'position' | 'duration_ms'>;

const maxListed = 1000;

/**
 * Compares the ledger recomputed from the event store with the accounts read model, and checks
 * that money is conserved and that every transfer either completed or failed with nothing lost.
 */
export function compareLedger({ scan, readModels, unsettledAtStart, readModelLag }: ComparisonInput): LedgerReport {
  const differences: LedgerDifferenceResponse[] = [];
  if (readModelLag) differences.push({ kind: 'READ_MODEL_NOT_CAUGHT_UP', projection: readModelLag.projection, detail: readModelLag.detail });
  for (const event of scan.unreadable) {
    differences.push({ kind: 'UNREADABLE_EVENT', stream: event.streamId, detail: `${event.type} at ${event.streamId}@${event.revision} does not make sense (${event.error}): the ledger cannot count it` });
  }

  const readModelSums = new Map<string, number>();
  const eventStoreSums = new Map<string, number>();
  let matching = 0;
  let changedDuringCheck = 0;
  for (const account of scan.accounts.values()) {
    add(eventStoreSums, account.currency, account.recordedBalanceMinor);
    if (account.recordedBalanceMismatch) differences.push(recordedBalanceMismatch(account));
    const document = readModels.get(account.id);
    if (!document) {
      differences.push({ kind: 'ACCOUNT_MISSING_FROM_READ_MODEL', account_id: account.id, detail: `account ${account.id} is in the event store but not in the accounts read model` });
      continue;
    }
    if (document.last_revision > account.revision) {
      // Changed after the verified position: its newer balance cannot be compared with this scan.
      changedDuringCheck++;
      add(readModelSums, account.currency, account.balanceMinor);
      continue;
    }
    // A balance that is not a whole number of minor units counts as nothing (and differs below).
    add(readModelSums, account.currency, Number.isSafeInteger(document.balance_minor) ? document.balance_minor : 0);
    const found = documentDifferences(account, document);
    differences.push(...found);
    if (found.length === 0) matching++;
  }

  const inFlight = new Map<string, number>();
  const transfers = { checked: scan.transfers.size, completed: 0, failed: 0, in_flight: 0 };
  for (const transfer of scan.transfers.values()) {
    if (transfer.status === 'COMPLETED') transfers.completed++;
    if (transfer.status === 'FAILED') transfers.failed++;
    if (!transfer.status) {
      differences.push({ kind: 'TRANSFER_LEG_WITHOUT_TRANSFER', transfer_id: transfer.id, detail: `accounts record legs of transfer ${transfer.id}, which has no stream` });
      continue;
    }
    if (isSettled(transfer)) {
      const unbalanced = unbalancedTransfer(transfer);
      if (unbalanced) differences.push(unbalanced);
      continue;
    }
    add(inFlight, transfer.currency!, inFlightMinor(transfer));
    if (unsettledAtStart.has(transfer.id)) {
      differences.push({
        kind: 'TRANSFER_NOT_SETTLED',
        transfer_id: transfer.id,
        detail: `transfer ${transfer.id} (initiated ${transfer.initiatedAt}) is still ${transfer.status}: neither completed nor failed`,
      });
    } else transfers.in_flight++;
  }

  const currencies = new Set([...scan.flows.keys(), ...eventStoreSums.keys(), ...readModelSums.keys(), ...inFlight.keys()]);
  const totals = [...currencies].sort().map((currency) => totalsOf(currency, scan, inFlight, eventStoreSums, readModelSums));
  for (const total of totals.filter((candidate) => !candidate.conserved)) {
    differences.push({
      kind: 'CONSERVATION_VIOLATED',
      currency: total.currency,
      expected: total.expected_balance_sum,
      actual: total.read_model_balance_sum,
      detail:
        `${total.currency}: deposits ${total.deposits} + interest ${total.interest} − withdrawals ${total.withdrawals} − in flight ${total.in_flight} = ${total.expected_balance_sum}, ` +
        `but the balances add up to ${total.event_store_balance_sum} in the event store and ${total.read_model_balance_sum} in the read model`,
    });
  }

  return {
    ok: differences.length === 0,
    events_read: scan.eventsRead,
    read_models_caught_up: !readModelLag,
    accounts: { checked: scan.accounts.size, matching, changed_during_check: changedDuringCheck },
    transfers,
    totals,
    difference_count: differences.length,
    differences: differences.slice(0, maxListed),
  };
}

function documentDifferences(account: ScannedAccount, document: AccountReadModel): LedgerDifferenceResponse[] {
  const found: LedgerDifferenceResponse[] = [];
  const at = { account_id: account.id };
  if (document.last_revision < account.revision) {
    found.push({ kind: 'READ_MODEL_BEHIND', ...at, expected: String(account.revision), actual: String(document.last_revision), detail: `account ${account.id} is at revision ${document.last_revision} in the read model, ${account.revision} in the event store` });
  }
  if (document.stale) found.push({ kind: 'READ_MODEL_STALE', ...at, detail: `account ${account.id} is marked stale in the read model: an event for it was parked` });
  if (document.balance_minor !== account.balanceMinor || document.currency !== account.currency) {
    const expected = money(account.balanceMinor, account.currency);
    const actual = readModelAmount(document);
    found.push({
      kind: 'BALANCE_MISMATCH',
      ...at,
      currency: account.currency,
      expected: expected.toDecimalString(),
      actual: actual.amount,
      detail: `account ${account.id} has ${actual.text} in the read model, ${expected} from its events`,
    });
  }
  if (document.transactions_count !== account.transactions) {
    found.push({ kind: 'TRANSACTION_COUNT_MISMATCH', ...at, expected: String(account.transactions), actual: String(document.transactions_count), detail: `account ${account.id} has ${document.transactions_count} transactions in the read model, ${account.transactions} in the event store` });
  }
  if (document.status !== account.status) {
    found.push({ kind: 'STATUS_MISMATCH', ...at, expected: account.status, actual: document.status, detail: `account ${account.id} is ${document.status} in the read model, ${account.status} in the event store` });
  }
  return found;
}

function recordedBalanceMismatch(account: ScannedAccount): LedgerDifferenceResponse {
  const { transactionId, recordedMinor, computedMinor } = account.recordedBalanceMismatch!;
  return {
    kind: 'RECORDED_BALANCE_MISMATCH',
    account_id: account.id,
    currency: account.currency,
    expected: money(computedMinor, account.currency).toDecimalString(),
    actual: money(recordedMinor, account.currency).toDecimalString(),
    detail: `account ${account.id} recorded a balance of ${money(recordedMinor, account.currency)} after transaction ${transactionId}, but its movements add up to ${money(computedMinor, account.currency)}`,
  };
}

/** A settled transfer moved exactly its amount from source to target, or nothing at all in the end. */
function unbalancedTransfer(transfer: ScannedTransfer): LedgerDifferenceResponse | undefined {
  const amount = transfer.amountMinor ?? 0;
  const { debitedMinor: debited, creditedMinor: credited, reversedMinor: reversed } = transfer;
  const balanced =
    transfer.status === 'COMPLETED'
      ? debited === amount && credited === amount && reversed === 0
      : credited === 0 && debited === reversed && (transfer.compensated ? debited === amount : debited === 0);
  if (balanced) return undefined;
  const format = (minor: number) => money(minor, transfer.currency!).toString();
  return {
    kind: 'TRANSFER_UNBALANCED',
    transfer_id: transfer.id,
    currency: transfer.currency,
    detail:
      `transfer ${transfer.id} is ${transfer.status}${transfer.status === 'FAILED' ? (transfer.compensated ? ' (compensated)' : ' (not compensated)') : ''} for ${format(amount)}, ` +
      `but its legs debited ${format(debited)}, credited ${format(credited)} and gave back ${format(reversed)}`,
  };
}

function totalsOf(currency: string, scan: LedgerScan, inFlight: Map<string, number>, eventStore: Map<string, number>, readModel: Map<string, number>): CurrencyTotalsResponse {
  const flows = scan.flows.get(currency) ?? { deposits: 0, interest: 0, withdrawals: 0 };
  const moving = inFlight.get(currency) ?? 0;
  const expected = flows.deposits + flows.interest - flows.withdrawals - moving;
  const eventStoreSum = eventStore.get(currency) ?? 0;
  const readModelSum = readModel.get(currency) ?? 0;
  const text = (minor: number) => money(minor, currency).toDecimalString();
  return {
    currency,
    deposits: text(flows.deposits),
    interest: text(flows.interest),
    withdrawals: text(flows.withdrawals),
    in_flight: text(moving),
    expected_balance_sum: text(expected),
    event_store_balance_sum: text(eventStoreSum),
    read_model_balance_sum: text(readModelSum),
    conserved: expected === eventStoreSum && expected === readModelSum,
  };
}

function add(sums: Map<string, number>, currency: string, minor: number): void {
  sums.set(currency, Money.ofMinor((sums.get(currency) ?? 0) + minor, currency).minor);
}

/** The read model's balance as it is, even when its currency or amount is not a valid one. */
function readModelAmount(document: AccountReadModel): { amount: string; text: string } {
  try {
    const balance = money(document.balance_minor, document.currency);
    return { amount: balance.toDecimalString(), text: balance.toString() };
  } catch {
    return { amount: `${document.balance_minor} minor units`, text: `${document.balance_minor} minor units of ${document.currency}` };
  }
}

function money(minor: number, currency: string): Money {
  return Money.ofMinor(minor, currency);
}
