import { Scenario, testContext } from '@openbank/testing';
import type { AccountsOptions } from '../../accounts.options.js';
import { AccountHolder } from '../../domain/account-holder.js';
import { AccountHolderAccountOpenedDomainEventV1, AccountHolderMoneyWentOutDomainEventV1 } from '../../domain/account-holder.events.js';
import { BankAccount } from '../../domain/bank-account.js';
import { InsufficientFunds } from '../../domain/bank-account.errors.js';
import { BankAccountCreatedDomainEventV1, BankAccountTransactionRecordedDomainEventV1 } from '../../domain/bank-account.events.js';
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
const opened = (id: string) => new BankAccountCreatedDomainEventV1({ accountId: id, ownerId: holder, currency: 'EUR', overdraftLimit: eur(0), openedAt: now.toISOString() });
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
