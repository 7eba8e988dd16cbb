import type { CommandContext } from '@openbank/event-sourcing';
import { Scenario, testContext } from '@openbank/testing';
import { BankAccount } from '../../domain/bank-account.js';
import { BankAccountCreatedDomainEventV2, BankAccountTransactionRecordedDomainEventV1, OverdraftLimitChangedDomainEventV1 } from '../../domain/bank-account.events.js';
import { openBankAccount } from '../../domain/bank-account.lifecycle.js';
import { deposit } from '../../domain/bank-account.money.js';
import { archiveReaders } from '../../../test/archive-readers.js';
import { AccountHistoryHandler } from './account-history.handler.js';
import { AccountHistoryQuery, type AccountHistoryPage } from './account-history.query.js';
import { HistoryEntryResponse } from './account-history.response.js';

const account = 'a0000000-0000-4000-8000-000000000001';
const owner = 'b0000000-0000-4000-8000-000000000001';
const times = ['09:00', '10:00', '11:00', '12:00'].map((time) => new Date(`2026-11-22T${time}:00.000Z`));
const eur = (minor: number) => ({ minor, currency: 'EUR' });
const movement = (transactionId: string, direction: 'IN' | 'OUT', minor: number, balanceAfter: number, at: Date) =>
  new BankAccountTransactionRecordedDomainEventV1({
    accountId: account,
    transaction: { transactionId, type: direction === 'IN' ? 'DEPOSIT' : 'WITHDRAWAL', direction, amount: eur(minor), description: '', balanceAfter: eur(balanceAfter), at: at.toISOString() },
  });
const timeline = [
  new BankAccountCreatedDomainEventV2({ accountId: account, ownerId: owner, currency: 'EUR', overdraftLimit: eur(50_000), accountType: 'CHECKING', openedAt: times[0].toISOString() }),
  movement('d-1', 'IN', 100_000, 100_000, times[1]),
  new OverdraftLimitChangedDomainEventV1({ accountId: account, previousLimit: eur(50_000), newLimit: eur(75_000) }),
  movement('w-1', 'OUT', 140_000, -40_000, times[3]),
];

/** What a page tells of each event: its revision, the event itself, when it happened and the account right after it. */
const entriesOf = (page: AccountHistoryPage) =>
  page.entries.map(({ recorded, after }) => ({
    revision: recorded.revision,
    event: recorded.event,
    occurredAt: recorded.metadata.occurredAt,
    balance: after.balance.toDecimalString(),
    overdraftLimit: after.overdraftLimit.toDecimalString(),
  }));
const entry = (revision: number, balance: string, overdraftLimit: string) => ({ revision: BigInt(revision), event: timeline[revision], occurredAt: times[revision].toISOString(), balance, overdraftLimit });

describe('an account’s event timeline (AccountHistoryHandler)', () => {
  let scenario: Scenario;
  let handler: AccountHistoryHandler;

  beforeEach(async () => {
    scenario = await Scenario.start([BankAccount]);
    handler = new AccountHistoryHandler(scenario.repository, ...archiveReaders(scenario));
    for (const [index, event] of timeline.entries()) {
      scenario.clock.set(times[index]);
      await scenario.given(BankAccount, account, event);
    }
  });

  afterEach(async () => {
    await scenario.close();
  });

  it('tells every event of the account with the balance and limit right after it', async () => {
    const page = await handler.execute(new AccountHistoryQuery(account, 0, 50));
    expect(entriesOf(page)).toEqual([entry(0, '0.00', '500.00'), entry(1, '1000.00', '500.00'), entry(2, '1000.00', '750.00'), entry(3, '-400.00', '750.00')]);
    expect(page.nextFromRevision).toBeUndefined();
  });

  it('pages through the timeline, each page telling where the next starts', async () => {
    const first = await handler.execute(new AccountHistoryQuery(account, 0, 2));
    expect(entriesOf(first)).toEqual([entry(0, '0.00', '500.00'), entry(1, '1000.00', '500.00')]);
    expect(first.nextFromRevision).toBe(2);
    const last = await handler.execute(new AccountHistoryQuery(account, first.nextFromRevision!, 2));
    expect(entriesOf(last)).toEqual([entry(2, '1000.00', '750.00'), entry(3, '-400.00', '750.00')]);
    expect(last.nextFromRevision).toBeUndefined();
  });

  it('starts a later page from the account as it was before it', async () => {
    const page = await handler.execute(new AccountHistoryQuery(account, 3, 50));
    expect(entriesOf(page)).toEqual([entry(3, '-400.00', '750.00')]);
  });

  it('answers an empty page past the end of an account', async () => {
    expect(await handler.execute(new AccountHistoryQuery(account, 4, 50))).toEqual({ entries: [] });
  });

  it('refuses an account that does not exist', async () => {
    await expect(handler.execute(new AccountHistoryQuery('a0000000-0000-4000-8000-000000000404', 0, 50))).rejects.toMatchObject({ code: 'BANK_ACCOUNT_NOT_FOUND' });
  });
});

