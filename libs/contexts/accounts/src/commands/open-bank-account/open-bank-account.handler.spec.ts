import type { QueryBus } from '@nestjs/cqrs';
import type { CommandContext } from '@openbank/event-sourcing';
import { PersonRegisteredDomainEventV1, type LookUpPersonQuery, type PersonSummary } from '@openbank/persons';
import { Scenario, testContext, type EventStream } from '@openbank/testing';
import { concurrently, crashBefore } from '../../../test/event-store-faults.js';
import type { AccountsOptions } from '../../accounts.options.js';
import { AccountHolder } from '../../domain/account-holder.js';
import { AccountHolderAccountClosedDomainEventV1, AccountHolderAccountOpenedDomainEventV1 } from '../../domain/account-holder.events.js';
import { BankAccount } from '../../domain/bank-account.js';
import { BankAccountClosedDomainEventV1, BankAccountCreatedDomainEventV2, BankAccountTransactionRecordedDomainEventV1 } from '../../domain/bank-account.events.js';
import { AccountOwners } from './account-owners.js';
import { OpenBankAccountCommand } from './open-bank-account.command.js';
import { OpenBankAccountHandler } from './open-bank-account.handler.js';

/** The persons' stream, as another context's event store shows it. */
const Person: EventStream = { type: 'Person', category: 'person', events: [PersonRegisteredDomainEventV1] };
const account = 'a0000000-0000-4000-8000-000000000001';
const owner = 'b0000000-0000-4000-8000-000000000001';
const stranger = 'b0000000-0000-4000-8000-000000000009';
const now = new Date('2026-11-22T10:00:00.000Z');
const eur = (minor: number) => ({ minor, currency: 'EUR' });
const options: AccountsOptions = {
  defaultOverdraftLimit: '0.00',
  maxOpenAccountsPerCustomer: 2,
  limits: { maximumAmount: '1000.00', maxOutgoingPerDay: '100.00', maxOutgoingPerHour: 10 },
  transferWaitMs: 0,
};
const customer: CommandContext = { ...testContext, principal: { id: 'customer-1', roles: ['customer'] } };
const teller: CommandContext = { ...testContext, principal: { id: 'teller-1', roles: ['teller'] } };
const opening = { ownerId: owner, currency: 'EUR', overdraftLimit: '500.00' };
const registered = new PersonRegisteredDomainEventV1({
  personId: owner,
  firstName: 'Alice',
  lastName: 'Smith',
  dateOfBirth: '1990-05-15',
  nationality: 'US',
  gender: 'FEMALE',
  registeredAt: now.toISOString(),
});
const holds = (accountId: string) => new AccountHolderAccountOpenedDomainEventV1({ holderId: owner, accountId, currency: 'EUR', at: now.toISOString() });

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

