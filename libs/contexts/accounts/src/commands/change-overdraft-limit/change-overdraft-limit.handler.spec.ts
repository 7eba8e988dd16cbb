import type { QueryBus } from '@nestjs/cqrs';
import { PersonRegisteredDomainEventV1, type LookUpPersonQuery, type PersonSummary } from '@openbank/persons';
import { Scenario, testContext, type EventStream } from '@openbank/testing';
import { BankAccount } from '../../domain/bank-account.js';
import {
  BankAccountClosedDomainEventV1,
  BankAccountCreatedDomainEventV2,
  BankAccountTransactionRecordedDomainEventV1,
  OverdraftLimitChangedDomainEventV1,
} from '../../domain/bank-account.events.js';
import { AccountOwners } from '../open-bank-account/account-owners.js';
import { ChangeOverdraftLimitCommand } from './change-overdraft-limit.command.js';
import { ChangeOverdraftLimitHandler } from './change-overdraft-limit.handler.js';

/** The persons' stream, as another context's event store shows it. */
const Person: EventStream = { type: 'Person', category: 'person', events: [PersonRegisteredDomainEventV1] };
const account = 'a0000000-0000-4000-8000-000000000001';
const owner = 'b0000000-0000-4000-8000-000000000001';
const now = new Date('2026-11-22T10:00:00.000Z');
const eur = (minor: number) => ({ minor, currency: 'EUR' });
const opened = new BankAccountCreatedDomainEventV2({ accountId: account, ownerId: owner, currency: 'EUR', overdraftLimit: eur(50_000), accountType: 'CHECKING', openedAt: now.toISOString() });
const withdrawn = (minor: number) =>
  new BankAccountTransactionRecordedDomainEventV1({
    accountId: account,
    transaction: { transactionId: 'w-1', type: 'WITHDRAWAL', direction: 'OUT', amount: eur(minor), description: '', balanceAfter: eur(-minor), at: now.toISOString() },
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

describe('changing an overdraft limit (ChangeOverdraftLimitHandler)', () => {
  let scenario: Scenario;
  let handler: ChangeOverdraftLimitHandler;

  beforeEach(async () => {
    scenario = await Scenario.start([Person, BankAccount]);
    scenario.clock.set(now);
    handler = new ChangeOverdraftLimitHandler(scenario.runner, new AccountOwners(personsIn(scenario)));
    await scenario.given(Person, owner, registered);
    await scenario.given(BankAccount, account, opened);
  });

  afterEach(async () => {
    await scenario.close();
  });

  it('records the previous and the new limit, and answers the account with its owner’s name', async () => {
    const answer = await handler.execute(new ChangeOverdraftLimitCommand(account, '750.00', testContext));
    expect(scenario.recorded()).toEqual([new OverdraftLimitChangedDomainEventV1({ accountId: account, previousLimit: eur(50_000), newLimit: eur(75_000) })]);
    expect(answer).toMatchObject({ account: { id: account, status: 'ACTIVE' }, ownerName: 'Alice Smith', revision: 1n, occurredAt: now.toISOString() });
    expect(answer.account.overdraftLimit.toJSON()).toEqual(eur(75_000));
  });

  it('lowers the limit down to what the balance already uses', async () => {
    await scenario.given(BankAccount, account, withdrawn(20_000));
    await handler.execute(new ChangeOverdraftLimitCommand(account, '200.00', testContext));
    expect(scenario.recorded()).toEqual([new OverdraftLimitChangedDomainEventV1({ accountId: account, previousLimit: eur(50_000), newLimit: eur(20_000) })]);
  });

  it('records nothing for the limit the account already has', async () => {
    const answer = await handler.execute(new ChangeOverdraftLimitCommand(account, '500', testContext));
    expect(scenario.recorded()).toEqual([]);
    expect(answer.revision).toBe(0n);
  });

  it('names the owner by id when the persons context no longer knows them', async () => {
    const orphan = 'a0000000-0000-4000-8000-000000000002';
    await scenario.given(BankAccount, orphan, new BankAccountCreatedDomainEventV2({ ...opened.data, accountId: orphan, ownerId: 'b0000000-0000-4000-8000-000000000009' }));
    const answer = await handler.execute(new ChangeOverdraftLimitCommand(orphan, '100.00', testContext));
    expect(answer.ownerName).toBe('b0000000-0000-4000-8000-000000000009');
  });

  it('refuses a limit below what the balance already uses, and records nothing', async () => {
    await scenario.given(BankAccount, account, withdrawn(20_000));
    await expect(handler.execute(new ChangeOverdraftLimitCommand(account, '199.99', testContext))).rejects.toMatchObject({ code: 'OVERDRAFT_LIMIT_BELOW_USAGE' });
    expect(scenario.recorded()).toEqual([]);
  });

  it('refuses a negative limit, and records nothing', async () => {
    await expect(handler.execute(new ChangeOverdraftLimitCommand(account, '-1.00', testContext))).rejects.toMatchObject({ code: 'NEGATIVE_OVERDRAFT_LIMIT' });
    expect(scenario.recorded()).toEqual([]);
  });

  it('refuses more decimals than the currency has, and records nothing', async () => {
    await expect(handler.execute(new ChangeOverdraftLimitCommand(account, '1.001', testContext))).rejects.toMatchObject({ code: 'INVALID_AMOUNT' });
    expect(scenario.recorded()).toEqual([]);
  });

  it('refuses a closed account, and records nothing', async () => {
    await scenario.given(BankAccount, account, new BankAccountClosedDomainEventV1({ accountId: account, reason: 'moving abroad', finalBalance: eur(0), closedAt: now.toISOString() }));
    await expect(handler.execute(new ChangeOverdraftLimitCommand(account, '750.00', testContext))).rejects.toMatchObject({ code: 'BANK_ACCOUNT_CLOSED' });
    expect(scenario.recorded()).toEqual([]);
  });

  it('refuses an account that does not exist, and records nothing', async () => {
    await expect(handler.execute(new ChangeOverdraftLimitCommand('a0000000-0000-4000-8000-000000000404', '750.00', testContext))).rejects.toMatchObject({ code: 'BANK_ACCOUNT_NOT_FOUND' });
    expect(scenario.recorded()).toEqual([]);
  });
});