describe('an account’s event timeline as the API tells it: who did what, when', () => {
  it('names the principal that recorded each event', async () => {
    const scenario = await Scenario.start([BankAccount]);
    try {
      const limits = { maximumAmount: '1000.00', maxOutgoingPerDay: '1000.00', maxOutgoingPerHour: 10 };
      const teller: CommandContext = { ...testContext, principal: { id: 'teller:7', roles: ['teller'] } };
      const customer: CommandContext = { ...testContext, principal: { id: `customer:${owner}`, roles: ['customer'] } };
      scenario.clock.set(times[0]);
      await scenario.runner.execute(BankAccount, account, teller, (state, now) =>
        openBankAccount(state, { ownerId: owner, currency: 'EUR', overdraftLimit: '0', accountType: 'SAVINGS', initialDeposit: { transactionId: 'o-1', amount: '100.00', description: 'Opening deposit' } }, limits, now),
      );
      scenario.clock.set(times[1]);
      await scenario.runner.execute(BankAccount, account, customer, (state, now) => deposit(state, { transactionId: 'd-1', amount: '5.00', description: 'Pocket money' }, limits, now));
      const page = await new AccountHistoryHandler(scenario.repository, ...archiveReaders(scenario)).execute(new AccountHistoryQuery(account, 0, 50));
      expect(page.entries.map(HistoryEntryResponse.of).map(({ revision, principal_id, occurred_at, description, balance_after }) => ({ revision, principal_id, occurred_at, description, balance_after }))).toEqual([
        { revision: 0, principal_id: 'teller:7', occurred_at: times[0].toISOString(), description: 'Savings account opened with an overdraft limit of 0.00', balance_after: '0.00' },
        { revision: 1, principal_id: 'teller:7', occurred_at: times[0].toISOString(), description: 'Opening deposit', balance_after: '100.00' },
        { revision: 2, principal_id: `customer:${owner}`, occurred_at: times[1].toISOString(), description: 'Pocket money', balance_after: '105.00' },
      ]);
    } finally {
      await scenario.close();
    }
  });
});

describe('an account’s event timeline, with snapshots taken along the way', () => {
  it('tells the same balances from a snapshot as from the start of the stream', async () => {
    const scenario = await Scenario.start([BankAccount], { snapshotEvery: 2 });
    try {
      const limits = { maximumAmount: '1000.00', maxOutgoingPerDay: '1000.00', maxOutgoingPerHour: 10 };
      await scenario.runner.execute(BankAccount, account, testContext, (state, now) => openBankAccount(state, { ownerId: owner, currency: 'EUR', overdraftLimit: '0' }, limits, now));
      for (const transactionId of ['t1', 't2', 't3', 't4', 't5']) {
        await scenario.runner.execute(BankAccount, account, testContext, (state, now) => deposit(state, { transactionId, amount: '1.00', description: '' }, limits, now));
      }
      expect(scenario.store.all().filter(({ streamId }) => streamId === `snapshot-account-${account}`)).toHaveLength(3);
      const page = await new AccountHistoryHandler(scenario.repository, ...archiveReaders(scenario)).execute(new AccountHistoryQuery(account, 4, 50));
      expect(page.entries.map(({ recorded, after }) => [recorded.revision, after.balance.toDecimalString()])).toEqual([
        [4n, '4.00'],
        [5n, '5.00'],
      ]);
    } finally {
      await scenario.close();
    }
  });
});