describe('opening a bank account (OpenBankAccountHandler)', () => {
  let scenario: Scenario;
  let handler: OpenBankAccountHandler;

  beforeEach(async () => {
    scenario = await Scenario.start([Person, BankAccount, AccountHolder]);
    scenario.clock.set(now);
    handler = new OpenBankAccountHandler(scenario.runner, new AccountOwners(personsIn(scenario)), options);
    await scenario.given(Person, owner, registered);
  });

  afterEach(async () => {
    await scenario.close();
  });

  it('opens the account and counts it among its holder’s accounts, in one append', async () => {
    const appends = appendsTo(scenario);
    const answer = await handler.execute(new OpenBankAccountCommand(account, opening, customer));
    expect(scenario.recorded()).toEqual([
      new AccountHolderAccountOpenedDomainEventV1({ holderId: owner, accountId: account, currency: 'EUR', at: now.toISOString() }),
      new BankAccountCreatedDomainEventV2({ accountId: account, ownerId: owner, currency: 'EUR', overdraftLimit: eur(50_000), accountType: 'CHECKING', openedAt: now.toISOString() }),
    ]);
    expect(appends).toEqual([[`holder-${owner}`, `account-${account}`]]);
    expect(answer).toMatchObject({ account: { id: account, status: 'ACTIVE', ownerId: owner, transactionCount: 0 }, ownerName: 'Alice Smith', revision: 0n, occurredAt: now.toISOString() });
    expect(answer.account.overdraftLimit.toJSON()).toEqual(eur(50_000));
  });

  it('opens a savings account with an opening deposit: the account, its first transaction and its holder’s record in one append', async () => {
    const appends = appendsTo(scenario);
    const withDeposit = { ...opening, accountType: 'SAVINGS' as const, initialDeposit: { transactionId: 'opening-1', amount: '250.00', description: 'Opening deposit' } };
    const answer = await handler.execute(new OpenBankAccountCommand(account, withDeposit, customer));
    expect(scenario.recorded()).toEqual([
      holds(account),
      new BankAccountCreatedDomainEventV2({ accountId: account, ownerId: owner, currency: 'EUR', overdraftLimit: eur(50_000), accountType: 'SAVINGS', openedAt: now.toISOString() }),
      new BankAccountTransactionRecordedDomainEventV1({
        accountId: account,
        transaction: { transactionId: 'opening-1', type: 'DEPOSIT', direction: 'IN', amount: eur(25_000), description: 'Opening deposit', balanceAfter: eur(25_000), at: now.toISOString() },
      }),
    ]);
    expect(appends).toEqual([[`holder-${owner}`, `account-${account}`]]);
    expect(answer).toMatchObject({ account: { accountType: 'SAVINGS', transactionCount: 1, lastTransactionAt: now.toISOString() }, revision: 1n });
    expect(answer.account.balance.toDecimalString()).toBe('250.00');
  });

  it.each([
    ['above the maximum of one transaction', '1000.01', 'AMOUNT_ABOVE_MAXIMUM'],
    ['of zero', '0', 'AMOUNT_NOT_POSITIVE'],
    ['with more decimals than the currency has', '1.001', 'INVALID_AMOUNT'],
  ])('refuses an opening deposit %s, and opens nothing', async (_case, amount, code) => {
    const withDeposit = { ...opening, initialDeposit: { transactionId: 'opening-1', amount, description: 'Opening deposit' } };
    await expect(handler.execute(new OpenBankAccountCommand(account, withDeposit, customer))).rejects.toMatchObject({ code });
    expect(scenario.recorded()).toEqual([]);
  });

  it('refuses an owner the persons context does not know, and records nothing', async () => {
    await expect(handler.execute(new OpenBankAccountCommand(account, { ...opening, ownerId: stranger }, customer))).rejects.toMatchObject({ code: 'OWNER_NOT_FOUND' });
    expect(scenario.recorded()).toEqual([]);
  });

  it('refuses an account id already taken, and records nothing on the account or its holder', async () => {
    await handler.execute(new OpenBankAccountCommand(account, opening, customer));
    scenario.settle();
    await expect(handler.execute(new OpenBankAccountCommand(account, opening, teller))).rejects.toMatchObject({ code: 'BANK_ACCOUNT_ALREADY_EXISTS' });
    expect(scenario.recorded()).toEqual([]);
  });

  it.each([
    ['a negative overdraft limit', { overdraftLimit: '-0.01' }, 'NEGATIVE_OVERDRAFT_LIMIT'],
    ['a limit with more decimals than the currency has', { currency: 'JPY', overdraftLimit: '0.5' }, 'INVALID_AMOUNT'],
    ['a currency that is no ISO 4217 currency', { currency: 'XYZ' }, 'UNSUPPORTED_CURRENCY'],
  ])('refuses %s, and records nothing', async (_case, change, code) => {
    await expect(handler.execute(new OpenBankAccountCommand(account, { ...opening, ...change }, teller))).rejects.toMatchObject({ code });
    expect(scenario.recorded()).toEqual([]);
  });

  it('refuses a customer a third open account, and records nothing', async () => {
    await scenario.given(AccountHolder, owner, holds('a0000000-0000-4000-8000-000000000101'), holds('a0000000-0000-4000-8000-000000000102'));
    await expect(handler.execute(new OpenBankAccountCommand(account, opening, customer))).rejects.toMatchObject({ code: 'TOO_MANY_OPEN_ACCOUNTS' });
    expect(scenario.recorded()).toEqual([]);
  });

  it('decides again on the holder as it is when another account was opened for them meanwhile, and refuses one too many', async () => {
    await scenario.given(AccountHolder, owner, holds('a0000000-0000-4000-8000-000000000101'));
    concurrently(scenario, () => scenario.given(AccountHolder, owner, holds('a0000000-0000-4000-8000-000000000102')));
    await expect(handler.execute(new OpenBankAccountCommand(account, opening, customer))).rejects.toMatchObject({ code: 'TOO_MANY_OPEN_ACCOUNTS' });
    expect(scenario.recorded()).toEqual([]);
  });

  it('lets bank staff open more accounts than a customer may', async () => {
    await scenario.given(AccountHolder, owner, holds('a0000000-0000-4000-8000-000000000101'), holds('a0000000-0000-4000-8000-000000000102'));
    await handler.execute(new OpenBankAccountCommand(account, opening, teller));
    expect(scenario.recorded(BankAccount, account)).toHaveLength(1);
    expect((await scenario.repository.load(AccountHolder, owner)).state.openAccounts).toHaveLength(3);
  });

  it('at the maximum, releases an account the holder counts but whose own stream holds its close (a crash lost the holder’s record of it), and opens the new one', async () => {
    const closedMeanwhile = 'a0000000-0000-4000-8000-000000000101';
    const closedAt = '2026-11-21T09:00:00.000Z';
    await scenario.given(AccountHolder, owner, holds(closedMeanwhile), holds('a0000000-0000-4000-8000-000000000102'));
    await scenario.given(
      BankAccount,
      closedMeanwhile,
      new BankAccountCreatedDomainEventV2({ accountId: closedMeanwhile, ownerId: owner, currency: 'EUR', overdraftLimit: eur(0), accountType: 'CHECKING', openedAt: now.toISOString() }),
      new BankAccountClosedDomainEventV1({ accountId: closedMeanwhile, reason: 'moving abroad', finalBalance: eur(0), closedAt }),
    );
    await handler.execute(new OpenBankAccountCommand(account, opening, customer));
    expect(scenario.recorded(AccountHolder, owner)).toEqual([new AccountHolderAccountClosedDomainEventV1({ holderId: owner, accountId: closedMeanwhile, at: closedAt }), holds(account)]);
    expect((await scenario.repository.load(AccountHolder, owner)).state.openAccounts).toEqual(['a0000000-0000-4000-8000-000000000102', account]);
  });

  it('counts only the accounts still open', async () => {
    const closed = 'a0000000-0000-4000-8000-000000000101';
    await scenario.given(
      AccountHolder,
      owner,
      holds(closed),
      holds('a0000000-0000-4000-8000-000000000102'),
      new AccountHolderAccountClosedDomainEventV1({ holderId: owner, accountId: closed, at: now.toISOString() }),
    );
    await handler.execute(new OpenBankAccountCommand(account, opening, customer));
    expect(scenario.recorded(AccountHolder, owner)).toEqual([new AccountHolderAccountOpenedDomainEventV1({ holderId: owner, accountId: account, currency: 'EUR', at: now.toISOString() })]);
  });
});

