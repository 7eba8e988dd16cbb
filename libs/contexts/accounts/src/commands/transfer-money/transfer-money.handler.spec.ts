import { Scenario, testContext } from '@openbank/testing';
import { concurrently } from '../../../test/event-store-faults.js';
import type { AccountsOptions } from '../../accounts.options.js';
import { AccountHolder } from '../../domain/account-holder.js';
import { AccountHolderAccountOpenedDomainEventV1, AccountHolderMoneyWentOutDomainEventV1 } from '../../domain/account-holder.events.js';
import { BankAccount } from '../../domain/bank-account.js';
import { BankAccountClosedDomainEventV1, BankAccountCreatedDomainEventV2, BankAccountTransactionRecordedDomainEventV1 } from '../../domain/bank-account.events.js';
import { Transfer, type TransferRequest } from '../../domain/transfer.js';
import {
  TransferCompletedDomainEventV1,
  TransferInitiatedDomainEventV1,
  TransferSourceDebitedDomainEventV1,
  TransferTargetCreditedDomainEventV1,
} from '../../domain/transfer.events.js';
import { legTransactionId } from './transfer-legs.js';
import { TransferMoneyCommand } from './transfer-money.command.js';
import { TransferMoneyHandler } from './transfer-money.handler.js';

const transfer = 'c0000000-0000-4000-8000-000000000001';
const source = 'a0000000-0000-4000-8000-000000000001';
const target = 'a0000000-0000-4000-8000-000000000002';
const payer = 'b0000000-0000-4000-8000-000000000001';
const payee = 'b0000000-0000-4000-8000-000000000002';
const now = new Date('2026-11-22T10:00:00.000Z');
const eur = (minor: number) => ({ minor, currency: 'EUR' });
const options: AccountsOptions = {
  defaultOverdraftLimit: '0.00',
  maxOpenAccountsPerCustomer: 5,
  limits: { maximumAmount: '1000.00', maxOutgoingPerDay: '100.00', maxOutgoingPerHour: 10 },
  transferWaitMs: 0,
};
const rent: TransferRequest = { fromAccountId: source, toAccountId: target, amount: '40.00', description: ' Rent share ' };
const debitId = legTransactionId(transfer, 'debit');
const creditId = legTransactionId(transfer, 'credit');
const opened = (accountId: string, ownerId: string, currency = 'EUR') =>
  new BankAccountCreatedDomainEventV2({ accountId, ownerId, currency, overdraftLimit: { minor: 0, currency }, accountType: 'CHECKING', openedAt: now.toISOString() });
const deposited = (accountId: string, minor: number) =>
  new BankAccountTransactionRecordedDomainEventV1({
    accountId,
    transaction: { transactionId: `d-${accountId}`, type: 'DEPOSIT', direction: 'IN', amount: eur(minor), description: '', balanceAfter: eur(minor), at: now.toISOString() },
  });
const initiated = new TransferInitiatedDomainEventV1({ transferId: transfer, fromAccountId: source, toAccountId: target, amount: eur(4000), description: 'Rent share', initiatedAt: now.toISOString() });

/** The streams of each append the store is asked for, to tell one atomic write from several. */
function appendsTo(scenario: Scenario): string[][] {
  const appends: string[][] = [];
  const append = scenario.store.append.bind(scenario.store);
  scenario.store.append = (batch) => {
    appends.push(batch.map(({ stream }) => stream));
    return append(batch);
  };
  return appends;
}

async function bankWithTwoAccounts(atomicAcrossStreams: boolean): Promise<Scenario> {
  const scenario = await Scenario.start([BankAccount, AccountHolder, Transfer], { atomicAcrossStreams });
  scenario.clock.set(now);
  await scenario.given(AccountHolder, payer, new AccountHolderAccountOpenedDomainEventV1({ holderId: payer, accountId: source, currency: 'EUR', at: now.toISOString() }));
  await scenario.given(BankAccount, source, opened(source, payer), deposited(source, 50_000));
  await scenario.given(BankAccount, target, opened(target, payee));
  return scenario;
}

