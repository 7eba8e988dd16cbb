import { BankAccountCreatedDomainEventV1, BankAccountTransactionRecordedDomainEventV1, type AccountTransaction } from '@openbank/accounts';
import { Scenario, type EventStream } from '@openbank/testing';
import { AccountTransactionsProjection } from './account-transactions.projection.js';
import { accountTransactionsCollection, type AccountTransactionEntry } from './account-transaction.schema.js';

/** The accounts' streams, as another context's event store shows them. */
const BankAccount: EventStream = { type: 'BankAccount', category: 'account', events: [BankAccountCreatedDomainEventV1, BankAccountTransactionRecordedDomainEventV1] };
const source = 'a0000000-0000-4000-8000-000000000001';
const target = 'a0000000-0000-4000-8000-000000000002';
const owner = 'b0000000-0000-4000-8000-000000000001';
const [openedAt, depositedAt, transferredAt, paidAt] = ['09:00', '10:00', '11:00', '12:00'].map((time) => new Date(`2026-11-22T${time}:00.000Z`));
const eur = (minor: number) => ({ minor, currency: 'EUR' });
const opened = (accountId: string) => new BankAccountCreatedDomainEventV1({ accountId, ownerId: owner, currency: 'EUR', overdraftLimit: eur(0), openedAt: openedAt.toISOString() });
const recorded = (accountId: string, transaction: AccountTransaction) => new BankAccountTransactionRecordedDomainEventV1({ accountId, transaction });

const deposit = recorded(source, { transactionId: 't-deposit', type: 'DEPOSIT', direction: 'IN', amount: eur(10_000), description: 'Salary', balanceAfter: eur(10_000), at: depositedAt.toISOString() });
const debit = recorded(source, {
  transactionId: 't-debit',
  type: 'TRANSFER',
  direction: 'OUT',
  amount: eur(4000),
  description: 'Rent share',
  balanceAfter: eur(6000),
  at: transferredAt.toISOString(),
  transferId: 'transfer-1',
  counterpartyAccountId: target,
});
const reversal = recorded(source, {
  transactionId: 't-reversal',
  type: 'TRANSFER',
  direction: 'IN',
  amount: eur(4000),
  description: 'Reversal of transfer transfer-1',
  balanceAfter: eur(10_000),
  at: transferredAt.toISOString(),
  transferId: 'transfer-1',
  reverses: 't-debit',
});
const interest = recorded(target, {
  transactionId: 't-interest',
  type: 'INTEREST',
  direction: 'IN',
  amount: eur(25),
  description: 'Interest 2026-11-21 to 2026-11-22',
  balanceAfter: eur(25),
  at: paidAt.toISOString(),
  interestPeriod: { from: '2026-11-21', to: '2026-11-22' },
});

const entries: AccountTransactionEntry[] = [
  { _id: 't-debit', account_id: source, type: 'TRANSFER', direction: 'OUT', amount_minor: 4000, currency: 'EUR', description: 'Rent share', balance_after_minor: 6000, transfer_id: 'transfer-1', counterparty_account_id: target, occurred_at: transferredAt, account_revision: 2 },
  { _id: 't-deposit', account_id: source, type: 'DEPOSIT', direction: 'IN', amount_minor: 10_000, currency: 'EUR', description: 'Salary', balance_after_minor: 10_000, occurred_at: depositedAt, account_revision: 1 },
  { _id: 't-interest', account_id: target, type: 'INTEREST', direction: 'IN', amount_minor: 25, currency: 'EUR', description: 'Interest 2026-11-21 to 2026-11-22', balance_after_minor: 25, interest_from: '2026-11-21', interest_to: '2026-11-22', occurred_at: paidAt, account_revision: 1 },
  { _id: 't-reversal', account_id: source, type: 'TRANSFER', direction: 'IN', amount_minor: 4000, currency: 'EUR', description: 'Reversal of transfer transfer-1', balance_after_minor: 10_000, transfer_id: 'transfer-1', reverses: 't-debit', occurred_at: transferredAt, account_revision: 3 },
];

describe('the account-transactions projection', () => {
  let scenario: Scenario;
  let projection: AccountTransactionsProjection;
  const documents = () => scenario.readModels.all<AccountTransactionEntry>(accountTransactionsCollection).sort((a, b) => a._id.localeCompare(b._id));
  /** The transactions as a subscription filtered on them delivers them. */
  const transactions = () => scenario.records().filter(({ event }) => event.type === 'BankAccountTransactionRecordedDomainEventV1');

  beforeEach(async () => {
    scenario = await Scenario.start([BankAccount]);
    const steps: [Date, string, ...(BankAccountCreatedDomainEventV1 | BankAccountTransactionRecordedDomainEventV1)[]][] = [
      [openedAt, source, opened(source)],
      [openedAt, target, opened(target)],
      [depositedAt, source, deposit],
      [transferredAt, source, debit, reversal],
      [paidAt, target, interest],
    ];
    for (const [at, accountId, ...events] of steps) {
      scenario.clock.set(at);
      await scenario.given(BankAccount, accountId, ...events);
    }
    projection = new AccountTransactionsProjection(scenario.readModels);
  });

  afterEach(async () => {
    await scenario.close();
  });

  it('keeps one entry per transaction, with what each kind of transaction carries', async () => {
    await projection.project(transactions());
    expect(documents()).toEqual(entries);
  });

  it('inserts each transaction once when batches are delivered again or overlap', async () => {
    const [first, second, third, fourth] = transactions();
    await projection.project([first, second]);
    await projection.project([second, third]);
    await projection.project(transactions());
    await projection.project([fourth]);
    expect(documents()).toEqual(entries);
  });

  it('ends with the same entries whatever order the transactions come in', async () => {
    await projection.project([...transactions()].reverse());
    expect(documents()).toEqual(entries);
  });

  it('forgets every entry when reset, to be rebuilt from the start', async () => {
    await projection.project(transactions());
    await projection.reset();
    expect(documents()).toEqual([]);
    await projection.project(transactions());
    expect(documents()).toEqual(entries);
  });
});
