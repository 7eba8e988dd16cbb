import type { QueryBus } from '@nestjs/cqrs';
import { PersonRegisteredDomainEventV1, type LookUpPersonQuery, type PersonSummary } from '@openbank/persons';
import { Scenario, testContext, type EventStream } from '@openbank/testing';
import { crashBefore } from '../../../test/event-store-faults.js';
import { AccountHolder } from '../../domain/account-holder.js';
import { AccountHolderAccountClosedDomainEventV1, AccountHolderAccountOpenedDomainEventV1 } from '../../domain/account-holder.events.js';
import { BankAccount } from '../../domain/bank-account.js';
import { BankAccountClosedDomainEventV1, BankAccountCreatedDomainEventV2, BankAccountTransactionRecordedDomainEventV1 } from '../../domain/bank-account.events.js';
import { AccountOwners } from '../open-bank-account/account-owners.js';
import { CloseBankAccountCommand } from './close-bank-account.command.js';
import { CloseBankAccountHandler } from './close-bank-account.handler.js';

/** The persons' stream, as another context's event store shows it. */
const Person: EventStream = { type: 'Person', category: 'person', events: [PersonRegisteredDomainEventV1] };
const account = 'a0000000-0000-4000-8000-000000000001';
const owner = 'b0000000-0000-4000-8000-000000000001';
const now = new Date('2026-11-22T10:00:00.000Z');
const eur = (minor: number) => ({ minor, currency: 'EUR' });
const opened = new BankAccountCreatedDomainEventV2({ accountId: account, ownerId: owner, currency: 'EUR', overdraftLimit: eur(0), accountType: 'CHECKING', openedAt: now.toISOString() });
const held = new AccountHolderAccountOpenedDomainEventV1({ holderId: owner, accountId: account, currency: 'EUR', at: now.toISOString() });
const movement = (transactionId: string, direction: 'IN' | 'OUT', minor: number, balanceAfter: number) =>
  new BankAccountTransactionRecordedDomainEventV1({
    accountId: account,
    transaction: { transactionId, type: direction === 'IN' ? 'DEPOSIT' : 'WITHDRAWAL', direction, amount: eur(minor), description: '', balanceAfter: eur(balanceAfter), at: now.toISOString() },
  });
const registered = new PersonRegisteredDomainEventV1({
  personId: owner,
  firstName: 'Alice',
  lastName: 'Smith',
  dateOfBirth: '1990-05-15',
  nationality: 'US',
  gender: 'FEMALE',
  registeredAt: now.toISOString(),
});

/** The persons context's public query, answered as that context answers it: from the person's registration in the event store. */
function personsIn(scenario: Scenario): QueryBus {
  const lookUp = async ({ personId }: LookUpPersonQuery): Promise<PersonSummary | null> => {
    const registration = scenario.records().find(({ event }) => event.type === 'PersonRegisteredDomainEventV1' && event.data.personId === personId);
    return registration ? { id: personId, fullName: `${registration.event.data.firstName} ${registration.event.data.lastName}` } : null;
  };
  return { execute: lookUp } as unknown as QueryBus;
}

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

describe('closing a bank account (CloseBankAccountHandler)', () => {
  let scenario: Scenario;
  let handler: CloseBankAccountHandler;

  beforeEach(async () => {
    scenario = await Scenario.start([Person, BankAccount, AccountHolder]);
    scenario.clock.set(now);
    handler = new CloseBankAccountHandler(scenario.runner, scenario.repository, new AccountOwners(personsIn(scenario)));
    await scenario.given(Person, owner, registered);
    await scenario.given(AccountHolder, owner, held);
    await scenario.given(BankAccount, account, opened, movement('d-1', 'IN', 5000, 5000), movement('w-1', 'OUT', 5000, 0));
  });

  afterEach(async () => {
    await scenario.close();
  });

  it('closes an emptied account and frees its place among the holder’s accounts, in one append', async () => {
    const appends = appendsTo(scenario);
    const answer = await handler.execute(new CloseBankAccountCommand(account, '  moving abroad ', testContext));
    expect(scenario.recorded()).toEqual([
      new AccountHolderAccountClosedDomainEventV1({ holderId: owner, accountId: account, at: now.toISOString() }),
      new BankAccountClosedDomainEventV1({ accountId: account, reason: 'moving abroad', finalBalance: eur(0), closedAt: now.toISOString() }),
    ]);
    expect(appends).toEqual([[`holder-${owner}`, `account-${account}`]]);
    expect(answer).toMatchObject({ account: { status: 'CLOSED', closeReason: 'moving abroad', closedAt: now.toISOString() }, ownerName: 'Alice Smith', revision: 3n });
    expect((await scenario.repository.load(AccountHolder, owner)).state.openAccounts).toEqual([]);
  });

  it('closes an account its holder never counted (opened before holders were kept) without recording on the holder', async () => {
    const uncounted = 'a0000000-0000-4000-8000-000000000002';
    await scenario.given(BankAccount, uncounted, new BankAccountCreatedDomainEventV2({ ...opened.data, accountId: uncounted }));
    await handler.execute(new CloseBankAccountCommand(uncounted, 'moving abroad', testContext));
    expect(scenario.recorded()).toEqual([new BankAccountClosedDomainEventV1({ accountId: uncounted, reason: 'moving abroad', finalBalance: eur(0), closedAt: now.toISOString() })]);
  });

  it('refuses an account with money on it, and records nothing', async () => {
    await scenario.given(BankAccount, account, movement('d-2', 'IN', 1, 1));
    await expect(handler.execute(new CloseBankAccountCommand(account, 'moving abroad', testContext))).rejects.toMatchObject({ code: 'BALANCE_NOT_ZERO' });
    expect(scenario.recorded()).toEqual([]);
  });

  it('refuses an overdrawn account, and records nothing', async () => {
    await scenario.given(BankAccount, account, movement('w-2', 'OUT', 1, -1));
    await expect(handler.execute(new CloseBankAccountCommand(account, 'moving abroad', testContext))).rejects.toMatchObject({ code: 'BALANCE_NOT_ZERO' });
    expect(scenario.recorded()).toEqual([]);
  });

  it('refuses a blank reason, and records nothing', async () => {
    await expect(handler.execute(new CloseBankAccountCommand(account, '   ', testContext))).rejects.toMatchObject({ code: 'INVALID_CLOSE_REASON' });
    expect(scenario.recorded()).toEqual([]);
  });

  it('refuses an account already closed, and records nothing', async () => {
    await handler.execute(new CloseBankAccountCommand(account, 'moving abroad', testContext));
    scenario.settle();
    await expect(handler.execute(new CloseBankAccountCommand(account, 'again', testContext))).rejects.toMatchObject({ code: 'BANK_ACCOUNT_CLOSED' });
    expect(scenario.recorded()).toEqual([]);
  });

  it('refuses an account that does not exist, and records nothing', async () => {
    await expect(handler.execute(new CloseBankAccountCommand('a0000000-0000-4000-8000-000000000404', 'moving abroad', testContext))).rejects.toMatchObject({ code: 'BANK_ACCOUNT_NOT_FOUND' });
    expect(scenario.recorded()).toEqual([]);
  });
});

