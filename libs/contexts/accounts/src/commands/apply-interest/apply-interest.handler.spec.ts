import type { QueryBus } from '@nestjs/cqrs';
import { Scenario, testContext } from '@openbank/testing';
import type { AccountsOptions } from '../../accounts.options.js';
import { BankAccount } from '../../domain/bank-account.js';
import { BankAccountClosedDomainEventV1, BankAccountCreatedDomainEventV2, BankAccountTransactionRecordedDomainEventV1, type AccountTransaction } from '../../domain/bank-account.events.js';
import { DailyClosingBalancesHandler } from '../../write-model-queries/daily-balances/daily-balances.handler.js';
import type { DailyClosingBalancesQuery } from '../../write-model-queries/daily-balances/daily-balances.query.js';
import { ApplyInterestCommand, type InterestTerms } from './apply-interest.command.js';
import { ApplyInterestHandler } from './apply-interest.handler.js';

const account = 'a0000000-0000-4000-8000-000000000001';
const owner = 'b0000000-0000-4000-8000-000000000001';
const openedAt = new Date('2026-11-01T09:00:00.000Z');
const now = new Date('2026-11-22T10:00:00.000Z');
const eur = (minor: number) => ({ minor, currency: 'EUR' });
const options: AccountsOptions = {
  defaultOverdraftLimit: '0.00',
  maxOpenAccountsPerCustomer: 5,
  limits: { maximumAmount: '1000.00', maxOutgoingPerDay: '100.00', maxOutgoingPerHour: 10 },
  transferWaitMs: 0,
};
const opened = (id: string) => new BankAccountCreatedDomainEventV2({ accountId: id, ownerId: owner, currency: 'EUR', overdraftLimit: eur(1_000_000), accountType: 'CHECKING', openedAt: openedAt.toISOString() });
const recorded = (transaction: Omit<AccountTransaction, 'at'>, at: Date) => new BankAccountTransactionRecordedDomainEventV1({ accountId: account, transaction: { ...transaction, at: at.toISOString() } });
const deposited = recorded({ transactionId: 'd-1', type: 'DEPOSIT', direction: 'IN', amount: eur(1_000_000), description: '', balanceAfter: eur(1_000_000) }, openedAt);
const interest = (minor: number, description: string, from: string, to: string, balanceAfter = 1_000_000 + minor) =>
  recorded({ transactionId: 'interest-1', type: 'INTEREST', direction: 'IN', amount: eur(minor), description, balanceAfter: eur(balanceAfter), interestPeriod: { from, to } }, now);

