import type { Decision } from '@openbank/event-sourcing';
import { InMemoryEventStore, startEventSourcing, testContext, type EventSourcingHarness } from '@openbank/testing';
import { randomUUID } from 'node:crypto';

import { AccountHolder } from '../../domain/account-holder.js';
import { BankAccount, type BankAccountState } from '../../domain/bank-account.js';
import type { BankAccountEvent } from '../../domain/bank-account.events.js';
import { BankAccountNotFound } from '../../domain/bank-account.errors.js';
import { openBankAccount } from '../../domain/bank-account.lifecycle.js';
import { deposit, withdraw } from '../../domain/bank-account.money.js';
import { DailyClosingBalancesQuery } from './daily-balances.query.js';
import { DailyClosingBalancesHandler } from './daily-balances.handler.js';

describe('daily closing balances, rebuilt from the account history', () => {
  let harness: EventSourcingHarness;
  let handler: DailyClosingBalancesHandler;

  beforeAll(async () => {
    harness = await startEventSourcing(new InMemoryEventStore(), [BankAccount, AccountHolder], { snapshotEvery: 2 });
    handler = new DailyClosingBalancesHandler(harness.repository);
  });

  afterAll(async () => {
    await harness?.close();
  });

  const at = (instant: string, id: string, decide: Decision<BankAccountState, BankAccountEvent>) => {
    harness.clock.set(new Date(instant));
    return harness.runner.execute(BankAccount, id, testContext, decide);
  };
  const limits = { maximumAmount: '1000000', maxOutgoingPerDay: '1000000', maxOutgoingPerHour: 100 };
  const holder = AccountHolder.initialState('owner');

  it('gives each day the balance it closed with, zero before the account existed', async () => {
    const id = randomUUID();
    await at('2026-03-02T09:00:00Z', id, (state, now) => openBankAccount(state, { ownerId: 'owner', currency: 'EUR', overdraftLimit: '500' }, limits, now));
    await at('2026-03-03T10:00:00Z', id, (state, now) => deposit(state, { transactionId: 'a', amount: '1000.00', description: '' }, limits, now));
    await at('2026-03-03T23:59:59Z', id, (state, now) => deposit(state, { transactionId: 'b', amount: '1.00', description: '' }, limits, now));
    await at('2026-03-05T00:00:00Z', id, (state, now) => withdraw(state, holder, { transactionId: 'c', amount: '1400.00', description: '' }, limits, now).account);
    await at('2026-03-09T12:00:00Z', id, (state, now) => deposit(state, { transactionId: 'd', amount: '5.00', description: '' }, limits, now));

    const balances = await handler.execute(new DailyClosingBalancesQuery(id, '2026-03-01', '2026-03-08'));
    expect(balances).toEqual({
      currency: 'EUR',
      days: [
        { day: '2026-03-01', closingMinor: 0 },
        { day: '2026-03-02', closingMinor: 0 },
        { day: '2026-03-03', closingMinor: 100100 },
        { day: '2026-03-04', closingMinor: 100100 },
        { day: '2026-03-05', closingMinor: -39900 },
        { day: '2026-03-06', closingMinor: -39900 },
        { day: '2026-03-07', closingMinor: -39900 },
      ],
    });
  });

  it('starts from the state before the first day, snapshots or not', async () => {
    const id = randomUUID();
    await at('2026-04-01T08:00:00Z', id, (state, now) => openBankAccount(state, { ownerId: 'owner', currency: 'EUR', overdraftLimit: '0' }, limits, now));
    for (let day = 2; day <= 6; day++) await at(`2026-04-0${day}T08:00:00Z`, id, (state, now) => deposit(state, { transactionId: `t${day}`, amount: '1.00', description: '' }, limits, now));
    const balances = await handler.execute(new DailyClosingBalancesQuery(id, '2026-04-05', '2026-04-07'));
    expect(balances.days).toEqual([
      { day: '2026-04-05', closingMinor: 400 },
      { day: '2026-04-06', closingMinor: 500 },
    ]);
  });

  it('refuses an unknown account', async () => {
    await expect(handler.execute(new DailyClosingBalancesQuery(randomUUID(), '2026-01-01', '2026-01-02'))).rejects.toBeInstanceOf(BankAccountNotFound);
  });
});
