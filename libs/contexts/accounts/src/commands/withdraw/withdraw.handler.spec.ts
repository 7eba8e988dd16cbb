import { newIdFor } from '@openbank/event-sourcing';
import { Scenario, testContext } from '@openbank/testing';
import { concurrently, crashBefore } from '../../../test/event-store-faults.js';
import type { AccountsOptions } from '../../accounts.options.js';
import { AccountHolder, outgoingOf } from '../../domain/account-holder.js';
import { AccountHolderAccountOpenedDomainEventV1, AccountHolderMoneyWentOutDomainEventV1 } from '../../domain/account-holder.events.js';
import { BankAccount } from '../../domain/bank-account.js';
import { InsufficientFunds } from '../../domain/bank-account.errors.js';
import { BankAccountCreatedDomainEventV2, BankAccountTransactionRecordedDomainEventV1 } from '../../domain/bank-account.events.js';
import { VelocityLimitExceeded } from '../../domain/outgoing-money.policy.js';
import { WithdrawMoneyCommand } from './withdraw.command.js';
import { WithdrawMoneyHandler } from './withdraw.handler.js';

const account = 'a0000000-0000-4000-8000-000000000001';
const other = 'a0000000-0000-4000-8000-000000000002';
const holder = 'b0000000-0000-4000-8000-000000000001';
const now = new Date('2026-11-22T10:00:00.000Z');
const eur = (minor: number) => ({ minor, currency: 'EUR' });
const options: AccountsOptions = {
  defaultOverdraftLimit: '0.00',
  maxOpenAccountsPerCustomer: 5,
  limits: { maximumAmount: '1000.00', maxOutgoingPerDay: '100.00', maxOutgoingPerHour: 10 },
  transferWaitMs: 0,
};
const opened = (id: string) => new BankAccountCreatedDomainEventV2({ accountId: id, ownerId: holder, currency: 'EUR', overdraftLimit: eur(0), accountType: 'CHECKING', openedAt: now.toISOString() });
const deposited = (id: string, minor: number) =>
  new BankAccountTransactionRecordedDomainEventV1({
    accountId: id,
    transaction: { transactionId: `d-${id}`, type: 'DEPOSIT', direction: 'IN', amount: eur(minor), description: '', balanceAfter: eur(minor), at: now.toISOString() },
  });

describe('withdrawing money (WithdrawMoneyHandler)', () => {
  let scenario: Scenario;
  let handler: WithdrawMoneyHandler;

  beforeEach(async () => {
    scenario = await Scenario.start([BankAccount, AccountHolder]);
    scenario.clock.set(now);
    handler = new WithdrawMoneyHandler(scenario.runner, { next: () => 'withdrawal-1' }, options);
    await scenario.given(BankAccount, account, opened(account), deposited(account, 10_000));
    await scenario.given(AccountHolder, holder, new AccountHolderAccountOpenedDomainEventV1({ holderId: holder, accountId: account, currency: 'EUR', at: now.toISOString() }));
  });

  afterEach(async () => {
    await scenario.close();
  });

  it('records the withdrawal on the account and, in the same append, on its holder', async () => {
    const answer = await handler.execute(new WithdrawMoneyCommand(account, '40.00', 'Rent', testContext));
    expect(answer).toMatchObject({ accountId: account, ownerId: holder, revision: 2n, transaction: { transactionId: 'withdrawal-1', balanceAfter: eur(6000) } });
    expect(scenario.recorded()).toEqual([
      new AccountHolderMoneyWentOutDomainEventV1({ holderId: holder, accountId: account, transactionId: 'withdrawal-1', amount: eur(4000), at: now.toISOString() }),
      new BankAccountTransactionRecordedDomainEventV1({
        accountId: account,
        transaction: { transactionId: 'withdrawal-1', type: 'WITHDRAWAL', direction: 'OUT', amount: eur(4000), description: 'Rent', balanceAfter: eur(6000), at: now.toISOString() },
      }),
    ]);
  });

  it('refuses more than the account has, and records nothing anywhere', async () => {
    await expect(handler.execute(new WithdrawMoneyCommand(account, '100.01', '', testContext))).rejects.toBeInstanceOf(InsufficientFunds);
    expect(scenario.recorded()).toEqual([]);
  });

  it('holds the holder to the velocity limits across all their accounts', async () => {
    await scenario.given(BankAccount, other, opened(other), deposited(other, 10_000));
    await handler.execute(new WithdrawMoneyCommand(other, '70.00', '', testContext));
    scenario.settle();
    await expect(handler.execute(new WithdrawMoneyCommand(account, '30.01', '', testContext))).rejects.toBeInstanceOf(VelocityLimitExceeded);
    expect(scenario.recorded()).toEqual([]);
  });
});

