import { ConcurrencyConflict, type RecordedDomainEvent } from '@openbank/event-sourcing';
import { Scenario, testContext } from '@openbank/testing';
import { crashBefore } from '../../test/event-store-faults.js';
import type { AccountsOptions } from '../accounts.options.js';
import { legTransactionId, TransferLegs } from '../commands/transfer-money/transfer-legs.js';
import { TransferMoneyCommand } from '../commands/transfer-money/transfer-money.command.js';
import { TransferMoneyHandler } from '../commands/transfer-money/transfer-money.handler.js';
import { AccountHolder, outgoingOf } from '../domain/account-holder.js';
import { AccountHolderAccountOpenedDomainEventV1, AccountHolderMoneyWentOutDomainEventV1 } from '../domain/account-holder.events.js';
import { BankAccount } from '../domain/bank-account.js';
import { BankAccountClosedDomainEventV1, BankAccountCreatedDomainEventV2, BankAccountTransactionRecordedDomainEventV1, type AccountTransaction } from '../domain/bank-account.events.js';
import { Transfer } from '../domain/transfer.js';
import {
  TransferCompletedDomainEventV1,
  TransferCreditRefusedDomainEventV1,
  TransferDebitReversedDomainEventV1,
  TransferFailedDomainEventV1,
  TransferInitiatedDomainEventV1,
  TransferSourceDebitedDomainEventV1,
  TransferTargetCreditedDomainEventV1,
  type TransferEvent,
} from '../domain/transfer.events.js';
import { TransferProcess } from './transfer.process.js';

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
const debitId = legTransactionId(transfer, 'debit');
const creditId = legTransactionId(transfer, 'credit');
const reversalId = legTransactionId(transfer, 'reversal');
const opened = (accountId: string, ownerId: string) => new BankAccountCreatedDomainEventV2({ accountId, ownerId, currency: 'EUR', overdraftLimit: eur(0), accountType: 'CHECKING', openedAt: now.toISOString() });
const movement = (accountId: string, transaction: Omit<AccountTransaction, 'at' | 'description'> & { description?: string }) =>
  new BankAccountTransactionRecordedDomainEventV1({ accountId, transaction: { description: 'Rent share', ...transaction, at: now.toISOString() } });
const initiated = new TransferInitiatedDomainEventV1({ transferId: transfer, fromAccountId: source, toAccountId: target, amount: eur(4000), description: 'Rent share', initiatedAt: now.toISOString() });
const closedTarget = new BankAccountClosedDomainEventV1({ accountId: target, reason: 'moving abroad', finalBalance: eur(0), closedAt: now.toISOString() });
const debited = movement(source, { transactionId: debitId, type: 'TRANSFER', direction: 'OUT', amount: eur(4000), balanceAfter: eur(46_000), transferId: transfer, counterpartyAccountId: target });
const moneyWentOut = new AccountHolderMoneyWentOutDomainEventV1({ holderId: payer, accountId: source, transactionId: debitId, amount: eur(4000), at: now.toISOString() });

