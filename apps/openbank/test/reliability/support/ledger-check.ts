import { KurrentDBClient, StreamNotFoundError } from '@kurrent/kurrentdb-client';
import { setTimeout as sleep } from 'node:timers/promises';
import type { OpenedAccount, Outcome } from './bank-run.js';

interface Money {
  readonly minor: number;
  readonly currency: string;
}

interface Transaction {
  readonly transactionId: string;
  readonly type: 'DEPOSIT' | 'WITHDRAWAL' | 'TRANSFER' | 'INTEREST';
  readonly direction: 'IN' | 'OUT';
  readonly amount: Money;
  readonly balanceAfter: Money;
  readonly transferId?: string;
  readonly reverses?: string;
}

/** An account as its own stream tells it, folded here independently of the application's code. */
export interface AccountLedger {
  readonly id: string;
  readonly currency: string;
  readonly balance: number;
  readonly revision: number;
  readonly transactions: readonly Transaction[];
}

export type TransferEnding = 'COMPLETED' | 'FAILED' | 'UNSETTLED';

/** What the write model holds after a run, and every way it breaks the bank's invariants. */
export interface WriteModelCheck {
  readonly accounts: readonly AccountLedger[];
  readonly transfers: ReadonlyMap<string, TransferEnding>;
  readonly violations: string[];
}

const cents = (amount: string) => Math.round(Number(amount) * 100);
const isAcknowledged = ({ answer }: Outcome) => answer.status >= 200 && answer.status < 300;

/**
 * The invariants of the ledger, read from the event store with the client (never through the
 * application): every balance is the sum of its transactions and never went below minus the
 * overdraft limit in force; every acknowledged operation is recorded exactly once and nothing
 * else is; every transfer ended completed or failed, its legs balanced; and, per currency, the
 * sum of the balances is deposits + interest − withdrawals of the acknowledged answers.
 */
export async function checkWriteModel(connectionString: string, accounts: readonly OpenedAccount[], outcomes: readonly Outcome[], settleWithinMs = 60_000): Promise<WriteModelCheck> {
  const client = KurrentDBClient.connectionString(connectionString);
  try {
    const violations: string[] = [];
    const acknowledged = outcomes.filter(isAcknowledged);
    const transfers = await transferEndings(client, acknowledged, settleWithinMs);
    for (const [id, ending] of transfers) if (ending === 'UNSETTLED') violations.push(`transfer ${id} did not settle within ${settleWithinMs} ms`);
    const ledgers = await Promise.all(accounts.map((account) => accountLedger(client, account, violations)));
    checkRecordedOnce(ledgers, acknowledged, violations);
    checkTransferLegs(ledgers, acknowledged, transfers, violations);
    checkConservation(ledgers, acknowledged, violations);
    return { accounts: ledgers, transfers, violations };
  } finally {
    await client.dispose();
  }
}

async function readStream(client: KurrentDBClient, stream: string): Promise<{ type: string; data: any; revision: number }[]> {
  const events: { type: string; data: any; revision: number }[] = [];
  try {
    for await (const { event } of client.readStream(stream)) if (event) events.push({ type: event.type, data: event.data, revision: Number(event.revision) });
  } catch (error) {
    if (!(error instanceof StreamNotFoundError)) throw error;
  }
  return events;
}

async function accountLedger(client: KurrentDBClient, account: OpenedAccount, violations: string[]): Promise<AccountLedger> {
  const events = await readStream(client, `account-${account.id}`);
  let limit = 0;
  let balance = 0;
  const transactions: Transaction[] = [];
  for (const { type, data } of events) {
    if (type === 'BankAccountCreatedDomainEventV2' || type === 'BankAccountCreatedDomainEventV1') limit = data.overdraftLimit.minor;
    if (type === 'OverdraftLimitChangedDomainEventV1') limit = data.newLimit.minor;
    if (type !== 'BankAccountTransactionRecordedDomainEventV1') continue;
    const transaction = data.transaction as Transaction;
    transactions.push(transaction);
    balance += transaction.direction === 'IN' ? transaction.amount.minor : -transaction.amount.minor;
    if (transaction.balanceAfter.minor !== balance) violations.push(`account ${account.id}: transaction ${transaction.transactionId} says balance ${transaction.balanceAfter.minor}, its transactions add up to ${balance}`);
    if (balance < -limit) violations.push(`account ${account.id}: balance ${balance} below its overdraft limit ${limit} after ${transaction.transactionId}`);
  }
  if (events.length === 0) violations.push(`account ${account.id} has no stream`);
  return { id: account.id, currency: account.currency, balance, revision: events.length - 1, transactions };
}

