import type { CommandContext } from '@openbank/event-sourcing';
import { Scenario, testContext } from '@openbank/testing';
import type { AccountsOptions } from '../../accounts.options.js';
import { AccountHolder } from '../../domain/account-holder.js';
import { AccountHolderAccountOpenedDomainEventV1, AccountHolderMoneyWentOutDomainEventV1 } from '../../domain/account-holder.events.js';
import { BankAccount } from '../../domain/bank-account.js';
import { BankAccountClosedDomainEventV1, BankAccountCreatedDomainEventV2, BankAccountTransactionRecordedDomainEventV1 } from '../../domain/bank-account.events.js';
import { DepositMoneyCommand } from './deposit.command.js';
import { DepositMoneyHandler } from './deposit.handler.js';

const account = 'a0000000-0000-4000-8000-000000000001';
const holder = 'b0000000-0000-4000-8000-000000000001';
const now = new Date('2026-11-22T10:00:00.000Z');
const eur = (minor: number) => ({ minor, currency: 'EUR' });
const options: AccountsOptions = {
  defaultOverdraftLimit: '0.00',
  maxOpenAccountsPerCustomer: 5,
  limits: { maximumAmount: '1000.00', maxOutgoingPerDay: '100.00', maxOutgoingPerHour: 1 },
  transferWaitMs: 0,
};
const opened = new BankAccountCreatedDomainEventV2({ accountId: account, ownerId: holder, currency: 'EUR', overdraftLimit: eur(0), accountType: 'CHECKING', openedAt: now.toISOString() });
const deposited = (transactionId: string, minor: number, balanceAfter: number, description = '') =>
  new BankAccountTransactionRecordedDomainEventV1({
    accountId: account,
    transaction: { transactionId, type: 'DEPOSIT', direction: 'IN', amount: eur(minor), description, balanceAfter: eur(balanceAfter), at: now.toISOString() },
  });

describe('depositing money (DepositMoneyHandler)', () => {
  let scenario: Scenario;
  let handler: DepositMoneyHandler;
  const deposit = (amount: string, description = '', context: CommandContext = testContext) => handler.execute(new DepositMoneyCommand(account, amount, description, context));

  beforeEach(async () => {
    scenario = await Scenario.start([BankAccount, AccountHolder]);
    scenario.clock.set(now);
    handler = new DepositMoneyHandler(scenario.runner, { next: () => 'deposit-1' }, options);
    await scenario.given(AccountHolder, holder, new AccountHolderAccountOpenedDomainEventV1({ holderId: holder, accountId: account, currency: 'EUR', at: now.toISOString() }));
    await scenario.given(BankAccount, account, opened, deposited('d-0', 2500, 2500));
  });

  afterEach(async () => {
    await scenario.close();
  });

  it('records the deposit with the balance after it, on the account alone, and answers it', async () => {
    const answer = await deposit('1000.00', '  Salary ');
    expect(scenario.recorded()).toEqual([deposited('deposit-1', 100_000, 102_500, 'Salary')]);
    expect(answer).toEqual({ accountId: account, ownerId: holder, transaction: deposited('deposit-1', 100_000, 102_500, 'Salary').data.transaction, revision: 2n, occurredAt: now.toISOString() });
  });

  it('takes money in even when the holder may take no more out', async () => {
    await scenario.given(AccountHolder, holder, new AccountHolderMoneyWentOutDomainEventV1({ holderId: holder, accountId: account, transactionId: 'w-0', amount: eur(10_000), at: now.toISOString() }));
    await deposit('1.00');
    expect(scenario.recorded(BankAccount, account)).toHaveLength(1);
    expect(scenario.recorded(AccountHolder, holder)).toEqual([]);
  });

  it('answers a retried operation with what its first attempt recorded, and records nothing again', async () => {
    const first = await deposit('10.00', '', { ...testContext, operationId: 'operation-1' });
    scenario.settle();
    const retried = await deposit('10.00', '', { ...testContext, operationId: 'operation-1', earlierAttemptSince: now.toISOString() });
    expect(scenario.recorded()).toEqual([]);
    expect(retried).toEqual(first);
  });

  it('answers a first attempt that stalled past its key\'s lease with what the retry that took over recorded, and records nothing again', async () => {
    // The retry took the key over while the first attempt waited (on a store, say) and recorded the deposit.
    const takenOver = await deposit('10.00', '', { ...testContext, operationId: 'operation-1', earlierAttemptSince: now.toISOString() });
    scenario.settle();
    const claimedAt = new Date(now.getTime() - 60_000);
    const stalled = await deposit('10.00', '', { ...testContext, operationId: 'operation-1', keyHeld: { since: claimedAt.toISOString(), until: new Date(claimedAt.getTime() + 3000).toISOString() } });
    expect(scenario.recorded()).toEqual([]);
    expect(stalled).toEqual(takenOver);
  });

  it.each([
    ['zero', '0.00', 'AMOUNT_NOT_POSITIVE'],
    ['a negative amount', '-5.00', 'AMOUNT_NOT_POSITIVE'],
    ['more than one transaction may move', '1000.01', 'AMOUNT_ABOVE_MAXIMUM'],
    ['more decimals than the currency has', '1.001', 'INVALID_AMOUNT'],
    ['what is not a decimal amount', '1e3', 'INVALID_AMOUNT'],
  ])('refuses %s, and records nothing', async (_case, amount, code) => {
    await expect(deposit(amount)).rejects.toMatchObject({ code });
    expect(scenario.recorded()).toEqual([]);
  });

  it('refuses a description over 500 characters, and records nothing', async () => {
    await expect(deposit('1.00', 'x'.repeat(501))).rejects.toMatchObject({ code: 'INVALID_DESCRIPTION' });
    expect(scenario.recorded()).toEqual([]);
  });

  it('refuses a closed account, and records nothing', async () => {
    const closed = 'a0000000-0000-4000-8000-000000000002';
    await scenario.given(
      BankAccount,
      closed,
      new BankAccountCreatedDomainEventV2({ ...opened.data, accountId: closed }),
      new BankAccountClosedDomainEventV1({ accountId: closed, reason: 'moving abroad', finalBalance: eur(0), closedAt: now.toISOString() }),
    );
    await expect(handler.execute(new DepositMoneyCommand(closed, '1.00', '', testContext))).rejects.toMatchObject({ code: 'BANK_ACCOUNT_CLOSED' });
    expect(scenario.recorded()).toEqual([]);
  });

  it('refuses an account that does not exist, and records nothing', async () => {
    await expect(handler.execute(new DepositMoneyCommand('a0000000-0000-4000-8000-000000000404', '1.00', '', testContext))).rejects.toMatchObject({ code: 'BANK_ACCOUNT_NOT_FOUND' });
    expect(scenario.recorded()).toEqual([]);
  });
});