describe('opening a bank account on a store without atomic appends to several streams', () => {
  let scenario: Scenario;
  let handler: OpenBankAccountHandler;
  const firstAttempt: CommandContext = { ...customer, operationId: 'operation-1' };
  const created = new BankAccountCreatedDomainEventV2({ accountId: account, ownerId: owner, currency: 'EUR', overdraftLimit: eur(50_000), accountType: 'CHECKING', openedAt: now.toISOString() });

  beforeEach(async () => {
    scenario = await Scenario.start([Person, BankAccount, AccountHolder], { atomicAcrossStreams: false });
    scenario.clock.set(now);
    handler = new OpenBankAccountHandler(scenario.runner, new AccountOwners(personsIn(scenario)), options);
    await scenario.given(Person, owner, registered);
    await scenario.given(AccountHolder, owner, holds('a0000000-0000-4000-8000-000000000101'));
  });

  afterEach(async () => {
    await scenario.close();
  });

  it('counts the account on its holder before the account is written: no account is ever open uncounted', async () => {
    await handler.execute(new OpenBankAccountCommand(account, opening, customer));
    expect(scenario.recorded()).toEqual([holds(account), created]);
  });

  it('after a crash between the holder’s record and the account’s, holds the place; the retry with the same Idempotency-Key opens that account without counting it twice', async () => {
    crashBefore(scenario, `account-${account}`);
    await expect(handler.execute(new OpenBankAccountCommand(account, opening, firstAttempt))).rejects.toThrow('the process died');
    expect(scenario.recorded()).toEqual([holds(account)]);
    // The place stays taken: the customer's maximum of two is reached.
    await expect(handler.execute(new OpenBankAccountCommand('a0000000-0000-4000-8000-000000000103', opening, customer))).rejects.toMatchObject({ code: 'TOO_MANY_OPEN_ACCOUNTS' });

    scenario.settle();
    const answer = await handler.execute(new OpenBankAccountCommand(account, opening, { ...firstAttempt, earlierAttemptSince: now.toISOString() }));
    expect(answer).toMatchObject({ account: { id: account, status: 'ACTIVE' }, revision: 0n });
    expect(scenario.recorded()).toEqual([created]);
    expect((await scenario.repository.load(AccountHolder, owner, { useCache: false })).state.openAccounts).toEqual(['a0000000-0000-4000-8000-000000000101', account]);
  });
});