describe('withdrawing money on a store without atomic appends to several streams', () => {
  let scenario: Scenario;
  let handler: WithdrawMoneyHandler;
  /** The first attempt of one operation (an Idempotency-Key), and its retry after the first attempt died. */
  const firstAttempt = { ...testContext, operationId: 'operation-1' };
  const retry = { ...firstAttempt, earlierAttemptSince: now.toISOString() };
  const wentOut = (transactionId: string, minor: number, at = now) =>
    new AccountHolderMoneyWentOutDomainEventV1({ holderId: holder, accountId: account, transactionId, amount: eur(minor), at: at.toISOString() });
  const withdrawn = (transactionId: string, minor: number, balanceAfter: number, at = now) =>
    new BankAccountTransactionRecordedDomainEventV1({
      accountId: account,
      transaction: { transactionId, type: 'WITHDRAWAL', direction: 'OUT', amount: eur(minor), description: '', balanceAfter: eur(balanceAfter), at: at.toISOString() },
    });
  /** The withdrawal's transaction: derived from the operation, the same on every attempt. */
  const retried = newIdFor(firstAttempt, 'withdrawal', { next: () => 'not-derived' });
  const outgoingToday = async () => outgoingOf((await scenario.repository.load(AccountHolder, holder, { useCache: false })).state, 'EUR', scenario.clock.now()).lastDayMinor;

  beforeEach(async () => {
    scenario = await Scenario.start([BankAccount, AccountHolder], { atomicAcrossStreams: false });
    scenario.clock.set(now);
    let next = 0;
    handler = new WithdrawMoneyHandler(scenario.runner, { next: () => `withdrawal-${++next}` }, options);
    await scenario.given(BankAccount, account, opened(account), deposited(account, 10_000));
    await scenario.given(AccountHolder, holder, new AccountHolderAccountOpenedDomainEventV1({ holderId: holder, accountId: account, currency: 'EUR', at: now.toISOString() }));
  });

  afterEach(async () => {
    await scenario.close();
  });

  /** The first attempt dies once the holder's stream is written, before the account's is. */
  async function crashOnTheFirstAttempt(): Promise<void> {
    crashBefore(scenario, `account-${account}`);
    await expect(handler.execute(new WithdrawMoneyCommand(account, '40.00', '', firstAttempt))).rejects.toThrow('the process died');
    expect(scenario.recorded()).toEqual([wentOut(retried, 4000)]);
    scenario.settle();
  }

  it('counts the withdrawal once against the holder when the account changed between its decision and its append', async () => {
    // The holder's stream is written first; the account's append then meets a deposit, and the withdrawal is decided again.
    concurrently(scenario, () =>
      scenario.given(
        BankAccount,
        account,
        new BankAccountTransactionRecordedDomainEventV1({
          accountId: account,
          transaction: { transactionId: 'd-2', type: 'DEPOSIT', direction: 'IN', amount: eur(100), description: '', balanceAfter: eur(10_100), at: now.toISOString() },
        }),
      ),
    );
    await handler.execute(new WithdrawMoneyCommand(account, '40.00', '', testContext));
    expect(scenario.recorded()).toEqual([wentOut('withdrawal-1', 4000), withdrawn('withdrawal-1', 4000, 6100)]);
    // The rest of the day’s allowance is still there: 40.00 counted once, not twice.
    await handler.execute(new WithdrawMoneyCommand(account, '60.00', '', testContext));
    expect(await outgoingToday()).toBe(10_000);
  });

  it('after a crash between the holder’s append and the account’s, counts the money that has not left yet, never less; the retry withdraws it once and counts it once', async () => {
    await crashOnTheFirstAttempt();
    // Meanwhile, the holder’s allowance is 60.00: the 40.00 counts as if it had left.
    await expect(handler.execute(new WithdrawMoneyCommand(account, '60.01', '', testContext))).rejects.toBeInstanceOf(VelocityLimitExceeded);

    const answer = await handler.execute(new WithdrawMoneyCommand(account, '40.00', '', retry));
    expect(answer.transaction.transactionId).toBe(retried);
    expect(scenario.recorded()).toEqual([withdrawn(retried, 4000, 6000)]);
    await handler.execute(new WithdrawMoneyCommand(account, '60.00', '', testContext));
    expect(await outgoingToday()).toBe(10_000);
  });

  it('after a crash, a retry long after records the money again at the time it left, still counted once', async () => {
    await crashOnTheFirstAttempt();
    const later = new Date(now.getTime() + 2 * 3_600_000);
    scenario.clock.set(later);
    await handler.execute(new WithdrawMoneyCommand(account, '40.00', '', retry));
    expect(scenario.recorded()).toEqual([wentOut(retried, 4000, later), withdrawn(retried, 4000, 6000, later)]);
    expect(await outgoingToday()).toBe(4000);
    // 24 hours after the crash the money that left on the retry still counts.
    scenario.clock.set(new Date(now.getTime() + 25 * 3_600_000));
    expect(await outgoingToday()).toBe(4000);
  });
});