function checkRecordedOnce(ledgers: readonly AccountLedger[], acknowledged: readonly Outcome[], violations: string[]): void {
  const recorded = new Map<string, { account: string; transaction: Transaction }[]>();
  for (const ledger of ledgers) for (const transaction of ledger.transactions) recorded.set(transaction.transactionId, [...(recorded.get(transaction.transactionId) ?? []), { account: ledger.id, transaction }]);
  for (const [id, copies] of recorded) if (copies.length > 1) violations.push(`transaction ${id} recorded ${copies.length} times`);

  const answered = acknowledged.filter(({ operation }) => ['deposit', 'withdraw', 'interest'].includes(operation.kind));
  for (const { answer } of answered) {
    const copies = recorded.get(answer.body.transaction_id) ?? [];
    const [copy] = copies;
    if (!copy) violations.push(`acknowledged ${answer.body.type} ${answer.body.transaction_id} is not in the event store`);
    else if (copy.account !== answer.body.account_id || copy.transaction.amount.minor !== cents(answer.body.amount)) violations.push(`acknowledged ${answer.body.transaction_id} differs from what was recorded`);
    // The balance a caller was told must be the one the stream holds: never a state the store never had.
    else if (answer.body.balance_after !== undefined && cents(answer.body.balance_after) !== copy.transaction.balanceAfter.minor) {
      violations.push(`acknowledged ${answer.body.transaction_id} answered balance ${answer.body.balance_after}, the stream recorded ${copy.transaction.balanceAfter.minor} cents`);
    }
  }
  const acknowledgedIds = new Set(answered.map(({ answer }) => answer.body.transaction_id));
  for (const [id, [{ transaction }]] of recorded) {
    if (transaction.type !== 'TRANSFER' && !acknowledgedIds.has(id)) violations.push(`${transaction.type} ${id} recorded without an acknowledged request`);
  }
}

function checkTransferLegs(ledgers: readonly AccountLedger[], acknowledged: readonly Outcome[], endings: ReadonlyMap<string, TransferEnding>, violations: string[]): void {
  const legs = new Map<string, { account: string; transaction: Transaction }[]>();
  for (const ledger of ledgers) {
    for (const transaction of ledger.transactions) {
      if (transaction.type !== 'TRANSFER') continue;
      if (!endings.has(transaction.transferId!)) violations.push(`transfer leg ${transaction.transactionId} belongs to transfer ${transaction.transferId}, never acknowledged`);
      legs.set(transaction.transferId!, [...(legs.get(transaction.transferId!) ?? []), { account: ledger.id, transaction }]);
    }
  }
  for (const { answer } of acknowledged.filter(({ operation }) => operation.kind === 'transfer')) {
    const { id, from_account_id: from, to_account_id: to } = answer.body;
    const of = legs.get(id) ?? [];
    const count = (account: string, direction: string, reversal: boolean) =>
      of.filter(({ account: on, transaction }) => on === account && transaction.direction === direction && Boolean(transaction.reverses) === reversal).length;
    const shape = { debit: count(from, 'OUT', false), credit: count(to, 'IN', false), reversal: count(from, 'IN', true) };
    const ending = endings.get(id);
    const expected =
      ending === 'COMPLETED' ? [{ debit: 1, credit: 1, reversal: 0 }] : ending === 'FAILED' ? [{ debit: 0, credit: 0, reversal: 0 }, { debit: 1, credit: 0, reversal: 1 }] : [];
    if (!expected.some((candidate) => JSON.stringify(candidate) === JSON.stringify(shape))) {
      violations.push(`transfer ${id} ${ending}: legs ${JSON.stringify(shape)}, ${of.length - shape.debit - shape.credit - shape.reversal} others`);
    }
  }
}

function checkConservation(ledgers: readonly AccountLedger[], acknowledged: readonly Outcome[], violations: string[]): void {
  const flows = new Map<string, number>();
  const add = (currency: string, amount: number) => flows.set(currency, (flows.get(currency) ?? 0) + amount);
  for (const { operation, answer } of acknowledged) {
    if (operation.kind === 'deposit' || operation.kind === 'interest') add(answer.body.currency, cents(answer.body.amount));
    if (operation.kind === 'withdraw') add(answer.body.currency, -cents(answer.body.amount));
  }
  const balances = new Map<string, number>();
  for (const { currency, balance } of ledgers) balances.set(currency, (balances.get(currency) ?? 0) + balance);
  for (const currency of new Set([...flows.keys(), ...balances.keys()])) {
    const [sum, expected] = [balances.get(currency) ?? 0, flows.get(currency) ?? 0];
    if (sum !== expected) violations.push(`${currency}: balances add up to ${sum} cents, deposits + interest − withdrawals to ${expected}`);
  }
}

/** Waits for every acknowledged transfer to end, as its own stream tells. */
async function transferEndings(client: KurrentDBClient, acknowledged: readonly Outcome[], settleWithinMs: number): Promise<Map<string, TransferEnding>> {
  const ids = acknowledged.filter(({ operation }) => operation.kind === 'transfer').map(({ answer }) => answer.body.id as string);
  const endings = new Map<string, TransferEnding>(ids.map((id) => [id, 'UNSETTLED']));
  const deadline = Date.now() + settleWithinMs;
  for (;;) {
    for (const id of ids.filter((candidate) => endings.get(candidate) === 'UNSETTLED')) {
      const last = (await readStream(client, `transfer-${id}`)).at(-1)?.type;
      if (last === 'TransferCompletedDomainEventV1') endings.set(id, 'COMPLETED');
      if (last === 'TransferFailedDomainEventV1') endings.set(id, 'FAILED');
    }
    if (![...endings.values()].includes('UNSETTLED') || Date.now() > deadline) return endings;
    await sleep(200);
  }
}
