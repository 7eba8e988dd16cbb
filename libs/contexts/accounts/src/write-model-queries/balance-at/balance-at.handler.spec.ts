import { Scenario, testContext } from '@openbank/testing';
import { BankAccount, type OpenedBankAccount } from '../../domain/bank-account.js';
import { BankAccountClosedDomainEventV1, BankAccountCreatedDomainEventV2, BankAccountTransactionRecordedDomainEventV1 } from '../../domain/bank-account.events.js';
import { openBankAccount } from '../../domain/bank-account.lifecycle.js';
import { deposit } from '../../domain/bank-account.money.js';
import { archiveReaders } from '../../../test/archive-readers.js';
import { BalanceAtHandler } from './balance-at.handler.js';
import { BalanceAtQuery } from './balance-at.query.js';

const account = 'a0000000-0000-4000-8000-000000000001';
const owner = 'b0000000-0000-4000-8000-000000000001';
const [openedAt, depositedAt, withdrawnAt, closedAt] = ['09:00', '10:00', '11:00', '12:00'].map((time) => new Date(`2026-11-22T${time}:00.000Z`));
const eur = (minor: number) => ({ minor, currency: 'EUR' });
const movement = (transactionId: string, direction: 'IN' | 'OUT', minor: number, balanceAfter: number, at: Date) =>
  new BankAccountTransactionRecordedDomainEventV1({
    accountId: account,
    transaction: { transactionId, type: direction === 'IN' ? 'DEPOSIT' : 'WITHDRAWAL', direction, amount: eur(minor), description: '', balanceAfter: eur(balanceAfter), at: at.toISOString() },
  });

describe('an account at an instant (BalanceAtHandler)', () => {
  let scenario: Scenario;
  let handler: BalanceAtHandler;
  const at = async (instant: string) => {
    const { state, revision, lastOccurredAt } = await handler.execute(new BalanceAtQuery(account, new Date(instant)));
    const then = state as OpenedBankAccount;
    return { status: then.status, balance: then.balance.toDecimalString(), revision, lastOccurredAt };
  };

  beforeEach(async () => {
    scenario = await Scenario.start([BankAccount]);
    handler = new BalanceAtHandler(scenario.repository, ...archiveReaders(scenario));
    const timeline: [Date, BankAccountCreatedDomainEventV2 | BankAccountTransactionRecordedDomainEventV1 | BankAccountClosedDomainEventV1][] = [
      [openedAt, new BankAccountCreatedDomainEventV2({ accountId: account, ownerId: owner, currency: 'EUR', overdraftLimit: eur(0), accountType: 'CHECKING', openedAt: openedAt.toISOString() })],
      [depositedAt, movement('d-1', 'IN', 100_000, 100_000, depositedAt)],
      [withdrawnAt, movement('w-1', 'OUT', 100_000, 0, withdrawnAt)],
      [closedAt, new BankAccountClosedDomainEventV1({ accountId: account, reason: 'moving abroad', finalBalance: eur(0), closedAt: closedAt.toISOString() })],
    ];
    for (const [instant, event] of timeline) {
      scenario.clock.set(instant);
      await scenario.given(BankAccount, account, event);
    }
  });

  afterEach(async () => {
    await scenario.close();
  });

  it('answers the account as its last event at or before the instant left it', async () => {
    expect(await at('2026-11-22T10:30:00.000Z')).toEqual({ status: 'ACTIVE', balance: '1000.00', revision: 1n, lastOccurredAt: depositedAt.toISOString() });
  });

  it('counts an event that happened at that very instant', async () => {
    expect(await at('2026-11-22T11:00:00.000Z')).toEqual({ status: 'ACTIVE', balance: '0.00', revision: 2n, lastOccurredAt: withdrawnAt.toISOString() });
    expect(await at('2026-11-22T10:59:59.999Z')).toMatchObject({ balance: '1000.00', revision: 1n });
  });

  it('answers a closed account as closed', async () => {
    expect(await at('2026-11-23T00:00:00.000Z')).toEqual({ status: 'CLOSED', balance: '0.00', revision: 3n, lastOccurredAt: closedAt.toISOString() });
  });

  it('refuses an instant before the account was opened', async () => {
    await expect(at('2026-11-22T08:59:59.999Z')).rejects.toMatchObject({ code: 'BANK_ACCOUNT_NOT_FOUND' });
  });

  it('refuses an account that does not exist', async () => {
    await expect(handler.execute(new BalanceAtQuery('a0000000-0000-4000-8000-000000000404', closedAt))).rejects.toMatchObject({ code: 'BANK_ACCOUNT_NOT_FOUND' });
  });
});

describe('an account at an instant, with snapshots taken after it', () => {
  it('never starts from a snapshot later than the instant', async () => {
    const scenario = await Scenario.start([BankAccount], { snapshotEvery: 2 });
    try {
      const limits = { maximumAmount: '1000.00', maxOutgoingPerDay: '1000.00', maxOutgoingPerHour: 10 };
      scenario.clock.set(openedAt);
      await scenario.runner.execute(BankAccount, account, testContext, (state, now) => openBankAccount(state, { ownerId: owner, currency: 'EUR', overdraftLimit: '0' }, limits, now));
      for (const transactionId of ['t1', 't2', 't3']) {
        scenario.clock.advance(3_600_000);
        await scenario.runner.execute(BankAccount, account, testContext, (state, now) => deposit(state, { transactionId, amount: '1.00', description: '' }, limits, now));
      }
      expect(scenario.store.all().filter(({ streamId }) => streamId === `snapshot-account-${account}`)).toHaveLength(2);
      const handler = new BalanceAtHandler(scenario.repository, ...archiveReaders(scenario));
      const balanceAt = async (instant: string) => {
        const { state, revision } = await handler.execute(new BalanceAtQuery(account, new Date(instant)));
        return [(state as OpenedBankAccount).balance.toDecimalString(), revision];
      };
      expect(await balanceAt('2026-11-22T09:30:00.000Z')).toEqual(['0.00', 0n]);
      expect(await balanceAt('2026-11-22T10:30:00.000Z')).toEqual(['1.00', 1n]);
      expect(await balanceAt('2026-11-22T11:30:00.000Z')).toEqual(['2.00', 2n]);
    } finally {
      await scenario.close();
    }
  });
});