describe('the transfer process, moving a transfer step by step', () => {
  let scenario: Scenario;
  let process: TransferProcess;
  /** The transfer's own record of a step, as the process's subscription delivers it. */
  const step = (type: TransferEvent['type']): RecordedDomainEvent<TransferEvent> => scenario.records().find((record) => record.event.type === type && record.streamId === `transfer-${transfer}`)!;

  async function startBank(atomicAcrossStreams: boolean) {
    scenario = await Scenario.start([BankAccount, AccountHolder, Transfer], { atomicAcrossStreams });
    scenario.clock.set(now);
    process = new TransferProcess(scenario.runner, scenario.repository, new TransferLegs(scenario.runner, options));
    await scenario.given(AccountHolder, payer, new AccountHolderAccountOpenedDomainEventV1({ holderId: payer, accountId: source, currency: 'EUR', at: now.toISOString() }));
    await scenario.given(BankAccount, source, opened(source, payer), movement(source, { transactionId: 'd-1', type: 'DEPOSIT', direction: 'IN', amount: eur(50_000), balanceAfter: eur(50_000) }));
    await scenario.given(BankAccount, target, opened(target, payee));
  }

  afterEach(async () => {
    await scenario.close();
  });

  describe('on a store without atomic appends to several streams', () => {
    beforeEach(async () => {
      await startBank(false);
      await scenario.given(Transfer, transfer, initiated);
    });

    it('debits the source (and its holder) when the transfer is initiated, then records that step', async () => {
      await process.handle(step('TransferInitiatedDomainEventV1'));
      expect(scenario.recorded()).toEqual([moneyWentOut, debited, new TransferSourceDebitedDomainEventV1({ transferId: transfer, transactionId: debitId })]);
    });

    it('credits the target once the source is debited, and completes the transfer', async () => {
      await process.handle(step('TransferInitiatedDomainEventV1'));
      scenario.settle();
      await process.handle(step('TransferSourceDebitedDomainEventV1'));
      expect(scenario.recorded()).toEqual([
        movement(target, { transactionId: creditId, type: 'TRANSFER', direction: 'IN', amount: eur(4000), balanceAfter: eur(4000), transferId: transfer, counterpartyAccountId: source }),
        new TransferTargetCreditedDomainEventV1({ transferId: transfer, transactionId: creditId }),
        new TransferCompletedDomainEventV1({ transferId: transfer, completedAt: now.toISOString() }),
      ]);
    });

    it('fails the transfer, moving nothing, when the source refuses its debit', async () => {
      await scenario.given(BankAccount, source, movement(source, { transactionId: 'w-1', type: 'WITHDRAWAL', direction: 'OUT', amount: eur(49_000), balanceAfter: eur(1000), description: '' }));
      await process.handle(step('TransferInitiatedDomainEventV1'));
      expect(scenario.recorded()).toEqual([
        new TransferFailedDomainEventV1({
          transferId: transfer,
          code: 'INSUFFICIENT_FUNDS',
          reason: '40.00 EUR is more than the available 10.00 EUR (balance plus overdraft limit)',
          compensated: false,
          failedAt: now.toISOString(),
        }),
      ]);
    });

    it('leaves the transfer as it is, for the step to be tried again, when the source keeps changing under the debit', async () => {
      const legs = new TransferLegs(scenario.runner, options);
      legs.debit = async () => {
        throw new ConcurrencyConflict('BankAccount kept changing; the command was not applied', {});
      };
      const hot = new TransferProcess(scenario.runner, scenario.repository, legs);
      await expect(hot.handle(step('TransferInitiatedDomainEventV1'))).rejects.toBeInstanceOf(ConcurrencyConflict);
      expect(scenario.recorded()).toEqual([]);
    });

    it('fails the transfer when the holder has meanwhile sent their day’s allowance from another account', async () => {
      await scenario.given(
        AccountHolder,
        payer,
        new AccountHolderMoneyWentOutDomainEventV1({ holderId: payer, accountId: 'a0000000-0000-4000-8000-000000000003', transactionId: 'w-9', amount: eur(7000), at: now.toISOString() }),
      );
      await process.handle(step('TransferInitiatedDomainEventV1'));
      expect(scenario.recorded()).toEqual([expect.objectContaining({ type: 'TransferFailedDomainEventV1', data: expect.objectContaining({ code: 'VELOCITY_LIMIT_EXCEEDED', compensated: false }) })]);
    });

    it('gives the source its money back when a target closed meanwhile refuses the credit, and fails the transfer compensated', async () => {
      await process.handle(step('TransferInitiatedDomainEventV1'));
      await scenario.given(BankAccount, target, closedTarget);
      await process.handle(step('TransferSourceDebitedDomainEventV1'));
      const refusal = `bank account ${target} is closed`;
      expect(scenario.recorded()).toEqual([new TransferCreditRefusedDomainEventV1({ transferId: transfer, code: 'BANK_ACCOUNT_CLOSED', reason: refusal })]);
      scenario.settle();
      await process.handle(step('TransferCreditRefusedDomainEventV1'));
      expect(scenario.recorded()).toEqual([
        movement(source, {
          transactionId: reversalId,
          type: 'TRANSFER',
          direction: 'IN',
          amount: eur(4000),
          description: `Reversal of transfer ${transfer}: ${refusal}`,
          balanceAfter: eur(50_000),
          transferId: transfer,
          reverses: debitId,
        }),
        new TransferDebitReversedDomainEventV1({ transferId: transfer, transactionId: reversalId }),
        new TransferFailedDomainEventV1({ transferId: transfer, code: 'BANK_ACCOUNT_CLOSED', reason: refusal, compensated: true, failedAt: now.toISOString() }),
      ]);
    });

    it('counts the debit once against the holder when the source changed between the debit’s decision and its append', async () => {
      // Without atomic appends the holder's stream is written first; the source's append then meets
      // a deposit that landed meanwhile, and the debit is decided again on fresh state.
      const append = scenario.store.append.bind(scenario.store);
      let depositPending = true;
      scenario.store.append = async (batch) => {
        if (depositPending) {
          depositPending = false;
          await scenario.given(BankAccount, source, movement(source, { transactionId: 'd-2', type: 'DEPOSIT', direction: 'IN', amount: eur(100), balanceAfter: eur(50_100), description: '' }));
        }
        return append(batch);
      };
      await process.handle(step('TransferInitiatedDomainEventV1'));
      expect(scenario.recorded()).toEqual([
        moneyWentOut,
        movement(source, { transactionId: debitId, type: 'TRANSFER', direction: 'OUT', amount: eur(4000), balanceAfter: eur(46_100), transferId: transfer, counterpartyAccountId: target }),
        new TransferSourceDebitedDomainEventV1({ transferId: transfer, transactionId: debitId }),
      ]);
    });

    it('after a crash between the holder’s append and the source’s, debits the source once and counts the debit once when the step is delivered again', async () => {
      crashBefore(scenario, `account-${source}`);
      await expect(process.handle(step('TransferInitiatedDomainEventV1'))).rejects.toThrow('the process died');
      // Until the step is carried out, the holder counts money that has not left yet: never less than has.
      expect(scenario.recorded()).toEqual([moneyWentOut]);
      scenario.settle();
      await process.handle(step('TransferInitiatedDomainEventV1'));
      expect(scenario.recorded()).toEqual([debited, new TransferSourceDebitedDomainEventV1({ transferId: transfer, transactionId: debitId })]);
      expect(outgoingOf((await scenario.repository.load(AccountHolder, payer, { useCache: false })).state, 'EUR', now).lastDayMinor).toBe(4000);
    });

    it('records nothing twice when a step is delivered again', async () => {
      await process.handle(step('TransferInitiatedDomainEventV1'));
      await process.handle(step('TransferSourceDebitedDomainEventV1'));
      scenario.settle();
      await process.handle(step('TransferInitiatedDomainEventV1'));
      await process.handle(step('TransferSourceDebitedDomainEventV1'));
      expect(scenario.recorded()).toEqual([]);
    });

    it('finds the debit it made before a crash instead of debiting again, and records the step it had lost', async () => {
      const append = scenario.store.append.bind(scenario.store);
      let outage = true;
      scenario.store.append = async (batch) => {
        // The store goes away right after the account's debit, before the transfer records its step.
        if (outage && batch.some(({ stream }) => stream === `transfer-${transfer}`)) {
          outage = false;
          throw new Error('the event store is unavailable');
        }
        return append(batch);
      };
      await expect(process.handle(step('TransferInitiatedDomainEventV1'))).rejects.toThrow('the event store is unavailable');
      await process.handle(step('TransferInitiatedDomainEventV1'));
      expect(scenario.recorded()).toEqual([moneyWentOut, debited, new TransferSourceDebitedDomainEventV1({ transferId: transfer, transactionId: debitId })]);
    });
  });

  it('has nothing to do for a transfer moved at once', async () => {
    await startBank(true);
    await new TransferMoneyHandler(scenario.runner, scenario.repository, options).execute(
      new TransferMoneyCommand(transfer, { fromAccountId: source, toAccountId: target, amount: '40.00', description: 'Rent share' }, testContext),
    );
    scenario.settle();
    for (const record of scenario.records().filter(({ streamId }) => streamId === `transfer-${transfer}`)) await process.handle(record);
    expect(scenario.recorded()).toEqual([]);
  });
});