describe('transferring money (TransferMoneyHandler)', () => {
  let scenario: Scenario;
  let handler: TransferMoneyHandler;

  afterEach(async () => {
    await scenario.close();
  });

  describe('on a store that appends to several streams atomically', () => {
    beforeEach(async () => {
      scenario = await bankWithTwoAccounts(true);
      handler = new TransferMoneyHandler(scenario.runner, scenario.repository, options);
    });

    it('moves the money at once: the holder’s record, both legs and the four transfer events, in one append', async () => {
      const appends = appendsTo(scenario);
      const answer = await handler.execute(new TransferMoneyCommand(transfer, rent, testContext));
      expect(scenario.recorded()).toEqual([
        new AccountHolderMoneyWentOutDomainEventV1({ holderId: payer, accountId: source, transactionId: debitId, amount: eur(4000), at: now.toISOString() }),
        new BankAccountTransactionRecordedDomainEventV1({
          accountId: source,
          transaction: { transactionId: debitId, type: 'TRANSFER', direction: 'OUT', amount: eur(4000), description: 'Rent share', balanceAfter: eur(46_000), at: now.toISOString(), transferId: transfer, counterpartyAccountId: target },
        }),
        new BankAccountTransactionRecordedDomainEventV1({
          accountId: target,
          transaction: { transactionId: creditId, type: 'TRANSFER', direction: 'IN', amount: eur(4000), description: 'Rent share', balanceAfter: eur(4000), at: now.toISOString(), transferId: transfer, counterpartyAccountId: source },
        }),
        initiated,
        new TransferSourceDebitedDomainEventV1({ transferId: transfer, transactionId: debitId }),
        new TransferTargetCreditedDomainEventV1({ transferId: transfer, transactionId: creditId }),
        new TransferCompletedDomainEventV1({ transferId: transfer, completedAt: now.toISOString() }),
      ]);
      expect(appends).toEqual([[`holder-${payer}`, `account-${source}`, `account-${target}`, `transfer-${transfer}`]]);
      expect(answer).toMatchObject({ transfer: { id: transfer, status: 'COMPLETED', debitTransactionId: debitId, creditTransactionId: creditId }, revision: 3n });
    });

    it('counts the transfer against the limits of the source’s holder across all their accounts', async () => {
      const other = 'a0000000-0000-4000-8000-000000000003';
      await scenario.given(BankAccount, other, opened(other, payer), deposited(other, 50_000));
      await handler.execute(new TransferMoneyCommand('c0000000-0000-4000-8000-000000000002', { ...rent, fromAccountId: other, amount: '70.00' }, testContext));
      scenario.settle();
      await expect(handler.execute(new TransferMoneyCommand(transfer, { ...rent, amount: '30.01' }, testContext))).rejects.toMatchObject({ code: 'VELOCITY_LIMIT_EXCEEDED' });
      expect(scenario.recorded()).toEqual([]);
    });

    it('decides again on the source as it is when another withdrawal lands first, and refuses what no longer fits', async () => {
      const withdrawal = new BankAccountTransactionRecordedDomainEventV1({
        accountId: source,
        transaction: { transactionId: 'w-1', type: 'WITHDRAWAL', direction: 'OUT', amount: eur(48_000), description: '', balanceAfter: eur(2000), at: now.toISOString() },
      });
      concurrently(scenario, () => scenario.given(BankAccount, source, withdrawal));
      await expect(handler.execute(new TransferMoneyCommand(transfer, rent, testContext))).rejects.toMatchObject({ code: 'INSUFFICIENT_FUNDS' });
      expect(scenario.recorded()).toEqual([]);
    });
  });

  describe('on a store that cannot append to several streams atomically', () => {
    beforeEach(async () => {
      scenario = await bankWithTwoAccounts(false);
      handler = new TransferMoneyHandler(scenario.runner, scenario.repository, options);
    });

    it('only initiates the transfer, for the transfer process to move step by step', async () => {
      const appends = appendsTo(scenario);
      const answer = await handler.execute(new TransferMoneyCommand(transfer, rent, testContext));
      expect(scenario.recorded()).toEqual([initiated]);
      expect(appends).toEqual([[`transfer-${transfer}`]]);
      expect(answer).toMatchObject({ transfer: { id: transfer, status: 'INITIATED' }, revision: 0n });
    });
  });

  describe.each([
    ['at once', true],
    ['step by step', false],
  ])('refusing up front (%s)', (_path, atomicAcrossStreams) => {
    beforeEach(async () => {
      scenario = await bankWithTwoAccounts(atomicAcrossStreams);
      handler = new TransferMoneyHandler(scenario.runner, scenario.repository, options);
    });

    const refuses = async (request: TransferRequest, code: string, transferId = transfer) => {
      await expect(handler.execute(new TransferMoneyCommand(transferId, request, testContext))).rejects.toMatchObject({ code });
      expect(scenario.recorded()).toEqual([]);
    };

    it('refuses a transfer to the account it comes from, and records nothing', () => refuses({ ...rent, toAccountId: source }, 'SAME_ACCOUNT_TRANSFER'));
    it('refuses more than the source has, and records nothing', () => refuses({ ...rent, amount: '500.01' }, 'INSUFFICIENT_FUNDS'));
    it('refuses more than the holder may send in a day, and records nothing', () => refuses({ ...rent, amount: '100.01' }, 'VELOCITY_LIMIT_EXCEEDED'));
    it('refuses more than one transaction may move, and records nothing', () => refuses({ ...rent, amount: '1000.01' }, 'AMOUNT_ABOVE_MAXIMUM'));
    it('refuses a zero amount, and records nothing', () => refuses({ ...rent, amount: '0' }, 'AMOUNT_NOT_POSITIVE'));
    it('refuses a source that does not exist, and records nothing', () => refuses({ ...rent, fromAccountId: 'a0000000-0000-4000-8000-000000000404' }, 'BANK_ACCOUNT_NOT_FOUND'));
    it('refuses a target that does not exist, and records nothing', () => refuses({ ...rent, toAccountId: 'a0000000-0000-4000-8000-000000000404' }, 'BANK_ACCOUNT_NOT_FOUND'));

    it('refuses a closed target, and records nothing', async () => {
      await scenario.given(BankAccount, target, new BankAccountClosedDomainEventV1({ accountId: target, reason: 'moving abroad', finalBalance: eur(0), closedAt: now.toISOString() }));
      await refuses(rent, 'BANK_ACCOUNT_CLOSED');
    });

    it('refuses a closed source, and records nothing', async () => {
      const closed = 'a0000000-0000-4000-8000-000000000004';
      await scenario.given(BankAccount, closed, opened(closed, payer), new BankAccountClosedDomainEventV1({ accountId: closed, reason: 'moving abroad', finalBalance: eur(0), closedAt: now.toISOString() }));
      await refuses({ ...rent, fromAccountId: closed }, 'BANK_ACCOUNT_CLOSED');
    });

    it('refuses a target in another currency, and records nothing', async () => {
      const dollars = 'a0000000-0000-4000-8000-000000000005';
      await scenario.given(BankAccount, dollars, opened(dollars, payee, 'USD'));
      await refuses({ ...rent, toAccountId: dollars }, 'CURRENCY_MISMATCH');
    });

    it('refuses a transfer id already used, and records nothing', async () => {
      await handler.execute(new TransferMoneyCommand(transfer, rent, testContext));
      scenario.settle();
      await refuses({ ...rent, amount: '1.00' }, 'TRANSFER_ALREADY_INITIATED');
    });
  });
});
