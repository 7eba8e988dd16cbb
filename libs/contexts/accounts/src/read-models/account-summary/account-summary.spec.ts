import { PersonRegisteredDomainEventV1 } from '@openbank/persons';
import { Scenario, type EventStream } from '@openbank/testing';
import { BankAccount } from '../../domain/bank-account.js';
import {
  BankAccountClosedDomainEventV1,
  BankAccountCreatedDomainEventV2,
  BankAccountTransactionRecordedDomainEventV1,
  type TransactionDirection,
} from '../../domain/bank-account.events.js';
import { AccountOwnerNames } from '../bank-account-details/account-owner-names.js';
import { BankAccountDetailsProjection } from '../bank-account-details/bank-account-details.projection.js';
import { bankAccountsCollection, type BankAccountDetails } from '../bank-account-details/bank-account-details.schema.js';
import { accountSummaryOf, type AccountSummary } from './account-summary.js';
import { AccountSummaryResponse } from './account-summary.response.js';

/** The persons' stream, as another context's event store shows it. */
const Person: EventStream = { type: 'Person', category: 'person', events: [PersonRegisteredDomainEventV1] };
const alice = 'b0000000-0000-4000-8000-000000000001';
const bob = 'b0000000-0000-4000-8000-000000000002';
const [checking, closed, dollars, bobs] = ['01', '02', '03', '04'].map((n) => `a0000000-0000-4000-8000-0000000000${n}`);
const at = (time: string) => new Date(`2026-11-22T${time}:00.000Z`);
const registered = (personId: string, firstName: string) =>
  new PersonRegisteredDomainEventV1({ personId, firstName, lastName: 'Smith', dateOfBirth: '1990-05-15', nationality: 'US', gender: 'FEMALE', registeredAt: at('09:00').toISOString() });
const opened = (accountId: string, ownerId: string, currency = 'EUR') =>
  new BankAccountCreatedDomainEventV2({ accountId, ownerId, currency, overdraftLimit: { minor: 0, currency }, accountType: 'CHECKING', openedAt: at('09:00').toISOString() });
const moved = (accountId: string, direction: TransactionDirection, minor: number, balanceAfter: number, currency = 'EUR') =>
  new BankAccountTransactionRecordedDomainEventV1({
    accountId,
    transaction: {
      transactionId: `${accountId}-${balanceAfter}`,
      type: direction === 'IN' ? 'DEPOSIT' : 'WITHDRAWAL',
      direction,
      amount: { minor, currency },
      description: '',
      balanceAfter: { minor: balanceAfter, currency },
      at: at('10:00').toISOString(),
    },
  });

describe('the summary of a person’s accounts (from the bank-account-details read model)', () => {
  let scenario: Scenario;

  /** What GetAccountSummaryHandler answers: the owner's name as learnt from the persons' events, and their accounts' documents added up. */
  async function summaryOf(personId: string): Promise<AccountSummary | undefined> {
    const owner = await new AccountOwnerNames(scenario.readModels).lookUp(personId);
    const accounts = scenario.readModels.all<BankAccountDetails>(bankAccountsCollection).filter((account) => account.owner_id === personId);
    return owner === undefined ? undefined : accountSummaryOf(personId, owner, accounts);
  }

  /** Events on the account at a time of the scenario's clock (the time each event's metadata records). */
  async function givenAt(time: string, accountId: string, ...events: (BankAccountCreatedDomainEventV2 | BankAccountTransactionRecordedDomainEventV1 | BankAccountClosedDomainEventV1)[]) {
    scenario.clock.set(at(time));
    await scenario.given(BankAccount, accountId, ...events);
  }

  beforeEach(async () => {
    scenario = await Scenario.start([Person, BankAccount]);
    scenario.clock.set(at('09:00'));
    await scenario.given(Person, alice, registered(alice, 'Alice'));
    await scenario.given(Person, bob, registered(bob, 'Bob'));
    await givenAt('10:00', checking, opened(checking, alice), moved(checking, 'IN', 100_000, 100_000), moved(checking, 'OUT', 25_000, 75_000));
    await givenAt('11:00', closed, opened(closed, alice), moved(closed, 'IN', 5_000, 5_000), moved(closed, 'OUT', 5_000, 0));
    await givenAt('12:30', closed, new BankAccountClosedDomainEventV1({ accountId: closed, reason: 'moving abroad', finalBalance: { minor: 0, currency: 'EUR' }, closedAt: at('12:30').toISOString() }));
    await givenAt('12:00', dollars, opened(dollars, alice, 'USD'), moved(dollars, 'IN', 2_000, 2_000, 'USD'));
    await givenAt('13:00', bobs, opened(bobs, bob), moved(bobs, 'IN', 999_900, 999_900));
  });

  afterEach(async () => {
    await scenario.close();
  });

  it('counts the accounts, active and closed, totals the balances per currency and tells the last activity', async () => {
    await new BankAccountDetailsProjection(scenario.readModels, scenario.repository).project(scenario.records());
    expect(AccountSummaryResponse.of((await summaryOf(alice))!)).toEqual({
      owner_id: alice,
      owner: 'Alice Smith',
      total_accounts: 3,
      active_accounts: 2,
      closed_accounts: 1,
      total_balances: [
        { currency: 'EUR', total_balance: '750.00', accounts: 2 },
        { currency: 'USD', total_balance: '20.00', accounts: 1 },
      ],
      last_activity_at: at('12:30').toISOString(),
    });
  });

  it('answers zeros and an empty list for a person without accounts, and nothing for one it does not know', async () => {
    const carol = 'b0000000-0000-4000-8000-000000000003';
    await scenario.given(Person, carol, registered(carol, 'Carol'));
    await new BankAccountDetailsProjection(scenario.readModels, scenario.repository).project(scenario.records());
    expect(AccountSummaryResponse.of((await summaryOf(carol))!)).toEqual({
      owner_id: carol,
      owner: 'Carol Smith',
      total_accounts: 0,
      active_accounts: 0,
      closed_accounts: 0,
      total_balances: [],
    });
    expect(await summaryOf('b0000000-0000-4000-8000-000000000404')).toBeUndefined();
  });

  it('is the same after the read model is rebuilt from the events, whatever order the streams were applied in', async () => {
    const projection = new BankAccountDetailsProjection(scenario.readModels, scenario.repository);
    await projection.project(scenario.records());
    const before = await summaryOf(alice);
    await projection.reset();
    expect(await summaryOf(alice)).toBeUndefined();
    const rebuilt = new BankAccountDetailsProjection(scenario.readModels, scenario.repository);
    // Stream by stream, last written first: the accounts before their owners' registrations.
    const records = scenario.records();
    for (const stream of [...new Set(records.map((record) => record.streamId))].reverse()) await rebuilt.project(records.filter((record) => record.streamId === stream));
    expect(await summaryOf(alice)).toEqual(before);
  });
});