describe('closing a bank account on a store without atomic appends to several streams', () => {
  let scenario: Scenario;
  let handler: CloseBankAccountHandler;
  const holderOpenAccounts = async () => (await scenario.repository.load(AccountHolder, owner, { useCache: false })).state.openAccounts;
  const closed = new BankAccountClosedDomainEventV1({ accountId: account, reason: 'moving abroad', finalBalance: eur(0), closedAt: now.toISOString() });
  const released = new AccountHolderAccountClosedDomainEventV1({ holderId: owner, accountId: account, at: now.toISOString() });

  beforeEach(async () => {
    scenario = await Scenario.start([Person, BankAccount, AccountHolder], { atomicAcrossStreams: false });
    scenario.clock.set(now);
    handler = new CloseBankAccountHandler(scenario.runner, scenario.repository, new AccountOwners(personsIn(scenario)));
    await scenario.given(AccountHolder, owner, held);
    await scenario.given(BankAccount, account, opened);
  });

  afterEach(async () => {
    await scenario.close();
  });

  it('keeps the holder counting the account when a deposit landed meanwhile and the close is refused', async () => {
    // A deposit lands just before the close is appended: the close is decided again on the account as it is then.
    const append = scenario.store.append.bind(scenario.store);
    let depositPending = true;
    scenario.store.append = async (batch) => {
      if (depositPending) {
        depositPending = false;
        await scenario.given(BankAccount, account, movement('d-1', 'IN', 1, 1));
      }
      return append(batch);
    };
    await expect(handler.execute(new CloseBankAccountCommand(account, 'moving abroad', testContext))).rejects.toMatchObject({ code: 'BALANCE_NOT_ZERO' });
    expect(scenario.recorded()).toEqual([]);
    expect((await scenario.repository.load(AccountHolder, owner, { useCache: false })).state.openAccounts).toEqual([account]);
  });

  it('closes the account first, and frees its place on the holder only once the account holds the close', async () => {
    const appends = appendsTo(scenario);
    const answer = await handler.execute(new CloseBankAccountCommand(account, 'moving abroad', testContext));
    expect(scenario.recorded()).toEqual([closed, released]);
    expect(appends).toEqual([[`account-${account}`], [`holder-${owner}`]]);
    expect(answer).toMatchObject({ account: { status: 'CLOSED' }, revision: 1n });
    expect(await holderOpenAccounts()).toEqual([]);
  });

  it('after a crash between the account’s close and the holder’s record, the holder still counts the account; the close retried with its Idempotency-Key frees the place', async () => {
    const firstAttempt = { ...testContext, operationId: 'operation-1' };
    crashBefore(scenario, `holder-${owner}`);
    await expect(handler.execute(new CloseBankAccountCommand(account, 'moving abroad', firstAttempt))).rejects.toThrow('the process died');
    expect(scenario.recorded()).toEqual([closed]);
    // One place fewer for the owner, never one more.
    expect(await holderOpenAccounts()).toEqual([account]);

    scenario.settle();
    const answer = await handler.execute(new CloseBankAccountCommand(account, 'moving abroad', { ...firstAttempt, earlierAttemptSince: now.toISOString() }));
    expect(answer).toMatchObject({ account: { status: 'CLOSED' }, revision: 1n });
    expect(scenario.recorded()).toEqual([released]);
    expect(await holderOpenAccounts()).toEqual([]);
  });
});