describe('crediting interest (ApplyInterestHandler)', () => {
  let scenario: Scenario;
  let handler: ApplyInterestHandler;
  const apply = (terms: InterestTerms, from: string, to: string, id = account) => handler.execute(new ApplyInterestCommand(id, terms, from, to, testContext));

  beforeEach(async () => {
    scenario = await Scenario.start([BankAccount]);
    // The daily closing balances the rate applies to, from the account's own history.
    const dailyBalances = new DailyClosingBalancesHandler(scenario.repository);
    const queries = { execute: (query: DailyClosingBalancesQuery) => dailyBalances.execute(query) } as unknown as QueryBus;
    handler = new ApplyInterestHandler(scenario.runner, queries, scenario.clock, { next: () => 'interest-1' }, options);
    scenario.clock.set(openedAt);
    await scenario.given(BankAccount, account, opened(account), deposited);
    scenario.clock.set(now);
  });

  afterEach(async () => {
    await scenario.close();
  });

  it('credits simple interest on each day’s closing balance, ACT/365, for the period', async () => {
    // 10 000.00 × 3.65 % ÷ 365 = 1.00 a day, over 10 days.
    const answer = await apply({ annualRate: '0.0365' }, '2026-11-10', '2026-11-20');
    const credited = interest(1000, 'Interest 2026-11-10 to 2026-11-20 at 0.0365 a year', '2026-11-10', '2026-11-20');
    expect(scenario.recorded()).toEqual([credited]);
    expect(answer).toEqual({ accountId: account, ownerId: owner, transaction: credited.data.transaction, revision: 2n, occurredAt: now.toISOString() });
  });

  it('pays nothing for the days the account closed overdrawn', async () => {
    scenario.clock.set(new Date('2026-11-15T12:00:00.000Z'));
    await scenario.given(BankAccount, account, recorded({ transactionId: 'w-1', type: 'WITHDRAWAL', direction: 'OUT', amount: eur(1_500_000), description: '', balanceAfter: eur(-500_000) }, scenario.clock.now()));
    scenario.clock.set(now);
    await apply({ annualRate: '0.0365' }, '2026-11-10', '2026-11-20');
    // Five days at 10 000.00, five overdrawn.
    expect(scenario.recorded()).toEqual([interest(500, 'Interest 2026-11-10 to 2026-11-20 at 0.0365 a year', '2026-11-10', '2026-11-20', -499_500)]);
  });

  it('credits an amount given instead of a rate', async () => {
    await apply({ amount: '0.25' }, '2026-11-21', '2026-11-22');
    expect(scenario.recorded()).toEqual([interest(25, 'Interest 2026-11-21 to 2026-11-22', '2026-11-21', '2026-11-22')]);
  });

  it('pays a period that starts where the last one paid ended', async () => {
    await apply({ amount: '1.00' }, '2026-11-01', '2026-11-10');
    scenario.settle();
    await apply({ amount: '1.00' }, '2026-11-10', '2026-11-20');
    expect(scenario.recorded()).toEqual([interest(100, 'Interest 2026-11-10 to 2026-11-20', '2026-11-10', '2026-11-20', 1_000_200)]);
  });

  it('refuses a period overlapping one already paid, and records nothing', async () => {
    await apply({ amount: '1.00' }, '2026-11-01', '2026-11-10');
    scenario.settle();
    await expect(apply({ amount: '1.00' }, '2026-11-09', '2026-11-20')).rejects.toMatchObject({ code: 'INTEREST_PERIOD_ALREADY_PAID' });
    expect(scenario.recorded()).toEqual([]);
  });

  it.each([
    ['a period that ends before it starts', '2026-11-10', '2026-11-10'],
    ['a period whose last day has not ended', '2026-11-10', '2026-11-23'],
  ])('refuses %s, and records nothing', async (_case, from, to) => {
    await expect(apply({ amount: '1.00' }, from, to)).rejects.toMatchObject({ code: 'INVALID_INTEREST_PERIOD' });
    expect(scenario.recorded()).toEqual([]);
  });

  it('refuses a rate that earns nothing over the period, and records nothing', async () => {
    await expect(apply({ annualRate: '0.0365' }, '2026-10-01', '2026-11-01')).rejects.toMatchObject({ code: 'NO_INTEREST_EARNED' });
    expect(scenario.recorded()).toEqual([]);
  });

  it.each([
    ['an amount above what one transaction may move', '1000.01', 'AMOUNT_ABOVE_MAXIMUM'],
    ['a zero amount', '0.00', 'AMOUNT_NOT_POSITIVE'],
    ['more decimals than the currency has', '0.001', 'INVALID_AMOUNT'],
  ])('refuses %s, and records nothing', async (_case, amount, code) => {
    await expect(apply({ amount }, '2026-11-10', '2026-11-20')).rejects.toMatchObject({ code });
    expect(scenario.recorded()).toEqual([]);
  });

  it('refuses a closed account, and records nothing', async () => {
    const closed = 'a0000000-0000-4000-8000-000000000002';
    await scenario.given(BankAccount, closed, opened(closed), new BankAccountClosedDomainEventV1({ accountId: closed, reason: 'moving abroad', finalBalance: eur(0), closedAt: now.toISOString() }));
    await expect(apply({ amount: '1.00' }, '2026-11-10', '2026-11-20', closed)).rejects.toMatchObject({ code: 'BANK_ACCOUNT_CLOSED' });
    expect(scenario.recorded()).toEqual([]);
  });

  it.each([
    ['a rate', { annualRate: '0.0365' }],
    ['an amount', { amount: '1.00' }],
  ])('refuses an account that does not exist, from %s, and records nothing', async (_case, terms) => {
    await expect(apply(terms, '2026-11-10', '2026-11-20', 'a0000000-0000-4000-8000-000000000404')).rejects.toMatchObject({ code: 'BANK_ACCOUNT_NOT_FOUND' });
    expect(scenario.recorded()).toEqual([]);
  });
});
